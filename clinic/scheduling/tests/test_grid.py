"""The day grid as data (no database): free, taken, closed and off runs of cells."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from clinic.scheduling import grid

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
DAY = dt.date(2026, 3, 4)


def t(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour, minute), tzinfo=CHICAGO)


def states(cells: list[grid.Cell]) -> list[tuple[str, int]]:
    return [(c.state, c.span) for c in cells]


def test_columns_cover_the_opening_hours() -> None:
    cols = grid.columns(DAY, CHICAGO, [(dt.time(8), dt.time(12)), (dt.time(13), dt.time(17))], 30)
    assert cols[0] == t(8)
    assert cols[-1] == t(16, 30)
    assert len(cols) == 18
    closed_day = grid.columns(DAY, CHICAGO, [], 60)
    assert (closed_day[0], closed_day[-1]) == (t(8), t(17))


def test_a_booking_takes_the_columns_it_touches_and_the_rest_is_free_or_closed() -> None:
    cols = grid.columns(DAY, CHICAGO, [(dt.time(8), dt.time(12))], 30)
    cells = grid.row(
        cols,
        30,
        taken=[(t(9), t(9, 40), "infusion")],
        bookable=[(t(8), t(11))],
    )
    assert states(cells) == [
        ("free", 1),
        ("free", 1),
        ("taken", 2),  # 9:00-9:40 touches 9:00 and 9:30
        ("free", 1),
        ("free", 1),
        ("closed", 2),  # 11:00-12:00 not bookable: one merged cell
    ]
    assert cells[2].items == ("infusion",)
    assert cells[2].start == t(9)


def test_bookings_sharing_a_column_share_a_cell_and_back_to_back_ones_do_not() -> None:
    cols = grid.columns(DAY, CHICAGO, [(dt.time(8), dt.time(11))], 30)
    shared = grid.row(
        cols, 30, taken=[(t(8), t(8, 40), "a"), (t(8, 45), t(9, 15), "b")], bookable=[]
    )
    assert states(shared)[0] == ("taken", 3)
    assert shared[0].items == ("a", "b")
    apart = grid.row(cols, 30, taken=[(t(8), t(8, 30), "a"), (t(8, 30), t(9), "b")], bookable=[])
    assert states(apart)[:2] == [("taken", 1), ("taken", 1)]


def test_a_person_off_duty_is_marked_off_not_closed() -> None:
    cols = grid.columns(DAY, CHICAGO, [(dt.time(8), dt.time(10))], 60)
    cells = grid.row(cols, 60, taken=[], bookable=[(t(9), t(10))], shut=grid.OFF)
    assert states(cells) == [("off", 1), ("free", 1)]
