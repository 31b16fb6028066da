"""Where a course stands against its cadence. Pure: no database, settings or clock.

A course of `sessions` at `per_week` sessions a week is expected on the first session's day
and then every 7 / per_week days (twice a week: 3 and 4 days in turn, by rounding the running
total half up). A course slips when fewer sessions are done than were due by
`tolerance_days` ago."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


def expected_days(first: dt.date, per_week: Decimal, sessions: int) -> list[dt.date]:
    if per_week <= 0 or sessions < 1:
        raise ValueError("a course has at least one session at a positive cadence")
    interval = Decimal(7) / per_week
    return [
        first + dt.timedelta(days=int((interval * i).quantize(Decimal(1), rounding=ROUND_HALF_UP)))
        for i in range(sessions)
    ]


@dataclass(frozen=True)
class Progress:
    done: int
    booked: int  # ahead, not yet done
    missing: int  # neither done nor booked
    behind_by: int  # sessions fewer than were due by the tolerance (0: on track)

    @property
    def slipping(self) -> bool:
        return self.behind_by > 0


def progress(
    *,
    sessions: int,
    per_week: Decimal,
    done: list[dt.date],
    booked: list[dt.date],
    today: dt.date,
    tolerance_days: int = 2,
) -> Progress:
    """`done`: days of sessions given; `booked`: days of booked sessions not yet given. The
    course is expected from the first session given (or, before any, the first booked)."""
    done_count = min(len(done), sessions)
    booked_count = min(len(booked), sessions - done_count)
    starts = sorted(done) or sorted(booked)
    behind = 0
    if starts:
        due = [
            d
            for d in expected_days(starts[0], per_week, sessions)
            if d <= today - dt.timedelta(days=tolerance_days)
        ]
        behind = max(0, len(due) - done_count)
    return Progress(
        done=done_count,
        booked=booked_count,
        missing=sessions - done_count - booked_count,
        behind_by=behind,
    )
