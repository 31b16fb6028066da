"""Scheduling test data: a location with chairs and rooms, staff hours, the standard types."""

from __future__ import annotations

import datetime as dt

from clinic.accounts.models import User
from clinic.core import clock
from clinic.locations.models import BusinessHours, Location
from clinic.scheduling.defaults import STANDARD_TYPES
from clinic.scheduling.models import AppointmentType, Booking, Resource, StaffHours


def standard_types() -> dict[str, AppointmentType]:
    found = {}
    for fields in STANDARD_TYPES:
        found[fields["slug"]], _ = AppointmentType.objects.get_or_create(
            slug=fields["slug"], defaults=fields
        )
    return found


def open_location(
    location: Location,
    *,
    chairs: int = 2,
    rooms: int = 1,
    staff: tuple[User, ...] = (),
    days: range = range(6),
    opens: dt.time = dt.time(8),
    closes: dt.time = dt.time(18),
) -> list[Resource]:
    """Hours on `days`, chairs and rooms, and the staff working all opening hours there."""
    for day in days:
        BusinessHours.objects.create(location=location, weekday=day, opens=opens, closes=closes)
        for person in staff:
            StaffHours.objects.create(
                user=person, location=location, weekday=day, starts=opens, ends=closes
            )
    made = [
        Resource.objects.create(location=location, kind=Resource.Kind.CHAIR, name=f"Chair {n}")
        for n in range(1, chairs + 1)
    ]
    made += [
        Resource.objects.create(location=location, kind=Resource.Kind.ROOM, name=f"Room {n}")
        for n in range(1, rooms + 1)
    ]
    return made


def make_booking(location: Location, patient: object, *, days_ahead: int = 3) -> Booking:
    """A follow-up visit a few days ahead at 10 am local, booked by staff (room and a
    prescriber working there are added when missing)."""
    from clinic.accounts.policy import Role
    from clinic.accounts.tests.factories import make_user
    from clinic.core import clock
    from clinic.scheduling import services

    if not location.hours.exists():
        prescriber = make_user(Role.PRESCRIBER, locations=[location], full_name="Booked Prescriber")
        open_location(location, chairs=1, rooms=1, staff=(prescriber,), days=range(7))
    kind = standard_types()["follow-up-visit"]
    day = clock.now().astimezone(location.tz).date() + dt.timedelta(days=days_ahead)
    start = dt.datetime.combine(day, dt.time(10), tzinfo=location.tz)
    return services.booking_create(
        kind=kind,
        location=location,
        start=start.astimezone(dt.UTC),
        who=services.Who(patient=patient),  # type: ignore[arg-type]
        by_staff=True,
    )


def days_open(location: Location, count: int) -> list[dt.date]:
    """The next `count` days from the day after tomorrow on which `open_location` opens."""
    day = clock.now().astimezone(location.tz).date() + dt.timedelta(days=2)
    found: list[dt.date] = []
    while len(found) < count:
        if day.weekday() < 6:
            found.append(day)
        day += dt.timedelta(days=1)
    return found
