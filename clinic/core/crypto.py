"""Field encryption and blind indexes: AES-256-GCM with a keyring, HMAC-SHA256 look-ups.

A stored value reads `v1:<key id>:<base64(nonce | ciphertext | tag)>`. The associated data binds
it to its table, column and row, so a value copied elsewhere fails to decrypt. A failure to
decrypt raises: it never yields blank or garbled text.

Pure module: keys are passed in; nothing here reads settings, the database or the clock.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import os
import re
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VERSION = "v1"
NONCE_BYTES = 12
KEY_BYTES = 32
_KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


class DecryptionError(Exception):
    """A stored value could not be decrypted: wrong key, wrong row, or altered bytes."""


class KeyringError(ValueError):
    """The configured keys are unusable."""


@dataclass(frozen=True)
class Keyring:
    """Data keys by id; `active` encrypts, every key decrypts."""

    keys: dict[str, bytes]
    active: str

    def __post_init__(self) -> None:
        if self.active not in self.keys:
            raise KeyringError(f"the active key {self.active!r} is not in the keyring")
        for key_id, key in self.keys.items():
            if not _KEY_ID.match(key_id):
                raise KeyringError(f"key id {key_id!r} must be 1-32 letters, digits, - or _")
            if len(key) != KEY_BYTES:
                raise KeyringError(f"key {key_id!r} must be {KEY_BYTES} bytes (base64 of 32)")


def decode_key(text: str, *, name: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise KeyringError(f"{name} is not valid base64") from None
    if len(key) != KEY_BYTES:
        raise KeyringError(f"{name} must decode to {KEY_BYTES} bytes, not {len(key)}")
    return key


def parse_keyring(spec: str, active: str = "") -> Keyring:
    """'k2:BASE64,k1:BASE64' -> Keyring; the active key is `active`, or else the first."""
    keys: dict[str, bytes] = {}
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        key_id, sep, encoded = part.partition(":")
        if not sep:
            raise KeyringError("each key must be written as id:base64")
        keys[key_id.strip()] = decode_key(encoded, name=f"key {key_id.strip()!r}")
    if not keys:
        raise KeyringError("the keyring is empty")
    return Keyring(keys=keys, active=active or next(iter(keys)))


@functools.lru_cache(maxsize=32)
def _aead(key: bytes) -> AESGCM:
    """One cipher object per key (building it expands the key schedule)."""
    return AESGCM(key)


def encrypt(plaintext: str, *, keyring: Keyring, aad: str) -> str:
    nonce = os.urandom(NONCE_BYTES)
    sealed = _aead(keyring.keys[keyring.active]).encrypt(
        nonce, plaintext.encode("utf-8"), aad.encode("utf-8")
    )
    return f"{VERSION}:{keyring.active}:{base64.b64encode(nonce + sealed).decode('ascii')}"


def key_id_of(stored: str) -> str:
    """The key id a stored value was encrypted with."""
    version, _, rest = stored.partition(":")
    key_id, sep, _ = rest.partition(":")
    if version != VERSION or not sep:
        raise DecryptionError("not an encrypted value of a known version")
    return key_id


def decrypt(stored: str, *, keyring: Keyring, aad: str) -> str:
    key_id = key_id_of(stored)
    key = keyring.keys.get(key_id)
    if key is None:
        raise DecryptionError(f"no key {key_id!r} in the keyring")
    try:
        raw = base64.b64decode(stored.split(":", 2)[2], validate=True)
    except (binascii.Error, ValueError):
        raise DecryptionError("the stored value is not valid base64") from None
    if len(raw) < NONCE_BYTES + 16:
        raise DecryptionError("the stored value is too short")
    try:
        plain = _aead(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], aad.encode("utf-8"))
    except InvalidTag:
        raise DecryptionError("authentication failed: altered, moved or wrong key") from None
    return plain.decode("utf-8")


def normalise(value: str) -> str:
    """Case, spacing and Unicode form folded, for exact-match look-ups."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def normalise_phone(value: str) -> str:
    """Digits only; a 10-digit North American number gains its country code."""
    digits = "".join(ch for ch in value if ch.isdigit())
    return "1" + digits if len(digits) == 10 else digits


def blind_index(value: str, *, key: bytes, purpose: str) -> str:
    """HMAC-SHA256 of the normalised value; `purpose` keeps indexes of different fields apart."""
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
