"""Placing an induction series: pure, no database or clock.

Given the open start times of the appointment type (local wall-clock datetimes), place
`count` sessions at most one a day, at least `min_gap_days` apart, on preferred weekdays when
possible, each as close as possible to the preferred time of day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class SeriesPlan:
    placed: tuple[dt.datetime, ...]
    missing: int  # sessions that could not be placed in the range


def _distance(moment: dt.datetime, preferred: dt.time) -> int:
    minutes = moment.hour * 60 + moment.minute
    return abs(minutes - (preferred.hour * 60 + preferred.minute))


def plan_series(
    open_starts: Iterable[dt.datetime],
    *,
    count: int,
    weekdays: Sequence[int],
    preferred_time: dt.time,
    min_gap_days: int = 1,
) -> SeriesPlan:
    """`open_starts` are local (wall-clock) datetimes in any order. Days are taken in date
    order; a day is used when it is a preferred weekday (all days if none are preferred)."""
    by_day: dict[dt.date, list[dt.datetime]] = {}
    for moment in open_starts:
        by_day.setdefault(moment.date(), []).append(moment)
    wanted = set(weekdays) or set(range(7))
    placed: list[dt.datetime] = []
    last_day: dt.date | None = None
    for day in sorted(by_day):
        if len(placed) == count:
            break
        if day.weekday() not in wanted:
            continue
        if last_day is not None and (day - last_day).days < max(min_gap_days, 1):
            continue
        best = min(by_day[day], key=lambda m: (_distance(m, preferred_time), m))
        placed.append(best)
        last_day = day
    return SeriesPlan(placed=tuple(placed), missing=count - len(placed))
