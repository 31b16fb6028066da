"""Keyed look-up digests of values kept encrypted, shared across layers."""

from __future__ import annotations

from clinic.core import keys
from clinic.core.crypto import blind_index, normalise


def user_email_index(email: str) -> str:
    """The digest that finds an account by its sign-in address (case and spacing folded)."""
    return blind_index(normalise(email), key=keys.blind_index_key(), purpose="user-email")
