"""Signed links that let a person manage their own booking from an email, without an account.
The link names the booking and is signed with the site's secret; it stops working a week
after the appointment (VALID_AFTER_END)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core import signing
from django.urls import reverse

_SALT = "clinic.scheduling.manage-booking"
VALID_AFTER_END = dt.timedelta(days=7)


def manage_token(code: uuid.UUID) -> str:
    return signing.dumps(str(code), salt=_SALT, compress=False)


def booking_code_from(token: str) -> uuid.UUID | None:
    try:
        value = signing.loads(token, salt=_SALT)
        return uuid.UUID(str(value))
    except (signing.BadSignature, ValueError):
        return None


def manage_url(code: uuid.UUID) -> str:
    return settings.CLINIC_BASE_URL + reverse(
        "public:manage_booking", kwargs={"token": manage_token(code)}
    )
