"""Field encryption and blind indexes, without a database."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic.core.crypto import (
    DecryptionError,
    KeyringError,
    blind_index,
    decrypt,
    encrypt,
    key_id_of,
    normalise,
    normalise_phone,
    parse_keyring,
)

K1 = base64.b64encode(b"1" * 32).decode()
K2 = base64.b64encode(b"2" * 32).decode()
RING = parse_keyring(f"k1:{K1}")
AAD = "patients_patient.first_name:5f0c"


def test_round_trip_and_format() -> None:
    stored = encrypt("Jordan", keyring=RING, aad=AAD)
    assert stored.startswith("v1:k1:")
    assert "Jordan" not in stored
    assert decrypt(stored, keyring=RING, aad=AAD) == "Jordan"


def test_same_plaintext_encrypts_differently_each_time() -> None:
    assert encrypt("x", keyring=RING, aad=AAD) != encrypt("x", keyring=RING, aad=AAD)


@given(st.text(max_size=300))
def test_any_text_round_trips(text: str) -> None:
    assert decrypt(encrypt(text, keyring=RING, aad=AAD), keyring=RING, aad=AAD) == text


def test_every_flipped_byte_fails_loudly() -> None:
    stored = encrypt("Jordan Avery", keyring=RING, aad=AAD)
    raw = bytearray(base64.b64decode(stored.split(":", 2)[2]))
    for index in range(len(raw)):
        altered = bytearray(raw)
        altered[index] ^= 0x01
        value = "v1:k1:" + base64.b64encode(bytes(altered)).decode()
        with pytest.raises(DecryptionError):
            decrypt(value, keyring=RING, aad=AAD)


def test_a_value_moved_to_another_row_or_column_fails() -> None:
    stored = encrypt("Jordan", keyring=RING, aad="patients_patient.first_name:row-a")
    with pytest.raises(DecryptionError, match="authentication failed"):
        decrypt(stored, keyring=RING, aad="patients_patient.first_name:row-b")
    with pytest.raises(DecryptionError):
        decrypt(stored, keyring=RING, aad="patients_patient.last_name:row-a")


@pytest.mark.parametrize(
    "bad", ["", "plain text", "v2:k1:AAAA", "v1:k1", "v1:k1:!!!", "v1:k1:AAAA", "v1:zz:" + "A" * 40]
)
def test_malformed_values_fail_loudly(bad: str) -> None:
    with pytest.raises(DecryptionError):
        decrypt(bad, keyring=RING, aad=AAD)


def test_old_keys_decrypt_and_the_active_key_encrypts() -> None:
    old = encrypt("x", keyring=RING, aad=AAD)
    ring = parse_keyring(f"k2:{K2},k1:{K1}")
    assert ring.active == "k2"
    assert decrypt(old, keyring=ring, aad=AAD) == "x"
    assert key_id_of(encrypt("x", keyring=ring, aad=AAD)) == "k2"
    assert parse_keyring(f"k2:{K2},k1:{K1}", "k1").active == "k1"


@pytest.mark.parametrize(
    ("spec", "active", "message"),
    [
        ("", "", "empty"),
        ("k1", "", "id:base64"),
        ("k1:notbase64!", "", "base64"),
        (f"k1:{base64.b64encode(b'short').decode()}", "", "32 bytes"),
        (f"k1:{K1}", "k9", "active key"),
        (f"bad id:{K1}", "", "key id"),
    ],
)
def test_bad_keyrings_are_refused(spec: str, active: str, message: str) -> None:
    with pytest.raises(KeyringError, match=message):
        parse_keyring(spec, active)


def test_blind_index_normalises_and_separates_purposes() -> None:
    key = b"k" * 32
    a = blind_index(normalise("  Jordan.Avery@Example.ORG "), key=key, purpose="email")
    b = blind_index(normalise("jordan.avery@example.org"), key=key, purpose="email")
    assert a == b
    assert a != blind_index(normalise("jordan.avery@example.org"), key=key, purpose="phone")
    assert a != blind_index(normalise("jordan.avery@example.org"), key=b"j" * 32, purpose="email")


@pytest.mark.parametrize(
    ("raw", "digits"),
    [("(214) 555-0100", "12145550100"), ("+1 214 555 0100", "12145550100"), ("", "")],
)
def test_phone_normalisation(raw: str, digits: str) -> None:
    assert normalise_phone(raw) == digits
