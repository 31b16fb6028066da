"""Where a course stands against its cadence: expected days, done / booked / missing, and
whether it slips (with the clinic's tolerance, at, below and above its boundary)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic.treatments.cadence import expected_days, progress

MONDAY = dt.date(2026, 3, 2)


def test_twice_a_week_alternates_three_and_four_days() -> None:
    days = expected_days(MONDAY, Decimal(2), 6)
    assert [(d - MONDAY).days for d in days] == [0, 4, 7, 11, 14, 18]  # 3.5 half up: 4, 7, 11
    assert [d.strftime("%a") for d in days] == ["Mon", "Fri", "Mon", "Fri", "Mon", "Fri"]


@pytest.mark.parametrize(
    ("per_week", "gaps"),
    [(Decimal(1), [7, 7, 7]), (Decimal(3), [2, 3, 2]), (Decimal("0.5"), [14, 14, 14])],
)
def test_other_cadences(per_week: Decimal, gaps: list[int]) -> None:
    days = expected_days(MONDAY, per_week, 4)
    assert [(b - a).days for a, b in itertools.pairwise(days)] == gaps


@given(
    per_week=st.sampled_from([Decimal("0.5"), Decimal(1), Decimal(2), Decimal(3)]),
    sessions=st.integers(1, 52),
)
def test_the_course_never_runs_ahead_or_behind_by_a_day(per_week: Decimal, sessions: int) -> None:
    days = expected_days(MONDAY, per_week, sessions)
    for i, day in enumerate(days):
        exact = Decimal(7) / per_week * i
        assert abs(Decimal((day - MONDAY).days) - exact) <= Decimal("0.5")


def test_impossible_courses_are_refused() -> None:
    with pytest.raises(ValueError, match="at least one session"):
        expected_days(MONDAY, Decimal(0), 6)
    with pytest.raises(ValueError, match="at least one session"):
        expected_days(MONDAY, Decimal(2), 0)


@pytest.mark.parametrize(
    ("today_offset", "behind"),
    [
        (5, 0),  # Friday's session was due 1 day ago: within the 2-day tolerance
        (6, 1),  # due 2 days ago: at the tolerance, it counts
        (7, 1),
    ],
)
def test_a_missed_session_slips_at_the_tolerance(today_offset: int, behind: int) -> None:
    result = progress(
        sessions=6,
        per_week=Decimal(2),
        done=[MONDAY],
        booked=[],
        today=MONDAY + dt.timedelta(days=today_offset),
    )
    assert result.behind_by == behind
    assert result.slipping is (behind > 0)


def test_done_booked_and_missing() -> None:
    result = progress(
        sessions=6,
        per_week=Decimal(2),
        done=[MONDAY, MONDAY + dt.timedelta(days=4)],
        booked=[MONDAY + dt.timedelta(days=7), MONDAY + dt.timedelta(days=11)],
        today=MONDAY + dt.timedelta(days=5),
    )
    assert (result.done, result.booked, result.missing, result.behind_by) == (2, 2, 2, 0)


def test_before_any_session_the_course_is_on_track() -> None:
    result = progress(sessions=6, per_week=Decimal(2), done=[], booked=[], today=MONDAY)
    assert (result.done, result.missing, result.slipping) == (0, 6, False)


def test_more_sessions_than_planned_are_counted_up_to_the_plan() -> None:
    days = [MONDAY + dt.timedelta(days=i) for i in range(8)]
    result = progress(sessions=6, per_week=Decimal(2), done=days, booked=days, today=MONDAY)
    assert (result.done, result.booked, result.missing) == (6, 0, 0)
