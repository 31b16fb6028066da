"""The fixed choices of the public request form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

DAYS = (
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
    ("sat", "Saturday"),
)
PERIODS = (
    ("morning", "Morning (8-12)"),
    ("afternoon", "Afternoon (12-5)"),
    ("evening", "Evening (5-7)"),
)
TIME_CHOICES = tuple(
    (f"{day}-{period}", f"{day_label} {period_label.split(' ')[0].lower()}")
    for day, day_label in DAYS
    for period, period_label in PERIODS
)
# The wall-clock window of each period, to match against a location's opening hours.
PERIOD_HOURS = {
    "morning": (dt.time(8), dt.time(12)),
    "afternoon": (dt.time(12), dt.time(17)),
    "evening": (dt.time(17), dt.time(19)),
}


def open_time_codes(hours: Iterable[tuple[int, dt.time, dt.time]]) -> set[str]:
    """The "day-period" codes during which a location with these opening hours (weekday,
    opens, closes) is open for at least part of the period."""
    found = set()
    for weekday, opens, closes in hours:
        if weekday >= len(DAYS):
            continue
        for period, (start, end) in PERIOD_HOURS.items():
            if opens < end and start < closes:
                found.add(f"{DAYS[weekday][0]}-{period}")
    return found


CONCERNS = (
    ("depression", "Depression"),
    ("trd", "Depression that other treatments have not helped"),
    ("anxiety", "Anxiety"),
    ("ptsd", "PTSD or trauma"),
    ("suicidal", "Thoughts of suicide"),
    ("other", "Something else"),
)
CONSENT_TEXT = (
    "I agree that the clinic may contact me by phone, text or email about this request. "
    "My information is kept private and encrypted."
)
