"""The forms at the chair. Shapes only (numbers as numbers, a choice among the choices); the
services decide what the numbers mean. Vital signs use numeric keypads and large targets;
each form that stores something carries a key so that sending it twice stores it once."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms

from clinic.questionnaires.instruments import PHQ9
from clinic.treatments import vitals
from clinic.treatments.models import SessionEvent, VitalAlert
from clinic.treatments.readings import SCALE_MAX
from clinic.treatments.sessions import TOOK_TODAY, Checks

NUMERIC = {"inputmode": "numeric", "pattern": "[0-9]*", "autocomplete": "off"}
DECIMAL = {"inputmode": "decimal", "autocomplete": "off"}
SCALE_WORDS = {
    "sedation": [
        "0 awake",
        "1 drowsy",
        "2 dozing",
        "3 asleep, wakes to voice",
        "4 wakes to touch",
        "5 hard to wake",
    ],
    "dissociation": ["0 none", "1 mild", "2 moderate", "3 marked", "4 severe"],
    "nausea": ["0 none", "1 mild", "2 moderate", "3 vomiting"],
}


class _Clean(forms.Form):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, value in data.items():
            if isinstance(value, str) and "\x00" in value:
                self.add_error(name, "Remove the unusual character.")
        return data


def _vital(label: str, low: int, high: int, *, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=low,
        max_value=high,
        widget=forms.NumberInput(attrs=NUMERIC),
    )


class VitalsMixin(forms.Form):
    systolic = _vital("BP systolic", *vitals.PLAUSIBLE["systolic"])
    diastolic = _vital("BP diastolic", *vitals.PLAUSIBLE["diastolic"])
    pulse = _vital("Heart rate", *vitals.PLAUSIBLE["pulse"])
    spo2 = _vital("SpO₂ %", *vitals.PLAUSIBLE["spo2"])
    key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def reading(self) -> vitals.Reading:
        data = self.cleaned_data
        return vitals.Reading(
            systolic=data.get("systolic"),
            diastolic=data.get("diastolic"),
            pulse=data.get("pulse"),
            spo2=data.get("spo2"),
            respiration=data.get("respiration"),
        )


def _phq9_fields() -> dict[str, forms.Field]:
    choices = [("", "Not asked")] + [(str(o.value), o.label) for o in PHQ9.options]
    return {
        f"phq9_{item.number}": forms.TypedChoiceField(
            label=f"{item.number}. {item.text}",
            choices=choices,
            coerce=int,
            empty_value=None,
            required=False,
        )
        for item in PHQ9.items
        if item.scored
    }


class ChecksForm(VitalsMixin, _Clean):
    identity_confirmed = forms.BooleanField(
        label="The patient told me their full name and birth date, and they match the chart",
        required=False,
    )
    fasting = forms.BooleanField(label="Fasted as the protocol asks", required=False)
    took_today = forms.MultipleChoiceField(
        label="Taken today",
        choices=list(TOOK_TODAY.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    escort_name = forms.CharField(label="Escort or driver (name)", max_length=100, required=False)
    pregnancy_possible = forms.BooleanField(
        label="Could be pregnant (asked where relevant)", required=False
    )
    weight = forms.CharField(
        label="Weight today", max_length=10, widget=forms.TextInput(attrs=DECIMAL)
    )
    weight_unit = forms.ChoiceField(
        label="Unit", choices=[("kg", "kg"), ("lb", "lb")], initial="kg"
    )
    weight_confirmed = forms.BooleanField(
        label="Weighed again: the change since last time is right", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_phq9_fields())

    def phq9_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("phq9_")]

    def checks(self) -> Checks:
        data = self.cleaned_data
        answers = {
            int(name.removeprefix("phq9_")): value
            for name, value in data.items()
            if name.startswith("phq9_") and value is not None
        }
        return Checks(
            identity_confirmed=data["identity_confirmed"],
            fasting=data["fasting"],
            escort_name=data["escort_name"],
            took_today=tuple(data["took_today"]),
            pregnancy_possible=data["pregnancy_possible"],
            weight=data["weight"],
            weight_unit=data["weight_unit"],
            weight_confirmed=data["weight_confirmed"],
            phq9=answers or None,
        )


class ReadingForm(VitalsMixin, _Clean):
    respiration = _vital("Breaths a minute", *vitals.PLAUSIBLE["respiration"])
    sedation = forms.TypedChoiceField(
        choices=[("", "-"), *enumerate(SCALE_WORDS["sedation"])],
        coerce=int,
        empty_value=None,
        required=False,
    )
    dissociation = forms.TypedChoiceField(
        choices=[("", "-"), *enumerate(SCALE_WORDS["dissociation"])],
        coerce=int,
        empty_value=None,
        required=False,
    )
    nausea = forms.TypedChoiceField(
        choices=[("", "-"), *enumerate(SCALE_WORDS["nausea"])],
        coerce=int,
        empty_value=None,
        required=False,
    )
    note = forms.CharField(
        label="Observation",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def scales(self) -> dict[str, int | None]:
        return {name: self.cleaned_data.get(name) for name in SCALE_MAX}


class ApproveForm(_Clean):
    reason = forms.CharField(
        label="Your reason for going ahead",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PrepareForm(_Clean):
    lot = forms.CharField(label="Lot number", max_length=40)
    expires_on = forms.DateField(
        label="Expiry date", widget=forms.DateInput(attrs={"type": "date"})
    )
    mg_per_kg = forms.TypedChoiceField(label="Dose today", coerce=str, required=False, choices=())
    concentration = forms.DecimalField(
        label="Vial concentration, mg/mL",
        required=False,
        min_value=0,
        max_value=1000,
        max_digits=6,
        decimal_places=1,
        widget=forms.NumberInput(attrs=DECIMAL | {"step": "any"}),
    )
    diluent_ml = forms.DecimalField(
        label="Diluent, mL (bag or syringe)",
        required=False,
        min_value=0,
        max_value=1000,
        max_digits=6,
        decimal_places=1,
        initial=0,
        widget=forms.NumberInput(attrs=DECIMAL | {"step": "any"}),
    )
    override_reason = forms.CharField(
        label="Reason to go over a hard limit (prescriber only, only if needed)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, steps: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mg_per_kg"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [(s, f"{s} mg/kg") for s in steps or []]
        if not steps:
            del self.fields["mg_per_kg"], self.fields["concentration"], self.fields["diluent_ml"]


class AcknowledgeForm(_Clean):
    alert = forms.UUIDField(widget=forms.HiddenInput)
    action = forms.ChoiceField(
        label="What was done", choices=VitalAlert.Action.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label="Note", required=False, max_length=2000)


class EventForm(_Clean):
    key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    kind = forms.ChoiceField(
        label="Kind", choices=SessionEvent.Kind.choices, widget=forms.RadioSelect
    )
    what = forms.CharField(label="What was given, or what happened", max_length=2000)
    severity = forms.ChoiceField(
        label="Severity (adverse events)",
        choices=[("", "-"), *SessionEvent.Severity.choices],
        required=False,
    )
    outcome = forms.CharField(label="Outcome", required=False, max_length=2000)
    reported_to = forms.CharField(label="Reported to", required=False, max_length=2000)


class StopForm(_Clean):
    given_mg = forms.DecimalField(
        label="Total given, mg",
        min_value=0,
        max_value=1000,
        max_digits=6,
        decimal_places=1,
        widget=forms.NumberInput(attrs=DECIMAL | {"step": "any"}),
    )
    waste_mg = forms.DecimalField(
        label="Left to waste, mg",
        min_value=0,
        max_value=1000,
        max_digits=6,
        decimal_places=1,
        widget=forms.NumberInput(attrs=DECIMAL | {"step": "any"}),
    )


class DischargeForm(_Clean):
    alert_and_oriented = forms.BooleanField(label="Alert and oriented", required=False)
    walking_steadily = forms.BooleanField(label="Walking steadily", required=False)
    escort_present = forms.CharField(label="Escort present (name)", max_length=100, required=False)
    instructions_given = forms.BooleanField(label="Aftercare instructions given", required=False)
    reason_if_not_near_baseline = forms.CharField(
        label="If readings are not back near the baseline: why discharge is safe",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AddendumForm(_Clean):
    text = forms.CharField(
        label="Addendum", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
