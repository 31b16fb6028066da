"""Owners set the clinic's lines at the chair in administration (audited). One row: adding a
second is refused. Deleting it returns the clinic to the shipped defaults, which the chart
then labels as defaults."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from clinic.accounts.admin import AuditedAdmin
from clinic.accounts.admin_site import admin_site
from clinic.core import clock
from clinic.treatments.lines import LIMIT_FIELDS, THRESHOLD_FIELDS
from clinic.treatments.models import ClinicalSettings


class ClinicalSettingsForm(forms.ModelForm):
    class Meta:
        model = ClinicalSettings
        fields = [
            *THRESHOLD_FIELDS,
            *LIMIT_FIELDS,
            "every_during",
            "every_after",
            "aftercare_ketamine",
            "aftercare_esketamine",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        pairs = [
            ("hold_systolic", "stop_systolic", "The hold line must be below the stop line."),
            ("hold_diastolic", "stop_diastolic", "The hold line must be below the stop line."),
            ("min_pulse", "max_pulse", "The lowest heart rate must be below the highest."),
        ]
        for first, second, message in pairs:
            if first in data and second in data and data[first] >= data[second]:
                self.add_error(first, message)
        limits: list[tuple[str, int, int]] = [
            ("min_spo2", 70, 100),
            ("discharge_min_spo2", 70, 100),
            ("every_during", 1, 60),
            ("every_after", 1, 60),
            ("stop_systolic", 100, 260),
            ("stop_diastolic", 60, 160),
        ]
        for name, low, high in limits:
            if name in data and not low <= data[name] <= high:
                self.add_error(name, f"Between {low} and {high}.")
        if "mg_step" in data and data["mg_step"] <= 0:
            self.add_error("mg_step", "The rounding step must be more than 0 mg.")
        for name in ("max_mg_per_kg", "max_mg", "weight_change_percent"):
            if name in data and data[name] <= 0:
                self.add_error(name, "Must be more than 0.")
        if data.get("max_mg_per_kg", 0) > 3:
            self.add_error("max_mg_per_kg", "At most 3 mg/kg (doses above are refused).")
        if data.get("max_mg", 0) > 500:
            self.add_error("max_mg", "At most 500 mg (doses above are refused).")
        return data


@admin.register(ClinicalSettings, site=admin_site)
class ClinicalSettingsAdmin(AuditedAdmin):
    form = ClinicalSettingsForm
    fieldsets = [
        (
            "Vital signs",
            {
                "fields": [
                    ("hold_systolic", "hold_diastolic"),
                    ("stop_systolic", "stop_diastolic"),
                    ("min_pulse", "max_pulse"),
                    "min_spo2",
                ]
            },
        ),
        (
            "Discharge",
            {"fields": ["discharge_margin_bp", "discharge_margin_pulse", "discharge_min_spo2"]},
        ),
        (
            "Dosing",
            {
                "fields": [
                    "mg_step",
                    "round_down",
                    "max_mg_per_kg",
                    "max_mg",
                    "weight_change_percent",
                ]
            },
        ),
        ("Readings due (IV)", {"fields": ["every_during", "every_after"]}),
        ("Aftercare instructions", {"fields": ["aftercare_ketamine", "aftercare_esketamine"]}),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not ClinicalSettings.objects.exists()

    def save_model(
        self, request: HttpRequest, obj: ClinicalSettings, form: Any, change: bool
    ) -> None:
        obj.changed_at = clock.now()
        super().save_model(request, obj, form, change)
