"""Reads: the staff calendar's day grid for one location (chairs, rooms and the people who
work there down the side, the day across), from the cached schedule configuration and the
day's bookings: a fixed number of queries whatever the number of chairs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from clinic.accounts.models import User
from clinic.locations.models import Location
from clinic.scheduling import availability as av
from clinic.scheduling import grid
from clinic.scheduling.claims import PERSON_NEED
from clinic.scheduling.config import schedule_config
from clinic.scheduling.models import Booking, Resource

STEP_MINUTES = 30


@dataclass(frozen=True)
class GridRow:
    key: str  # "r12" for a chair or room, "u7" for a person (the calendar's filter keys)
    label: str
    kind: str  # "chair", "room" or "person"
    cells: list[grid.Cell]


@dataclass(frozen=True)
class DayGrid:
    columns: list[dt.datetime]
    rows: list[GridRow]
    closed: bool  # a closure, or no opening hours that day
    step: int = STEP_MINUTES


def _spans(hours: Sequence[av.WeeklyHours], location: Location, day: dt.date) -> list[av.Span]:
    return av.weekly_spans(hours, location.tz, day, day)


def day_grid(
    location: Location, day: dt.date, bookings: Sequence[Booking], *, resource_key: str = ""
) -> DayGrid:
    """`bookings` are the day's at the location, with their holds prefetched (the calendar's
    own read); cancelled ones take nothing."""
    config = schedule_config()
    weekly = [h for h in config.opening.get(location.id, ()) if h.weekday == day.weekday()]
    closed = day in config.closures.get(location.id, frozenset()) or not weekly
    cols = grid.columns(day, location.tz, [(h.opens, h.closes) for h in weekly], STEP_MINUTES)
    open_spans = [] if closed else _spans(weekly, location, day)
    taken: dict[str, list[tuple[dt.datetime, dt.datetime, Booking]]] = {}
    for booking in bookings:
        if not booking.is_active:
            continue
        for hold in booking.holds.all():
            if not hold.active or hold.need == PERSON_NEED:
                continue
            key = f"r{hold.resource_id}" if hold.resource_id else f"u{hold.staff_id}"
            taken.setdefault(key, []).append((booking.starts_at, booking.ends_at, booking))
    rows: list[GridRow] = []
    names = dict(
        Resource.objects.filter(location=location, is_active=True).values_list("id", "name")
    )
    for resource_id, kind in config.resources.get(location.id, ()):
        key = f"r{resource_id}"
        cells = grid.row(cols, STEP_MINUTES, taken=taken.get(key, []), bookable=open_spans)
        rows.append(GridRow(key, names.get(resource_id, key), kind, cells))
    staff = {
        user_id: hours
        for (user_id, loc_id), hours in config.staff_hours.items()
        if loc_id == location.id
    }
    people = User.objects.filter(id__in=staff, is_active=True)
    for person in sorted(people, key=lambda p: p.display_name):  # names are encrypted
        key = f"u{person.id}"
        working = _spans(staff[person.id], location, day)
        working = av.normalise([*working, *config.extra.get((person.id, location.id), ())])
        bookable = [] if closed else av.subtract(working, config.away.get(person.id, ()))
        cells = grid.row(
            cols, STEP_MINUTES, taken=taken.get(key, []), bookable=bookable, shut=grid.OFF
        )
        rows.append(GridRow(key, person.display_name, "person", cells))
    if resource_key:
        rows = [r for r in rows if r.key == resource_key]
    return DayGrid(columns=cols, rows=rows, closed=closed)
