"""Navigation for the signed-in person."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from clinic.accounts.policy import Perm


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {
            "nav_is_staff": False,
            "nav_is_patient": False,
            "nav_patients": False,
            "nav_waiting": False,
            "nav_sessions": False,
            "nav_requests": False,
            "nav_schedule": False,
        }
    return {
        "nav_is_staff": user.can(Perm.STAFF_HOME),
        "nav_is_patient": user.can(Perm.PATIENT_HOME),
        "nav_patients": user.can(Perm.PATIENT_LIST),
        "nav_waiting": user.can(Perm.INTAKE_SEND),
        "nav_sessions": user.can(Perm.SESSION_CHART),
        "nav_requests": user.can(Perm.ENQUIRY_VIEW),
        "nav_schedule": user.can(Perm.SCHEDULE_VIEW),
    }
