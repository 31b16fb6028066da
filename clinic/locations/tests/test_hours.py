"""Open now / opens at, in the location's own zone, across DST and closures (no database)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from clinic.locations.hours import Opening, open_status, weekly_table

T = dt.time
WEEKDAYS_9_TO_5 = [Opening(d, T(9), T(17)) for d in range(5)]
SPLIT_SATURDAY = [Opening(5, T(9), T(12)), Opening(5, T(13), T(15))]
CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


def at(day: str, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, minute=minute)


@pytest.mark.parametrize(
    ("moment", "is_open", "text"),
    [
        (at("2026-11-23", 8, 59), False, "Closed · opens today at 9 am"),  # Monday
        (at("2026-11-23", 9, 0), True, "Open now until 5 pm"),
        (at("2026-11-23", 16, 59), True, "Open now until 5 pm"),
        (at("2026-11-23", 17, 0), False, "Closed · opens tomorrow at 9 am"),
        (at("2026-11-27", 18, 0), False, "Closed · opens Monday at 9 am"),  # Friday evening
        (at("2026-11-28", 10, 0), False, "Closed · opens Monday at 9 am"),  # Saturday
    ],
)
def test_open_now_and_next_opening(moment: dt.datetime, is_open: bool, text: str) -> None:
    status = open_status(moment, WEEKDAYS_9_TO_5, [])
    assert (status.is_open, status.text) == (is_open, text)


def test_split_day_reopens_after_lunch() -> None:
    assert open_status(at("2026-11-28", 12, 30), SPLIT_SATURDAY, []).text == (
        "Closed · opens today at 1 pm"
    )
    assert open_status(at("2026-11-28", 13, 30), SPLIT_SATURDAY, []).text == "Open now until 3 pm"


def test_holiday_closure() -> None:
    thanksgiving = dt.date(2026, 11, 26)
    status = open_status(at("2026-11-26", 11), WEEKDAYS_9_TO_5, [thanksgiving])
    assert status.is_open is False
    assert status.text == "Closed today · opens tomorrow at 9 am"
    before = open_status(at("2026-11-25", 18), WEEKDAYS_9_TO_5, [thanksgiving])
    assert before.text == "Closed · opens Friday at 9 am"


def test_no_hours_at_all() -> None:
    assert open_status(at("2026-11-23", 10), [], []).text == "Closed"


@pytest.mark.parametrize(
    ("utc", "is_open"),
    [
        # Spring forward, Sunday 8 March 2026: a Monday 9 am opening is 14:00 UTC after it
        ("2026-03-09T14:00:00+00:00", True),
        ("2026-03-09T13:59:00+00:00", False),
        # Fall back, Sunday 1 November 2026: the same opening is 15:00 UTC again
        ("2026-11-02T15:00:00+00:00", True),
        ("2026-11-02T14:59:00+00:00", False),
    ],
)
def test_dst_in_chicago(utc: str, is_open: bool) -> None:
    local = dt.datetime.fromisoformat(utc).astimezone(CHICAGO)
    assert open_status(local, WEEKDAYS_9_TO_5, []).is_open is is_open


def test_weekly_table() -> None:
    table = dict(weekly_table(WEEKDAYS_9_TO_5 + SPLIT_SATURDAY))
    assert table["Monday"] == "9 am - 5 pm"
    assert table["Saturday"] == "9 am - 12 pm, 1 pm - 3 pm"
    assert table["Sunday"] == "Closed"
