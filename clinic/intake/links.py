"""The intake link a patient opens on their phone, without an account: signed, for one
intake, expiring (CLINIC_INTAKE_LINK_DAYS), and retired when staff send a new one."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core import signing
from django.urls import reverse

_SALT = "clinic.intake.link"


def intake_token(code: uuid.UUID, version: int) -> str:
    return signing.dumps([str(code), version], salt=_SALT, compress=False)


def intake_from(token: str) -> tuple[uuid.UUID, int] | None:
    """(intake code, link version) of a valid, unexpired token; None otherwise."""
    try:
        code, version = signing.loads(
            token, salt=_SALT, max_age=settings.CLINIC_INTAKE_LINK_DAYS * 24 * 3600
        )
        return uuid.UUID(str(code)), int(version)
    except (signing.BadSignature, ValueError, TypeError):
        return None


def intake_url(code: uuid.UUID, version: int) -> str:
    return settings.CLINIC_BASE_URL + reverse(
        "public:intake", kwargs={"token": intake_token(code, version)}
    )
