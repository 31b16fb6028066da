"""The audit trail's search form."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django import forms
from django.conf import settings

from clinic.audit import actions
from clinic.core.formfields import CalendarDateField


class AuditSearchForm(forms.Form):
    patient = forms.UUIDField(required=False, label="Patient code")
    user = forms.EmailField(required=False, label="Staff email")
    action = forms.ChoiceField(
        required=False, choices=lambda: [("", "Any action"), *actions.choices()]
    )
    since = CalendarDateField(
        required=False, label="From (date)", widget=forms.DateInput(attrs={"type": "date"})
    )
    until = CalendarDateField(
        required=False, label="To (date, inclusive)", widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            raise forms.ValidationError("The end date is before the start date.")
        return data

    def filters(self) -> dict[str, Any]:
        """Dates are the clinic's local days, turned into UTC bounds."""
        data = self.cleaned_data
        zone = zoneinfo.ZoneInfo(settings.CLINIC_TIME_ZONE)

        def start_of(day: dt.date | None) -> dt.datetime | None:
            return dt.datetime.combine(day, dt.time.min, tzinfo=zone) if day else None

        until = data.get("until")
        return {
            "patient_code": data.get("patient"),
            "actor_email": data.get("user") or "",
            "action": data.get("action") or "",
            "since": start_of(data.get("since")),
            "until": start_of(until + dt.timedelta(days=1)) if until else None,
        }
