"""Form fields shared by every app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

FIRST_YEAR, LAST_YEAR = 1900, 2199


def in_calendar(day: dt.date | None) -> bool:
    """True for a date the clinic can work with (and do day arithmetic on without leaving
    Python's calendar, which ends at 0001-01-01 and 9999-12-31)."""
    return day is None or FIRST_YEAR <= day.year <= LAST_YEAR


class CalendarDateField(forms.DateField):
    """A date between 1900 and 2199: 0001-01-01 or 9999-12-31 get a clear message, never an
    overflow in the arithmetic behind the form."""

    default_error_messages = {
        "out_of_range": f"Enter a date between {FIRST_YEAR} and {LAST_YEAR}.",
    }

    def to_python(self, value: Any) -> dt.date | None:
        day = super().to_python(value)
        if not in_calendar(day):
            raise forms.ValidationError(self.error_messages["out_of_range"], code="out_of_range")
        return day
