"""The prescriber's order of a course: route, phase, sessions and cadence, and the dose rule
(mg/kg with titration and ceiling for IV and IM; a fixed dose otherwise). The form checks
shapes; `plans.plan_sign` checks the order itself."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from clinic.treatments.models import TreatmentPlan
from clinic.treatments.plans import CADENCES, PlanOrder

CADENCE_CHOICES = [
    (str(c), label)
    for c, label in zip(
        CADENCES,
        ("Every other week", "Once a week", "Twice a week", "Three times a week"),
        strict=True,
    )
]


def _decimal(label: str, *, places: int, high: str, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_value=Decimal(high),
        decimal_places=places,
        max_digits=6,
    )


class PlanForm(forms.Form):
    route = forms.ChoiceField(choices=TreatmentPlan.Route.choices, widget=forms.RadioSelect)
    phase = forms.ChoiceField(choices=TreatmentPlan.Phase.choices, widget=forms.RadioSelect)
    sessions = forms.IntegerField(label="Number of sessions", min_value=1, max_value=52)
    per_week = forms.ChoiceField(label="How often", choices=CADENCE_CHOICES)
    valid_until = forms.DateField(
        label="Valid until", widget=forms.DateInput(attrs={"type": "date"})
    )
    start_mg_per_kg = _decimal("Starting dose, mg/kg (IV, IM)", places=2, high="5")
    step_mg_per_kg = _decimal("Titration step, mg/kg (optional)", places=2, high="5")
    max_mg_per_kg = _decimal("Highest dose, mg/kg (IV, IM)", places=2, high="5")
    minutes = forms.IntegerField(
        label="Infusion time in minutes (IV)", required=False, min_value=1, max_value=600
    )
    dose_mg = _decimal(
        "Dose in mg (esketamine 28, 56 or 84; oral, intranasal)", places=1, high="1000"
    )
    override_reason = forms.CharField(
        label="Reason to go ahead without a current consent or eligibility (only if needed)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, value in data.items():
            if isinstance(value, str) and "\x00" in value:
                self.add_error(name, "Remove the unusual character.")
        return data

    def order(self) -> PlanOrder:
        data = self.cleaned_data
        weight_based = data["route"] in (TreatmentPlan.Route.IV, TreatmentPlan.Route.IM)
        return PlanOrder(
            route=data["route"],
            phase=data["phase"],
            sessions=data["sessions"],
            per_week=Decimal(data["per_week"]),
            valid_until=data["valid_until"],
            start_mg_per_kg=data["start_mg_per_kg"] if weight_based else None,
            step_mg_per_kg=data["step_mg_per_kg"] if weight_based else None,
            max_mg_per_kg=data["max_mg_per_kg"] if weight_based else None,
            minutes=data["minutes"] if data["route"] == TreatmentPlan.Route.IV else None,
            dose_mg=None if weight_based else data["dose_mg"],
            override_reason=data["override_reason"],
        )
