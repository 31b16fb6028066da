"""Forms for booking: the public self-booking details, and the staff actions."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.db.models import QuerySet

from clinic.core.formfields import CalendarDateField
from clinic.core.timetext import WEEKDAYS
from clinic.enquiries.forms import PublicRequestForm
from clinic.enquiries.models import Enquiry
from clinic.locations.models import Location
from clinic.scheduling.models import AppointmentType, Booking

_KEY = re.compile(r"^[0-9a-f]{32}$")


def parse_start(value: str | None) -> dt.datetime | None:
    """An ISO 8601 moment with its offset (as the slot buttons send it), in UTC; else None."""
    if not value or len(value) > 40:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None or not 2000 <= moment.year <= 2199:
        return None
    try:
        return moment.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        return None


class StartField(forms.CharField):
    widget = forms.HiddenInput

    def clean(self, value: Any) -> dt.datetime:
        moment = parse_start(super().clean(value))
        if moment is None:
            raise forms.ValidationError("Please choose a time from the list.")
        return moment


class SelfBookingForm(PublicRequestForm):
    """The consultation details of the public request form, for a chosen time."""

    start = StartField(max_length=40)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=32)

    def __init__(self, *args: Any, location: Location, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.location = location
        for name in ("kind", "preferred_location", "preferred_times"):
            del self.fields[name]

    def clean_idempotency_key(self) -> str:
        value = self.cleaned_data["idempotency_key"]
        if not _KEY.match(value):
            raise forms.ValidationError("This form has expired; please choose your time again.")
        return str(value)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["kind"] = Enquiry.Kind.BOOKING  # the booking's own type says what was booked
        data["preferred_location"] = self.location
        data["preferred_times"] = []
        return data


class CancelForm(forms.Form):
    reason = forms.ChoiceField(
        choices=[("", "Choose a reason"), *Booking.CancelReason.choices], label="Reason"
    )
    note = forms.CharField(
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Anything we should know? (optional)",
    )


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (Booking.Status.ATTENDED, "Attended"),
            (Booking.Status.NO_SHOW, "Did not attend"),
        ]
    )


class DayForm(forms.Form):
    day = CalendarDateField(
        required=False, label="Date", widget=forms.DateInput(attrs={"type": "date"})
    )


class StaffBookForm(forms.Form):
    appointment_type = forms.ModelChoiceField(
        queryset=AppointmentType.objects.filter(is_active=True), label="Appointment type"
    )
    location = forms.ModelChoiceField(queryset=Location.objects.none(), label="Location")
    day = CalendarDateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, locations: QuerySet[Location], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = locations  # type: ignore[attr-defined]


class CalendarForm(forms.Form):
    location = forms.ModelChoiceField(
        queryset=Location.objects.none(), required=False, to_field_name="code", empty_label=None
    )
    day = CalendarDateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    view = forms.ChoiceField(
        choices=[("day", "Day grid"), ("list", "Day list"), ("week", "Week")], required=False
    )
    resource = forms.CharField(required=False, max_length=24)

    def __init__(self, *args: Any, locations: QuerySet[Location], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = locations  # type: ignore[attr-defined]

    def clean_resource(self) -> str:
        value = self.cleaned_data["resource"]
        if value and not re.fullmatch(r"[ru][0-9]{1,12}", value):
            raise forms.ValidationError("Unknown chair, room or person.")
        return str(value)


class SeriesForm(StaffBookForm):
    count = forms.IntegerField(min_value=1, max_value=12, initial=6, label="Sessions")
    weeks = forms.IntegerField(
        min_value=1, max_value=8, initial=3, label="Over how many weeks (at most)"
    )
    weekdays = forms.TypedMultipleChoiceField(
        choices=[(i, d) for i, d in enumerate(WEEKDAYS)],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Preferred weekdays (none: any day)",
    )
    preferred_time = forms.TimeField(
        initial=dt.time(9), label="Preferred time", widget=forms.TimeInput(attrs={"type": "time"})
    )
    min_gap_days = forms.IntegerField(
        min_value=1, max_value=7, initial=2, label="At least this many days apart"
    )
