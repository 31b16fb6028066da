"""Template context shared by every page: the clinic's name, logo, colours, crisis line."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def branding(request: HttpRequest) -> dict[str, Any]:
    return {
        "clinic": {
            "name": settings.CLINIC_NAME,
            "logo": settings.CLINIC_LOGO,
            "brand_color": settings.CLINIC_BRAND_COLOR,
            "accent_color": settings.CLINIC_ACCENT_COLOR,
            "crisis_phone": settings.CLINIC_CRISIS_PHONE,
            "main_phone": settings.CLINIC_MAIN_PHONE,
        }
    }
