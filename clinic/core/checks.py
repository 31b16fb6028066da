"""System checks: configuration a clinic can set wrongly is refused at start-up."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.checks import CheckMessage, Error, register

from clinic.core.branding import contrast_ratio, meets_aa_on_white


@register()
def brand_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    for name in ("CLINIC_BRAND_COLOR", "CLINIC_ACCENT_COLOR"):
        value = getattr(settings, name)
        try:
            readable = meets_aa_on_white(value)
        except ValueError as exc:
            errors.append(Error(f"{name}: {exc}.", id="clinic.E001"))
            continue
        if not readable:
            errors.append(
                Error(
                    f"{name} {value} has a contrast of {contrast_ratio(value, '#ffffff'):.2f}:1 "
                    "with white; WCAG 2.1 AA needs 4.5:1. Choose a darker colour.",
                    id="clinic.E002",
                )
            )
    if not finders.find(settings.CLINIC_LOGO):
        errors.append(
            Error(f"CLINIC_LOGO {settings.CLINIC_LOGO!r} is not a static file.", id="clinic.E003")
        )
    return errors
