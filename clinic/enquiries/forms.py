"""Forms for requests: the public request form and the staff actions."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from clinic.enquiries.choices import CONCERNS, CONSENT_TEXT, TIME_CHOICES, open_time_codes
from clinic.enquiries.models import CallAttempt, Enquiry
from clinic.enquiries.services import EnquiryDetails
from clinic.locations import selectors as location_selectors
from clinic.locations.models import Location
from clinic.patients.forms import PersonForm, clean_name, clean_phone
from clinic.questionnaires.instruments import INSTRUMENTS
from clinic.questionnaires.scoring import InvalidAnswers, validate

_ASSESSMENT = re.compile(r"^(?P<code>[a-z0-9-]{3,10}):(?P<answers>[0-9,]{1,80})$")


def parse_assessment(value: str) -> tuple[str, dict[int, int]]:
    """'phq-9:0,1,2,…' -> ('phq-9', {1: 0, 2: 1, …}); raises ValueError if unreadable."""
    match = _ASSESSMENT.match(value)
    if not match or match.group("code") not in INSTRUMENTS:
        raise ValueError("unreadable self-assessment")
    instrument = INSTRUMENTS[match.group("code")]
    answers = {
        n: int(v) for n, v in enumerate(match.group("answers").split(","), start=1) if v != ""
    }
    validate(instrument, answers)
    return instrument.code, answers


def format_assessment(code: str, answers: dict[int, int]) -> str:
    last = max(answers) if answers else 0
    return code + ":" + ",".join(str(answers.get(n, "")) for n in range(1, last + 1))


class TimeChoices(forms.CheckboxSelectMultiple):
    """Each time box says at which locations it is open (`data-open-at`, location ids), so
    that a small script can offer only the chosen location's times."""

    open_at: dict[str, list[int]]

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        places = getattr(self, "open_at", {}).get(str(value))
        if places is not None:
            option["attrs"]["data-open-at"] = " ".join(str(pk) for pk in places)
        return option


class PublicRequestForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[
            (Enquiry.Kind.CONSULTATION, Enquiry.Kind.CONSULTATION.label),
            (Enquiry.Kind.PRICING, Enquiry.Kind.PRICING.label),
        ],
        widget=forms.RadioSelect,
        initial=Enquiry.Kind.CONSULTATION,
        label="What would you like?",
    )
    # Phone keyboards and autofill: the right keypad and the person's own details.
    name = forms.CharField(
        max_length=100,
        label="Your name",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        max_length=25,
        required=False,
        label="Phone",
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        max_length=254,
        required=False,
        label="Email",
        widget=forms.EmailInput(attrs={"inputmode": "email", "autocomplete": "email"}),
    )
    preferred_location = forms.ModelChoiceField(
        queryset=Location.objects.filter(is_active=True),
        required=False,
        empty_label="Any location",
        label="Preferred location",
    )
    preferred_times = forms.MultipleChoiceField(
        choices=TIME_CHOICES,
        required=False,
        widget=TimeChoices,
        label="When could we call or see you? (choose any)",
    )
    payment = forms.ChoiceField(
        choices=Enquiry.Payment.choices,
        widget=forms.RadioSelect,
        initial=Enquiry.Payment.UNSURE,
        label="How would you pay?",
    )
    insurance_payer = forms.CharField(max_length=100, required=False, label="Insurance company")
    insurance_member_id = forms.CharField(max_length=40, required=False, label="Member ID")
    concerns = forms.MultipleChoiceField(
        choices=CONCERNS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="What would you like help with?",
    )
    message = forms.CharField(
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Anything else you would like us to know (optional)",
    )
    include_assessment = forms.BooleanField(
        required=False, label="Send my self-assessment result with this request"
    )
    assessment = forms.CharField(required=False, widget=forms.HiddenInput, max_length=100)
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": "Tick the box to agree that the clinic may contact you."},
    )
    # A field people never see: a form that fills it is a robot's.
    website = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only times when some location is open; each box knows where it is open.
        open_at: dict[str, list[int]] = {}
        hours_of = location_selectors.opening_hours()
        self.with_hours = set(hours_of)
        for pk, hours in hours_of.items():
            for code in open_time_codes(hours):
                open_at.setdefault(code, []).append(pk)
        self.open_at = open_at
        field = self.fields["preferred_times"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101 - narrows the type
        if open_at:
            field.choices = [(c, label) for c, label in TIME_CHOICES if c in open_at]
        assert isinstance(field.widget, TimeChoices)  # noqa: S101 - narrows the type
        field.widget.open_at = open_at

    def clean_name(self) -> str:
        return clean_name(self.cleaned_data["name"], "name")

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()

    def clean_insurance_member_id(self) -> str:
        value = self.cleaned_data["insurance_member_id"].strip()
        if value and not re.fullmatch(r"[A-Za-z0-9 \-]{3,40}", value):
            raise forms.ValidationError("A member ID has letters, digits, spaces and hyphens.")
        return value

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise forms.ValidationError("Please leave this field empty.")
        return ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("phone") and not data.get("email") and "phone" not in self.errors:
            self.add_error("phone", "Please give a phone number or an email so we can reach you.")
        if data.get("payment") == Enquiry.Payment.INSURANCE and not data.get("insurance_payer"):
            self.add_error("insurance_payer", "Which insurance company? (You can check your card.)")
        if data.get("payment") == Enquiry.Payment.SELF_PAY:
            # Hidden once self-pay is chosen: anything typed before is not kept.
            data["insurance_payer"] = data["insurance_member_id"] = ""
        place = data.get("preferred_location")
        if place is not None and place.pk in self.with_hours:
            closed = [c for c in data.get("preferred_times", []) if place.pk not in self.open_at[c]]
            if closed:
                labels = dict(TIME_CHOICES)
                self.add_error(
                    "preferred_times",
                    f"{place.name} is not open on {', '.join(labels[c] for c in closed)}. "
                    "Choose other times, or any location.",
                )
        data["parsed_assessment"] = None
        if data.get("include_assessment") and data.get("assessment"):
            try:
                data["parsed_assessment"] = parse_assessment(data["assessment"])
            except (ValueError, InvalidAnswers):
                self.add_error(
                    "include_assessment",
                    "Your self-assessment result could not be read. Untick this box to send "
                    "your request without it.",
                )
        return data

    def details(self) -> EnquiryDetails:
        data = self.cleaned_data
        parsed = data.get("parsed_assessment")
        return EnquiryDetails(
            kind=data["kind"],
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            preferred_location=data["preferred_location"],
            preferred_times=data["preferred_times"],
            payment=data["payment"],
            insurance_payer=data["insurance_payer"].strip(),
            insurance_member_id=data["insurance_member_id"],
            concerns=data["concerns"],
            message=data["message"].strip(),
            assessment_instrument=parsed[0] if parsed else "",
            assessment_answers=parsed[1] if parsed else None,
        )


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        required=False,
        choices=[("open", "Open"), ("", "All"), *Enquiry.Status.choices],
        initial="open",
    )
    location = forms.ModelChoiceField(
        queryset=Location.objects.filter(is_active=True),
        required=False,
        empty_label="All locations",
    )
    urgent = forms.BooleanField(required=False, label="Urgent only")


class CallAttemptForm(forms.Form):
    outcome = forms.ChoiceField(choices=CallAttempt.Outcome.choices)
    note = forms.CharField(
        max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CloseForm(forms.Form):
    reason = forms.ChoiceField(choices=Enquiry.CloseReason.choices)


class ConvertForm(PersonForm):
    """A patient record from a request: contact details come from the request itself."""
