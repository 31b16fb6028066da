"""The keys from the environment (via settings), parsed once. Keys are never derived from
SECRET_KEY and never stored in the database."""

from __future__ import annotations

from functools import cache

from django.conf import settings

from clinic.core.crypto import Keyring, decode_key, parse_keyring


@cache
def keyring() -> Keyring:
    return parse_keyring(settings.CLINIC_ENCRYPTION_KEYS, settings.CLINIC_ENCRYPTION_ACTIVE_KEY)


@cache
def blind_index_key() -> bytes:
    return decode_key(settings.CLINIC_BLIND_INDEX_KEY, name="CLINIC_BLIND_INDEX_KEY")


@cache
def audit_key() -> bytes:
    return decode_key(settings.CLINIC_AUDIT_KEY, name="CLINIC_AUDIT_KEY")


def reset() -> None:
    """Forget parsed keys (after the settings change, e.g. in rotation tests)."""
    keyring.cache_clear()
    blind_index_key.cache_clear()
    audit_key.cache_clear()
