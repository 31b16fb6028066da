"""Owners set up scheduling in the administration pages: chairs and rooms, staff hours and
leave, and appointment types (every change is in the audit trail)."""

from __future__ import annotations

from django.contrib import admin

from clinic.accounts.admin import AuditedAdmin
from clinic.accounts.admin_site import admin_site
from clinic.scheduling.models import AppointmentType, Resource, StaffException, StaffHours


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
