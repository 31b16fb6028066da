"""Intake forms, built from the sections in `questions.py`: yes / no / not sure questions,
short texts, and lists (clinicians, medicines, earlier antidepressants) as rows. They
validate and return the section's answers; they never save."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms

from clinic.intake import questions
from clinic.intake.evaluation import Draft
from clinic.intake.models import ConsentDocument, DiagnosisCode, Evaluation
from clinic.intake.screening import ROUTE_LABELS, Severity

ANSWERS = [("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")]

TEXT_LABELS = {
    "legal_name": "Your legal name",
    "preferred_name": "The name you like to be called (optional)",
    "pronouns": "Your pronouns (optional)",
    "sex_at_birth": "Sex assigned at birth (optional)",
    "gender_identity": "Gender identity (optional)",
    "emergency_name": "Emergency contact's name",
    "emergency_phone": "Emergency contact's phone",
    "emergency_relationship": "How you know them",
    "driver_name": "Who will drive you home after a session",
    "driver_phone": "Their phone",
    "diagnoses": "Diagnoses you have been given (optional)",
    "notes": "Anything else we should know (optional)",
    "allergies": "Allergies to medicines or anything else (write none if none)",
    "weight": "Weight",
    "weight_unit": "Unit",
    "height_cm": "Height in centimetres (optional)",
    "payer": "Insurance company (optional)",
    "member_id": "Member ID (optional)",
    "group": "Group number (optional)",
}
LONG_TEXTS = {"diagnoses", "notes", "allergies"}
PHONES = {"emergency_phone", "driver_phone"}
COLUMN_LABELS = {
    "name": "Name",
    "role": "Their role",
    "phone": "Phone",
    "release": "May we share information with them?",
    "dose": "Dose",
    "how_often": "How often",
    "kind": "Kind of medicine",
    "drug": "Medicine",
    "weeks": "Weeks taken",
    "response": "Did it help?",
    "why_stopped": "Why you stopped",
}
CHOICES = {
    "role": [
        ("prescriber", "Psychiatrist or prescriber"),
        ("therapist", "Therapist"),
        ("primary", "Primary care"),
        ("other", "Other"),
    ],
    "release": [("yes", "Yes"), ("no", "No")],
    "kind": list(questions.MEDICATION_KINDS.items()),
    "response": [
        ("none", "Not at all"),
        ("partial", "A little"),
        ("good", "Helped, then stopped helping"),
        ("unsure", "Not sure"),
    ],
    "weight_unit": [("kg", "kg"), ("lb", "lb")],
}


def _text_field(name: str) -> forms.Field:
    label = TEXT_LABELS.get(name, name.replace("_", " ").capitalize())
    if name in CHOICES:
        return forms.ChoiceField(choices=CHOICES[name], label=label, required=False)
    if name == "weight":
        return forms.DecimalField(
            label=label, required=False, min_value=20, max_value=700, decimal_places=1
        )
    if name == "height_cm":
        return forms.IntegerField(label=label, required=False, min_value=50, max_value=260)
    attrs: dict[str, str] = {}
    if name in PHONES:
        attrs = {"type": "tel", "inputmode": "tel", "autocomplete": "off"}
    widget = (
        forms.Textarea(attrs={"rows": 3}) if name in LONG_TEXTS else forms.TextInput(attrs=attrs)
    )
    return forms.CharField(
        label=label,
        required=name == "legal_name",
        max_length=2000 if name in LONG_TEXTS else 200,
        widget=widget,
    )


class SectionForm(forms.Form):
    """One section's questions and texts (the lists are a formset of RowForm)."""

    def __init__(self, *args: Any, section: questions.Section, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section = section
        for question in section.questions:
            self.fields[question.name] = forms.ChoiceField(
                label=question.text,
                choices=ANSWERS,
                widget=forms.RadioSelect,
                required=True,
                error_messages={"required": "Choose yes, no or not sure."},
            )
        for name in section.texts:
            self.fields[name] = _text_field(name)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, value in list(data.items()):
            if isinstance(value, str):
                if "\x00" in value:
                    self.add_error(name, "Remove the unusual character from this answer.")
                data[name] = value.strip()
            elif value is not None and not isinstance(value, str):
                data[name] = str(value)
        return data


class RowForm(forms.Form):
    """One row of a list; an empty row is ignored."""

    def __init__(self, *args: Any, columns: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in columns:
            label = COLUMN_LABELS.get(name, name)
            if name in CHOICES:
                self.fields[name] = forms.ChoiceField(
                    label=label, choices=[("", "—"), *CHOICES[name]], required=False
                )
            elif name == "weeks":
                self.fields[name] = forms.IntegerField(
                    label=label, required=False, min_value=0, max_value=520
                )
            else:
                self.fields[name] = forms.CharField(label=label, required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, value in list(data.items()):
            if isinstance(value, str) and "\x00" in value:
                self.add_error(name, "Remove the unusual character from this answer.")
        return data

    def row(self) -> dict[str, str]:
        return {k: str(v).strip() for k, v in self.cleaned_data.items() if v not in (None, "")}


def row_formset(
    section: questions.Section,
    data: Any = None,
    initial: list[dict[str, Any]] | None = None,
    extra: int = 2,
) -> forms.BaseFormSet:
    columns = questions.LISTS[section.list_of]
    factory = forms.formset_factory(RowForm, extra=extra, max_num=40, validate_max=True)
    return factory(data, initial=initial, prefix=section.list_of, form_kwargs={"columns": columns})


def rows_of(formset: forms.BaseFormSet) -> list[dict[str, str]]:
    """The filled-in rows of a valid formset (empty ones dropped)."""
    return [r for r in (f.row() for f in formset.forms if f.has_changed()) if r]


class SignForm(forms.Form):
    typed_name = forms.CharField(
        max_length=200,
        label="Type your full name to sign",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Type your full name to sign."},
    )
    agree = forms.BooleanField(
        label="I have read this and I agree.",
        error_messages={"required": "Tick the box to say you have read and agree."},
    )


class PaperConsentForm(forms.Form):
    document: forms.ModelChoiceField[ConsentDocument] = forms.ModelChoiceField(
        queryset=ConsentDocument.objects.none(), label="Which consent", empty_label=None
    )
    signed_on = forms.DateField(label="Date signed", widget=forms.DateInput(attrs={"type": "date"}))
    scan = forms.FileField(
        label="Scan of the signed paper (PDF, PNG or JPEG)",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )

    def __init__(self, *args: Any, documents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents  # type: ignore[attr-defined]


class EvaluationForm(forms.Form):
    """The prescriber's evaluation. Each finding of the screening gets its own field: an
    override reason for an absolute one, an acknowledgement for a caution."""

    diagnosis: forms.ModelChoiceField[DiagnosisCode] = forms.ModelChoiceField(
        queryset=DiagnosisCode.objects.filter(active=True), label="Diagnosis (ICD-10)"
    )
    adequate_trials = forms.IntegerField(
        min_value=0, max_value=50, label="Adequate antidepressant trials"
    )
    resistance_met = forms.BooleanField(required=False, label="Treatment resistance met")
    baseline_phq9 = forms.IntegerField(
        min_value=0, max_value=27, required=False, label="Baseline PHQ-9 (optional)"
    )
    baseline_gad7 = forms.IntegerField(
        min_value=0, max_value=21, required=False, label="Baseline GAD-7 (optional)"
    )
    decision = forms.ChoiceField(
        choices=Evaluation.Decision.choices, widget=forms.RadioSelect, label="Decision"
    )
    routes = forms.MultipleChoiceField(
        choices=list(ROUTE_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Eligible for",
    )
    conditions = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    reason = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Reason (not eligible, or what is missing)",
    )
    note = forms.CharField(
        required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 5})
    )
    reevaluate_on = forms.DateField(
        required=False,
        label="Re-evaluate by (optional)",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, findings: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.absolute: list[str] = []
        self.relative: list[str] = []
        for finding in findings:
            rule = finding.rule
            if rule.severity is Severity.ABSOLUTE and f"override_{rule.code}" not in self.fields:
                self.absolute.append(rule.code)
                self.fields[f"override_{rule.code}"] = forms.CharField(
                    required=False,
                    max_length=1000,
                    label=f"Override: {rule.label}",
                    help_text="Only with a written clinical reason.",
                )
            elif rule.severity is Severity.RELATIVE and f"ack_{rule.code}" not in self.fields:
                self.relative.append(rule.code)
                self.fields[f"ack_{rule.code}"] = forms.BooleanField(
                    required=False, label=f"I have considered: {rule.label}"
                )
                self.fields[f"why_{rule.code}"] = forms.CharField(
                    required=False,
                    max_length=1000,
                    label=f"Your reason for going ahead despite it ({rule.label})",
                    help_text="Needed when you tick the box above.",
                )
        # the findings first, right under the screening they answer
        self.order_fields([n for n in self.fields if n.startswith(("override_", "ack_", "why_"))])

    def draft(self) -> Draft:
        data = self.cleaned_data
        return Draft(
            diagnosis=data["diagnosis"],
            adequate_trials=data["adequate_trials"],
            resistance_met=data["resistance_met"],
            decision=data["decision"],
            routes=tuple(data["routes"]),
            baseline_phq9=data["baseline_phq9"],
            baseline_gad7=data["baseline_gad7"],
            overrides={
                code: data[f"override_{code}"]
                for code in self.absolute
                if data.get(f"override_{code}", "").strip()
            },
            acknowledged={code for code in self.relative if data.get(f"ack_{code}")},
            caution_reasons={
                code: data[f"why_{code}"]
                for code in self.relative
                if data.get(f"why_{code}", "").strip()
            },
            conditions=data["conditions"],
            reason=data["reason"],
            note=data["note"],
            reevaluate_on=data["reevaluate_on"],
        )


class AddendumForm(forms.Form):
    text = forms.CharField(
        max_length=5000, widget=forms.Textarea(attrs={"rows": 3}), label="Addendum"
    )


_CARD_WIDGET = {"accept": "image/jpeg,image/png,application/pdf"}


class CardPhotosForm(forms.Form):
    """Photos of the insurance card sent with the insurance answers, in the same form, so
    that nothing typed is lost to a second submit."""

    front = forms.FileField(
        required=False,
        label="Photo of the front of your card (optional)",
        widget=forms.ClearableFileInput(attrs=_CARD_WIDGET),
    )
    back = forms.FileField(
        required=False,
        label="Photo of the back (optional)",
        widget=forms.ClearableFileInput(attrs=_CARD_WIDGET),
    )


class InsuranceCardForm(forms.Form):
    side = forms.ChoiceField(
        label="Which side", choices=[("front", "Front"), ("back", "Back")], initial="front"
    )
    image = forms.FileField(
        label="Photo or scan of the card (JPEG, PNG or PDF)",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
        error_messages={"required": "Choose a photo or scan of the card."},
    )


_ANSWER_TEXT = dict(ANSWERS)


@dataclass(frozen=True)
class Readable:
    """A section's answers as a person reads them: (label, text) lines, and the list's rows
    as lines of their own."""

    lines: list[tuple[str, str]]
    rows: list[list[tuple[str, str]]]


def _shown(name: str, value: Any) -> str:
    text = str(value)
    return dict(CHOICES[name]).get(text, text) if name in CHOICES else text


def readable(section: questions.Section, data: dict[str, Any]) -> Readable:
    lines = [
        (q.text, _ANSWER_TEXT.get(str(data.get(q.name, "")), "Not answered"))
        for q in section.questions
    ]
    lines += [
        (TEXT_LABELS.get(name, name), _shown(name, data[name]))
        for name in section.texts
        if data.get(name) not in (None, "")
    ]
    rows = [
        [
            (COLUMN_LABELS.get(name, name), _shown(name, row[name]))
            for name in questions.LISTS[section.list_of]
            if row.get(name) not in (None, "")
        ]
        for row in (data.get("rows") or [] if section.list_of else [])
    ]
    return Readable(lines=lines, rows=rows)
