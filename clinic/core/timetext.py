"""Dates and times as people read them, in one place: "Tuesday 24 November 2026, 9:00 am",
"9 am - 5 pm", weekday names. Pure: no Django, no clock."""

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
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAYS = WEEKDAYS


def clock_text(moment: dt.datetime | dt.time, *, short: bool = False) -> str:
    """ "9:00 am"; with `short`, "9 am" on the hour (opening hours)."""
    hour = moment.hour % 12 or 12
    minutes = "" if short and not moment.minute else f":{moment.minute:02d}"
    return f"{hour}{minutes} {'am' if moment.hour < 12 else 'pm'}"


def day_text(day: dt.date, *, year: bool = True) -> str:
    text = f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def short_when_text(moment: dt.datetime, tz: zoneinfo.ZoneInfo) -> str:
    """ "Tue 3 Mar 2026, 9:00 am CST": for lists, always with the zone."""
    local = moment.astimezone(tz)
    day = f"{DAYS[local.weekday()][:3]} {local.day} {MONTHS[local.month - 1][:3]} {local.year}"
    return f"{day}, {clock_text(local)} {local.tzname()}"


def when_text(moment: dt.datetime, tz: zoneinfo.ZoneInfo, *, zone: bool = True) -> str:
    local = moment.astimezone(tz)
    text = f"{day_text(local.date())}, {clock_text(local)}"
    return f"{text} {local.tzname()}" if zone else text


def slot_days(
    times: list[dt.datetime], tz: zoneinfo.ZoneInfo
) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Open times grouped by local day, for a list of time buttons:
    [(day heading, [(ISO value, short label, full label)])] in the zone `tz`."""
    days: dict[dt.date, list[tuple[str, str, str]]] = {}
    for moment in times:
        local = moment.astimezone(tz)
        days.setdefault(local.date(), []).append(
            (moment.isoformat(), clock_text(local), when_text(moment, tz))
        )
    return [(day_text(day), slots) for day, slots in sorted(days.items())]
