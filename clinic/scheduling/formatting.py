"""Times as people read them, in the location's own zone: "Tuesday 24 November 2026, 9:00 am"."""

from __future__ import annotations

import datetime as dt
import zoneinfo

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def clock_text(moment: dt.datetime | dt.time) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'am' if moment.hour < 12 else 'pm'}"


def day_text(day: dt.date, *, year: bool = True) -> str:
    text = f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def when_text(moment: dt.datetime, tz: zoneinfo.ZoneInfo, *, zone: bool = True) -> str:
    local = moment.astimezone(tz)
    text = f"{day_text(local.date())}, {clock_text(local)}"
    return f"{text} {local.tzname()}" if zone else text
