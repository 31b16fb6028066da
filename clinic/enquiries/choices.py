"""The fixed choices of the public request form."""

from __future__ import annotations

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
