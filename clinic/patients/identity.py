"""Blind-index values for a patient's exact-match look-ups."""

from __future__ import annotations

import datetime as dt

from clinic.core import keys
from clinic.core.crypto import blind_index, normalise, normalise_phone


def email_index(email: str) -> str:
    return (
        blind_index(normalise(email), key=keys.blind_index_key(), purpose="patient.email")
        if email
        else ""
    )


def phone_index(phone: str) -> str:
    digits = normalise_phone(phone)
    return (
        blind_index(digits, key=keys.blind_index_key(), purpose="patient.phone") if digits else ""
    )


def identity_index(last_name: str, date_of_birth: dt.date) -> str:
    value = f"{normalise(last_name)}|{date_of_birth.isoformat()}"
    return blind_index(value, key=keys.blind_index_key(), purpose="patient.identity")
