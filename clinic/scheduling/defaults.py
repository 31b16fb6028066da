"""The appointment types a new clinic starts with (every value is editable in administration).
Preparation texts follow common clinic practice (clinic settings, not medical advice)."""

from __future__ import annotations

from typing import Any

_INFUSION_PREP = (
    "No solid food for 6 hours before; clear liquids until 2 hours before. "
    "Take your usual medicines unless your prescriber told you otherwise. "
    "Bring an adult who will drive you home: you must not drive, operate machinery or sign "
    "important documents for 24 hours after your session."
)
_SPRAVATO_PREP = (
    "Avoid food for 2 hours and liquids for 30 minutes before your session. "
    "You will stay with us for at least 2 hours. Arrange a ride home: do not drive or operate "
    "machinery until the next day after a restful sleep."
)

STANDARD_TYPES: tuple[dict[str, Any], ...] = (
    {
        "slug": "free-phone-consultation",
        "name": "Free phone consultation",
        "public_description": "A 15-minute call with our care coordinator: questions, costs, "
        "insurance and next steps.",
        "duration_minutes": 15,
        "step_minutes": 15,
        "needs_coordinator": True,
        "is_telehealth": True,
        "min_notice_hours": 2,
        "max_ahead_days": 30,
        "self_bookable": True,
        "reminder_hours": "24,1",
    },
    {
        "slug": "psychiatric-evaluation",
        "name": "Psychiatric evaluation",
        "public_description": "A 60-minute visit with a psychiatric prescriber to see whether "
        "treatment is right for you.",
        "duration_minutes": 60,
        "step_minutes": 30,
        "needs_room": True,
        "prescriber": "exclusive",
        "min_notice_hours": 24,
        "max_ahead_days": 60,
        "self_bookable": True,
        "reminder_hours": "48,2",
        "preparation": "Bring a list of your medicines and any recent records from your doctors.",
    },
    {
        "slug": "iv-ketamine-infusion",
        "name": "IV ketamine infusion",
        "duration_minutes": 40,
        "buffer_before_minutes": 15,
        "buffer_after_minutes": 45,
        "step_minutes": 30,
        "needs_chair": True,
        "needs_nurse": True,
        "min_notice_hours": 12,
        "max_ahead_days": 120,
        "reminder_hours": "48,2",
        "preparation": _INFUSION_PREP,
    },
    {
        "slug": "esketamine-session",
        "name": "Esketamine (Spravato) session",
        "duration_minutes": 120,
        "buffer_before_minutes": 15,
        "buffer_after_minutes": 15,
        "step_minutes": 30,
        "needs_chair": True,
        "needs_nurse": True,
        "prescriber": "on_site",
        "min_notice_hours": 12,
        "max_ahead_days": 120,
        "reminder_hours": "48,2",
        "preparation": _SPRAVATO_PREP,
    },
    {
        "slug": "follow-up-visit",
        "name": "Follow-up visit",
        "duration_minutes": 30,
        "step_minutes": 15,
        "needs_room": True,
        "prescriber": "exclusive",
        "min_notice_hours": 4,
        "reminder_hours": "24",
    },
    {
        "slug": "telehealth-follow-up",
        "name": "Telehealth follow-up",
        "duration_minutes": 30,
        "step_minutes": 15,
        "prescriber": "exclusive",
        "is_telehealth": True,
        "min_notice_hours": 4,
        "reminder_hours": "24,1",
    },
)
