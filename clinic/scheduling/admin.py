"""Owners set up scheduling in the administration pages: chairs and rooms, staff hours and
leave, and appointment types (every change is in the audit trail)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from clinic.accounts.admin import AuditedAdmin
from clinic.accounts.admin_site import admin_site
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


@admin.register(StaffException, site=admin_site)
class StaffExceptionAdmin(AuditedAdmin):
    list_display = ["user", "kind", "location", "starts_at", "ends_at", "note"]
    list_filter = ["kind", "location"]

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
