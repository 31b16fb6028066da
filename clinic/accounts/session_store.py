"""Sessions kept in the database, encrypted like patient fields.

A session holds who is signed in, the state of a pending sign-in and the messages shown on the
next page; none of that may sit readable in the sessions table or a backup of it. The payload is
Django's signed JSON, sealed with the field keyring (AES-GCM, bound to the sessions table); a
row that does not decrypt (altered, or written before this store) reads as an empty session, so
the person signs in again.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from clinic.core import crypto, keys

_AAD = "django_session.session_data"
log = logging.getLogger("django.security.SuspiciousSession")


class SessionStore(DatabaseSessionStore):
    def encode(self, session_dict: dict[str, Any]) -> str:
        return crypto.encrypt(super().encode(session_dict), keyring=keys.keyring(), aad=_AAD)

    def decode(self, session_data: bytes | str) -> dict[str, Any]:
        if isinstance(session_data, bytes):
            session_data = session_data.decode("ascii", "replace")
        try:
            signed = crypto.decrypt(session_data, keyring=keys.keyring(), aad=_AAD)
        except crypto.DecryptionError:
            log.warning("Session data did not decrypt; starting an empty session")
            return {}
        return super().decode(signed)
