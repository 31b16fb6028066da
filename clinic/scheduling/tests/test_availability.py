"""Open start times: hours, buffers, needs, bookings, notice, and both DST transitions
(no database)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic.scheduling.availability import (
    AppointmentRule,
    Need,
    Resource,
    Site,
    WeeklyHours,
    intersect,
    local_to_utc,
    normalise,
    open_slots,
    subtract,
)

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
DENVER = zoneinfo.ZoneInfo("America/Denver")
T = dt.time
M = dt.timedelta(minutes=1)
H = dt.timedelta(hours=1)


def weekdays(opens: int, closes: int) -> tuple[WeeklyHours, ...]:
    return tuple(WeeklyHours(d, T(opens), T(closes)) for d in range(7))


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


SITE = Site(tz=CHICAGO, hours=weekdays(9, 17))
CHAIR = Resource("chair-1", "chair", weekdays(9, 17))
NURSE = Resource("nurse-1", "nurse", weekdays(9, 17))
DOCTOR = Resource("doc-1", "prescriber", weekdays(9, 12))
INFUSION = AppointmentRule(
    duration=40 * M, buffer_after=20 * M, needs=(Need("chair"), Need("nurse"))
)
LONG_AGO = utc("2026-01-01T00:00:00")  # within a year of every test day


def slots(
    rule: AppointmentRule = INFUSION,
    *,
    resources: tuple[Resource, ...] = (CHAIR, NURSE),
    bookings: dict[str, list[tuple[dt.datetime, dt.datetime]]] | None = None,
    day: str = "2026-11-23",
    site: Site = SITE,
    now: dt.datetime = LONG_AGO,
    step: dt.timedelta = 30 * M,
) -> list[dt.datetime]:
    date = dt.date.fromisoformat(day)
    return open_slots(
        site=site,
        resources=resources,
        bookings=bookings or {},
        rule=rule,
        first_day=date,
        last_day=date,
        step=step,
        now=now,
    )


def local(moments: list[dt.datetime], tz: zoneinfo.ZoneInfo = CHICAGO) -> list[str]:
    return [m.astimezone(tz).strftime("%H:%M") for m in moments]


def test_a_free_day_offers_every_start_whose_window_fits() -> None:
    # 9:00-17:00, 60 minutes held (40 + 20): last start 16:00
    assert local(slots()) == [f"{h:02d}:{m:02d}" for h in range(9, 16) for m in (0, 30)] + ["16:00"]


def test_a_booking_blocks_every_overlapping_window_but_not_touching_ones() -> None:
    chicago_10_to_11 = [
        (
            local_to_utc(dt.date(2026, 11, 23), T(10), CHICAGO),
            local_to_utc(dt.date(2026, 11, 23), T(11), CHICAGO),
        )
    ]
    found = local(slots(bookings={"chair-1": chicago_10_to_11}))
    assert "09:00" in found  # 9:00-10:00 ends as the booking starts
    assert "09:30" not in found
    assert "10:30" not in found
    assert "11:00" in found


def test_a_second_chair_keeps_the_slot_open() -> None:
    second = Resource("chair-2", "chair", weekdays(9, 17))
    booked = [(utc("2026-11-23T16:00:00"), utc("2026-11-23T17:00:00"))]  # 10-11 in Chicago
    found = local(slots(resources=(CHAIR, second, NURSE), bookings={"chair-1": booked}))
    assert "10:00" in found


def test_every_need_must_be_met() -> None:
    assert slots(resources=(CHAIR,)) == []
    assert slots(resources=(NURSE,)) == []


def test_buffer_before_moves_the_first_start() -> None:
    rule = AppointmentRule(duration=30 * M, buffer_before=15 * M, needs=(Need("chair"),))
    assert local(slots(rule, resources=(CHAIR,), step=15 * M))[0] == "09:15"


def test_a_prescriber_on_site_for_the_whole_window_but_not_exclusively() -> None:
    esketamine = AppointmentRule(
        duration=2 * H, needs=(Need("chair"), Need("nurse"), Need("prescriber", exclusive=False))
    )
    busy_doctor = {"doc-1": [(utc("2026-11-23T15:00:00"), utc("2026-11-23T18:00:00"))]}
    found = local(slots(esketamine, resources=(CHAIR, NURSE, DOCTOR), bookings=busy_doctor))
    assert found == ["09:00", "09:30", "10:00"]  # the prescriber leaves at noon


def test_staff_leave_and_extra_hours() -> None:
    away = Resource(
        "nurse-1",
        "nurse",
        weekdays(9, 17),
        away=((utc("2026-11-23T16:00:00"), utc("2026-11-23T23:00:00")),),
    )  # from 10:00
    assert local(slots(resources=(CHAIR, away))) == ["09:00"]
    evening = Resource(
        "nurse-2", "nurse", (), extra=((utc("2026-11-24T00:00:00"), utc("2026-11-24T02:00:00")),)
    )
    late_site = Site(tz=CHICAGO, hours=weekdays(9, 20))
    late_chair = Resource("chair-1", "chair", weekdays(9, 20))
    assert local(slots(resources=(late_chair, evening), site=late_site)) == [
        "18:00",
        "18:30",
        "19:00",
    ]


def test_closures_minimum_notice_and_how_far_ahead() -> None:
    closed = Site(tz=CHICAGO, hours=weekdays(9, 17), closures=frozenset({dt.date(2026, 11, 26)}))
    assert slots(day="2026-11-26", site=closed) == []
    now = utc("2026-11-23T17:10:00")  # 11:10 in Chicago
    rule = AppointmentRule(
        duration=40 * M, buffer_after=20 * M, min_notice=2 * H, needs=(Need("chair"), Need("nurse"))
    )
    assert local(slots(rule, now=now))[0] == "13:30"
    near = AppointmentRule(
        duration=40 * M, max_ahead=dt.timedelta(days=1), needs=(Need("chair"), Need("nurse"))
    )
    assert slots(near, day="2026-11-25", now=now) == []


@pytest.mark.parametrize(
    ("day", "first_utc"),
    [
        ("2026-03-06", "2026-03-06T15:00:00"),  # Friday before spring-forward: CST, UTC-6
        ("2026-03-09", "2026-03-09T14:00:00"),  # Monday after: CDT, UTC-5
        ("2026-10-30", "2026-10-30T14:00:00"),  # Friday before fall-back: CDT
        ("2026-11-02", "2026-11-02T15:00:00"),  # Monday after: CST
    ],
)
def test_nine_am_stays_nine_am_across_dst(day: str, first_utc: str) -> None:
    found = slots(day=day)
    assert found[0] == utc(first_utc)
    assert local(found)[0] == "09:00"
    assert local(found)[-1] == "16:00"


@pytest.mark.parametrize(
    ("day", "hours_open"),
    [("2026-03-08", 23), ("2026-11-01", 25), ("2026-11-08", 24)],
)
def test_a_day_open_around_the_clock_has_the_hours_the_clock_shows(
    day: str, hours_open: int
) -> None:
    site = Site(tz=CHICAGO, hours=tuple(WeeklyHours(d, T(0), T(23, 59)) for d in range(7)))
    chair = Resource("chair-1", "chair", site.hours)
    rule = AppointmentRule(duration=H, needs=(Need("chair"),))
    found = slots(rule, resources=(chair,), site=site, day=day, step=H)
    assert len(found) == hours_open - 1  # starts from 0:00 to the last whole hour before 23:59


def test_a_location_in_another_zone_uses_its_own_clock() -> None:
    denver = Site(tz=DENVER, hours=weekdays(9, 17))
    found = slots(site=denver)
    assert found[0] == utc("2026-11-23T16:00:00")
    assert local(found, DENVER)[0] == "09:00"


def test_interval_helpers() -> None:
    a, b, c, d = (utc(f"2026-01-01T0{h}:00:00") for h in (1, 2, 3, 4))
    assert normalise([(c, d), (a, b), (b, c)]) == [(a, d)]
    assert subtract([(a, d)], [(b, c)]) == [(a, b), (c, d)]
    assert subtract([(a, b)], [(c, d)]) == [(a, b)]
    assert intersect([(a, c)], [(b, d)]) == [(b, c)]
    assert intersect([(a, b)], [(c, d)]) == []


@settings(max_examples=150, deadline=None)
@given(
    booked=st.lists(st.tuples(st.integers(0, 47), st.integers(1, 8)), max_size=6),
    buffer_before=st.sampled_from([0, 15]),
    buffer_after=st.sampled_from([0, 20]),
)
def test_slots_match_a_brute_force_check(
    booked: list[tuple[int, int]], buffer_before: int, buffer_after: int
) -> None:
    """Every start on the grid is offered exactly when its held window lies inside opening
    hours and overlaps no booking of the only chair (15-minute units from 9:00 Chicago)."""
    day = dt.date(2026, 11, 23)
    opens = local_to_utc(day, T(9), CHICAGO)
    closes = local_to_utc(day, T(17), CHICAGO)
    unit = 15 * M
    bookings = [(opens + a * unit, opens + (a + n) * unit) for a, n in booked]
    rule = AppointmentRule(
        duration=40 * M,
        buffer_before=buffer_before * M,
        buffer_after=buffer_after * M,
        needs=(Need("chair"),),
    )
    found = set(slots(rule, resources=(CHAIR,), bookings={"chair-1": bookings}, step=unit))
    for k in range(32):
        start = opens + k * unit
        window = (start - rule.buffer_before, start + rule.duration + rule.buffer_after)
        fits = opens <= window[0] and window[1] <= closes
        free = all(window[1] <= b0 or b1 <= window[0] for b0, b1 in bookings)
        assert (start in found) is (fits and free), (start, window)
