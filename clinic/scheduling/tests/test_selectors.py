"""Open times from the database: local rules across DST, other zones, and a number of queries
that does not grow with chairs, staff or days."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.accounts.tests.factories import make_user
from clinic.locations.models import Location
from clinic.locations.tests.factories import make_location
from clinic.scheduling.models import StaffException
from clinic.scheduling.selectors import open_times
from clinic.scheduling.tests.factories import open_location, standard_types

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
EARLY = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def local_starts(times: list[dt.datetime], tz: zoneinfo.ZoneInfo, day: dt.date) -> list[str]:
    return [t.astimezone(tz).strftime("%H:%M") for t in times if t.astimezone(tz).date() == day]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (dt.date(2026, 3, 7), dt.date(2026, 3, 9)),  # spring forward on Sunday 8 March
        (dt.date(2026, 10, 31), dt.date(2026, 11, 2)),  # fall back on Sunday 1 November
    ],
)
def test_chicago_opening_hours_stay_on_the_wall_clock_across_dst(
    plano: Location, nurse: User, before: dt.date, after: dt.date
) -> None:
    open_location(plano, chairs=1, rooms=0, staff=(nurse,), days=range(7))
    kind = standard_types()["iv-ketamine-infusion"]
    week_ahead = dt.datetime.combine(before - dt.timedelta(days=7), dt.time(), tzinfo=dt.UTC)
    found = open_times(kind=kind, first_day=before, last_day=after, now=week_ahead)[plano]
    # Half-hour steps from the 8 am opening; 8:00 itself has no room for 15 minutes' set-up.
    expected = ["08:30", "09:00", "09:30"]
    for day in (before, before + dt.timedelta(days=1), after):
        assert local_starts(found, CHICAGO, day)[:3] == expected
        # The last infusion ends its recovery by 6 pm local, on both sides of the change.
        assert local_starts(found, CHICAGO, day)[-1] == "16:30"
    offsets = {t.astimezone(CHICAGO).utcoffset() for t in found}
    assert len(offsets) == 2


def test_a_location_in_another_zone_uses_its_own_local_times(nurse: User) -> None:
    denver = make_location(name="Denver", slug="denver", time_zone="America/Denver")
    nurse.locations.add(denver)
    open_location(denver, chairs=1, rooms=0, staff=(nurse,))
    kind = standard_types()["iv-ketamine-infusion"]
    day = dt.date(2026, 3, 10)
    found = open_times(kind=kind, first_day=day, last_day=day, now=EARLY)[denver]
    assert found[0] == dt.datetime(2026, 3, 10, 8, 30, tzinfo=zoneinfo.ZoneInfo("America/Denver"))
    assert found[0].astimezone(CHICAGO).hour == 9


def test_leave_and_extra_hours_change_the_open_times(plano: Location, nurse: User) -> None:
    open_location(plano, chairs=1, rooms=0, staff=(nurse,))
    kind = standard_types()["iv-ketamine-infusion"]
    day = dt.date(2026, 3, 10)
    StaffException.objects.create(
        user=nurse,
        kind=StaffException.Kind.LEAVE,
        starts_at=dt.datetime(2026, 3, 10, 0, tzinfo=CHICAGO),
        ends_at=dt.datetime(2026, 3, 10, 12, tzinfo=CHICAGO),
    )
    found = open_times(kind=kind, first_day=day, last_day=day, now=EARLY)[plano]
    assert local_starts(found, CHICAGO, day)[0] == "12:30"
    sunday = dt.date(2026, 3, 8)
    assert open_times(kind=kind, first_day=sunday, last_day=sunday, now=EARLY)[plano] == []


def _network(numbers: range) -> None:
    for n in numbers:
        location = make_location(name=f"Site {n}", slug=f"site-{n}")
        staff = tuple(
            make_user(role, locations=[location], email=f"s{n}-{role}@example.org")
            for role in (Role.NURSE, Role.PRESCRIBER)
        )
        open_location(location, chairs=2 + n, rooms=1, staff=staff)


def test_the_number_of_queries_does_not_grow_with_the_network(db: None) -> None:
    kind = standard_types()["esketamine-session"]
    counts = []
    for numbers, days in ((range(1), 1), (range(1, 5), 56)):
        _network(numbers)
        first = dt.date(2026, 3, 2)
        with CaptureQueriesContext(connection) as queries:
            found = open_times(
                kind=kind, first_day=first, last_day=first + dt.timedelta(days=days), now=EARLY
            )
        assert any(found.values())
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 8


def test_changes_to_hours_and_leave_are_seen_at_once_and_rolled_back_ones_never(
    plano: Location, nurse: User
) -> None:
    from django.db import transaction

    from clinic.locations.models import BusinessHours

    open_location(plano, chairs=1, rooms=0, staff=(nurse,))
    kind = standard_types()["iv-ketamine-infusion"]
    day = dt.date(2026, 3, 10)

    def first_start() -> str | None:
        found = open_times(kind=kind, first_day=day, last_day=day, now=EARLY)[plano]
        return local_starts(found, CHICAGO, day)[0] if found else None

    assert first_start() == "08:30"
    BusinessHours.objects.filter(location=plano, weekday=day.weekday()).update(opens=dt.time(10))
    assert first_start() == "10:30"

    seen_inside: list[str | None] = []

    def leave_then_undo() -> None:
        with transaction.atomic():
            StaffException.objects.create(
                user=nurse,
                kind=StaffException.Kind.LEAVE,
                starts_at=dt.datetime(2026, 3, 10, 0, tzinfo=CHICAGO),
                ends_at=dt.datetime(2026, 3, 11, 0, tzinfo=CHICAGO),
            )
            seen_inside.append(first_start())
            raise RuntimeError("undo")

    with pytest.raises(RuntimeError, match="undo"):
        leave_then_undo()
    assert seen_inside == [None]  # seen inside the change's own transaction
    assert first_start() == "10:30"  # the rolled-back leave is not remembered
    nurse.is_active = False
    nurse.save()
    assert first_start() is None
