"""The day grid of the staff calendar, as data: one row per chair, room or person, one column
per step of the day, and in each row runs of cells that are free, taken, closed or off.

Pure: no database, settings or clock. The caller gives the day's columns, what each row
holds and when each row can be booked; the template only draws."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

Span = tuple[dt.datetime, dt.datetime]

FREE, TAKEN, CLOSED, OFF = "free", "taken", "closed", "off"


@dataclass(frozen=True)
class Cell:
    state: str  # FREE, TAKEN, CLOSED (the location is shut) or OFF (the person is not working)
    start: dt.datetime  # the first column's start (aware)
    span: int  # columns covered
    items: tuple[Any, ...] = ()  # what a taken cell holds, in order of start


def columns(
    day: dt.date, tz: zoneinfo.ZoneInfo, hours: Sequence[tuple[dt.time, dt.time]], step: int
) -> list[dt.datetime]:
    """Column starts from the earliest opening to the latest closing of the local day, every
    `step` minutes (a closed day shows 8 am to 6 pm so that bookings on it still show)."""
    first = min((opens for opens, _ in hours), default=dt.time(8))
    last = max((closes for _, closes in hours), default=dt.time(18))
    start = dt.datetime.combine(day, first, tzinfo=tz)
    end = dt.datetime.combine(day, last, tzinfo=tz)
    # Wall-clock columns; on a day when clocks change they follow local time.
    found = []
    moment = start
    while moment < end:
        found.append(moment)
        moment = moment + dt.timedelta(minutes=step)
    return found


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(window: Span, spans: Sequence[Span]) -> bool:
    return any(s[0] <= window[0] and window[1] <= s[1] for s in spans)


def row(
    cols: Sequence[dt.datetime],
    step: int,
    *,
    taken: Sequence[tuple[dt.datetime, dt.datetime, Any]],
    bookable: Sequence[Span],
    shut: str = CLOSED,
) -> list[Cell]:
    """The cells of one row. A column is taken when anything overlaps it (items overlapping
    the same columns share one cell), free when it lies wholly in a `bookable` span, else
    `shut`. Neighbouring closed or off columns merge; each free column is its own cell."""
    width = dt.timedelta(minutes=step)
    windows = [(c.astimezone(dt.UTC), c.astimezone(dt.UTC) + width) for c in cols]
    items = sorted(taken, key=lambda t: t[0])
    cells: list[Cell] = []
    i = 0
    while i < len(cols):
        here = [t for t in items if _overlaps((t[0], t[1]), windows[i])]
        if here:
            group = list(here)
            j = i + 1
            while j < len(cols):
                more = [t for t in items if _overlaps((t[0], t[1]), windows[j])]
                # One cell while something already in it reaches this column too (whatever
                # else starts in that column shares the cell).
                if not any(any(m is g for g in group) for m in more):
                    break
                group += [m for m in more if not any(m is g for g in group)]
                j += 1
            cells.append(Cell(TAKEN, cols[i], j - i, tuple(t[2] for t in group)))
            i = j
            continue
        state = FREE if _inside(windows[i], bookable) else shut
        if state != FREE and cells and cells[-1].state == state:
            last = cells[-1]
            cells[-1] = Cell(state, last.start, last.span + 1)
        else:
            cells.append(Cell(state, cols[i], 1))
        i += 1
    return cells
