"""Opening hours: is a location open now, and if not, when does it open? Pure: the caller
passes the local time (in the location's zone), the weekly hours and the closure dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from clinic.core.timetext import WEEKDAYS, clock_text


@dataclass(frozen=True)
class Opening:
    weekday: int  # 0 Monday .. 6 Sunday
    opens: dt.time
    closes: dt.time


@dataclass(frozen=True)
class OpenStatus:
    is_open: bool
    text: str


def open_status(
    now: dt.datetime, hours: Iterable[Opening], closures: Iterable[dt.date], *, horizon: int = 14
) -> OpenStatus:
    """`now` is local wall time at the location (aware or naive, in its zone)."""
    hours = sorted(hours, key=lambda o: (o.weekday, o.opens))
    closed_days = set(closures)
    today = now.date()
    moment = now.time().replace(tzinfo=None)
    if today not in closed_days:
        for opening in hours:
            if opening.weekday == today.weekday() and opening.opens <= moment < opening.closes:
                return OpenStatus(True, f"Open now until {clock_text(opening.closes, short=True)}")
    for offset in range(horizon):
        day = today + dt.timedelta(days=offset)
        if day in closed_days:
            continue
        for opening in hours:
            if opening.weekday != day.weekday():
                continue
            if offset == 0 and opening.opens <= moment:
                continue
            when = (
                "today" if offset == 0 else "tomorrow" if offset == 1 else WEEKDAYS[day.weekday()]
            )
            prefix = "Closed today" if today in closed_days else "Closed"
            return OpenStatus(
                False, f"{prefix} · opens {when} at {clock_text(opening.opens, short=True)}"
            )
    return OpenStatus(False, "Closed")


def weekly_table(hours: Iterable[Opening]) -> list[tuple[str, str]]:
    """(weekday name, "9 am - 5 pm, 6 pm - 8 pm" or "Closed") for Monday to Sunday."""
    by_day: dict[int, list[Opening]] = {}
    for opening in sorted(hours, key=lambda o: (o.weekday, o.opens)):
        by_day.setdefault(opening.weekday, []).append(opening)
    return [
        (
            name,
            ", ".join(
                f"{clock_text(o.opens, short=True)} - {clock_text(o.closes, short=True)}"
                for o in by_day.get(index, [])
            )
            or "Closed",
        )
        for index, name in enumerate(WEEKDAYS)
    ]
