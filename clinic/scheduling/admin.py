"""Owners set up scheduling in the administration pages: chairs and rooms, staff hours and
leave, and appointment types (every change is in the audit trail)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from clinic.accounts.admin import AuditedAdmin
from clinic.accounts.admin_site import admin_site
from clinic.core import clock
from clinic.core.timetext import short_when_text
from clinic.locations.models import Closure
from clinic.scheduling import conflicts
from clinic.scheduling.models import AppointmentType, Resource, StaffException, StaffHours


def _tell_what_broke(request: HttpRequest, broken: list[conflicts.Conflict]) -> None:
    """After a closure or leave is saved: the booked appointments it falls on, to move or
    cancel (nothing is cancelled silently; the patient is told when someone does)."""
    if not broken:
        return
    count = len(broken)
    messages.warning(
        request,
        format_html(
            "{} booked appointment{} fall{} in it and must be moved or cancelled: "
            '<a href="{}">review them</a>.',
            count,
            "" if count == 1 else "s",
            "s" if count == 1 else "",
            reverse("chart:conflicts"),
        ),
    )


@admin.register(Closure, site=admin_site)
class ClosureAdmin(AuditedAdmin):
    list_display = ["date", "location", "reason"]
    list_filter = ["location"]
    date_hierarchy = "date"

    def save_model(self, request: HttpRequest, obj: Closure, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        _tell_what_broke(request, conflicts.bookings_broken_by_closure(obj))


@admin.register(Resource, site=admin_site)
class ResourceAdmin(AuditedAdmin):
    list_display = ["name", "kind", "location", "is_active"]
    list_filter = ["location", "kind", "is_active"]


@admin.register(StaffHours, site=admin_site)
class StaffHoursAdmin(AuditedAdmin):
    list_display = ["user", "location", "weekday", "starts", "ends"]
    list_filter = ["location", "weekday"]


class LocalTimesForm(forms.ModelForm):
    """Leave and extra hours are typed and shown in the location's own zone (the clinic's
    zone for leave that applies everywhere): an owner in Chicago entering a Denver nurse's
    08:00-18:00 means 08:00-18:00 in Denver."""

    class Meta:
        model = StaffException
        fields = ["user", "location", "kind", "starts_at", "ends_at", "note"]
        help_texts = {
            "starts_at": "In the location's own time (the clinic's, for leave everywhere).",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        location = self.instance.location if self.instance.pk else None
        if location is not None:
            for name in ("starts_at", "ends_at"):
                moment = getattr(self.instance, name)
                self.initial[name] = moment.astimezone(location.tz).replace(tzinfo=None)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        location = data.get("location")
        if location is not None:
            for name in ("starts_at", "ends_at"):
                typed = data.get(name)
                if typed is not None:  # read in the clinic's zone; meant in the location's
                    wall = timezone.localtime(typed).replace(tzinfo=None)
                    data[name] = timezone.make_aware(wall, location.tz)
        return data


@admin.register(StaffException, site=admin_site)
class StaffExceptionAdmin(AuditedAdmin):
    form = LocalTimesForm
    list_display = ["user", "kind", "location", "starts_local", "ends_local", "note"]
    list_filter = ["kind", "location"]

    def _local(self, obj: StaffException, moment: dt.datetime) -> str:
        zone = obj.location.tz if obj.location is not None else clock.clinic_zone()
        return short_when_text(moment, zone)

    @admin.display(description="From", ordering="starts_at")
    def starts_local(self, obj: StaffException) -> str:
        return self._local(obj, obj.starts_at)

    @admin.display(description="Until", ordering="ends_at")
    def ends_local(self, obj: StaffException) -> str:
        return self._local(obj, obj.ends_at)

    def save_model(
        self, request: HttpRequest, obj: StaffException, form: Any, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        _tell_what_broke(request, conflicts.bookings_broken_by_leave(obj))


@admin.register(AppointmentType, site=admin_site)
class AppointmentTypeAdmin(AuditedAdmin):
    list_display = ["name", "duration_minutes", "self_bookable", "is_active"]
    list_filter = ["self_bookable", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "public_description", "is_active", "self_bookable"]}),
        (
            "Time",
            {
                "fields": [
                    "duration_minutes",
                    "buffer_before_minutes",
                    "buffer_after_minutes",
                    "step_minutes",
                    "min_notice_hours",
                    "max_ahead_days",
                    "late_cancel_hours",
                ]
            },
        ),
        (
            "Needs",
            {
                "fields": [
                    "needs_chair",
                    "needs_room",
                    "needs_nurse",
                    "needs_coordinator",
                    "prescriber",
                    "is_telehealth",
                ]
            },
        ),
        ("Reminders", {"fields": ["reminder_hours", "preparation"]}),
    ]
