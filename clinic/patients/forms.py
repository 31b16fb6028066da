"""Patient forms: validate and convert to domain values; they never save."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.db.models import QuerySet

from clinic.core import clock
from clinic.core.crypto import normalise_phone
from clinic.locations.models import Location
from clinic.patients import search
from clinic.patients.services import PatientDetails

_NAME = re.compile(r"^[^\W\d_](?:[^\W\d_]|[ '’.\-])*$")  # noqa: RUF001 - typographic apostrophe
EARLIEST_BIRTH = dt.date(1900, 1, 1)


def clean_name(value: str, label: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise forms.ValidationError(f"Please enter the {label}.")
    if len(value) > 100:
        raise forms.ValidationError(f"The {label} can be at most 100 characters.")
    if not _NAME.match(value):
        raise forms.ValidationError(
            f"The {label} can hold letters, spaces, hyphens, apostrophes and full stops."
        )
    return value


def clean_phone(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    if not re.fullmatch(r"[0-9 +().\-]{7,25}", value):
        raise forms.ValidationError("Enter a phone number with digits, e.g. (214) 555-0100.")
    digits = normalise_phone(value)
    if not 10 <= len(digits) <= 15:
        raise forms.ValidationError("A phone number has 10 to 15 digits.")
    return value


def clean_birth_date(value: dt.date) -> dt.date:
    if value > clock.today():
        raise forms.ValidationError("The date of birth cannot be in the future.")
    if value < EARLIEST_BIRTH:
        raise forms.ValidationError("Please check the year of birth.")
    return value


class DateInput(forms.DateInput):
    input_type = "date"


class PersonForm(forms.Form):
    """Name, date of birth and home location of a person the clinic is about to record."""

    first_name = forms.CharField(max_length=100, strip=True)
    last_name = forms.CharField(max_length=100, strip=True)
    # Bounded by clean_birth_date, with messages about birth dates in particular.
    date_of_birth = forms.DateField(widget=DateInput, help_text="For example 1985-04-23.")
    home_location = forms.ModelChoiceField(queryset=Location.objects.none(), empty_label=None)
    not_a_duplicate = forms.BooleanField(
        required=False,
        label="I have checked: this is a different person from the possible duplicates shown.",
    )

    def __init__(self, *args: Any, locations: QuerySet[Location], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["home_location"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        field.queryset = locations

    def clean_first_name(self) -> str:
        return clean_name(self.cleaned_data["first_name"], "first name")

    def clean_last_name(self) -> str:
        return clean_name(self.cleaned_data["last_name"], "last name")

    def clean_date_of_birth(self) -> dt.date:
        return clean_birth_date(self.cleaned_data["date_of_birth"])


class PatientForm(PersonForm):
    phone = forms.CharField(max_length=25, required=False)
    email = forms.EmailField(max_length=254, required=False)
    field_order = ["first_name", "last_name", "date_of_birth", "phone", "email", "home_location"]

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()

    def details(self) -> PatientDetails:
        data = self.cleaned_data
        return PatientDetails(
            first_name=data["first_name"],
            last_name=data["last_name"],
            date_of_birth=data["date_of_birth"],
            phone=data["phone"],
            email=data["email"],
            home_location=data["home_location"],
        )


class PatientSearchForm(forms.Form):
    q = forms.CharField(
        max_length=100,
        label="Name, phone or date of birth",
        help_text="Any part of a name (e.g. \u201cmar del\u201d), four or more digits of a phone "
        "number, a date of birth (1985-04-23 or 4/23/1985), or an exact email address.",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def clean_q(self) -> search.Query:
        try:
            return search.parse(self.cleaned_data["q"])
        except search.QueryRefused as refused:
            raise forms.ValidationError(str(refused)) from None

    def search(self) -> search.Query:
        query: search.Query = self.cleaned_data["q"]
        return query


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=15,
        max_length=1000,
        help_text="Why you need this record now, e.g. covering for a colleague at another "
        "location. Your reason is reviewed.",
    )
