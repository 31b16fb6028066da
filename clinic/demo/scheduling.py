"""Demo scheduling: chairs and rooms at every location, staff hours, the standard appointment
types, and a few bookings today so the calendar and chair board have something to show."""

from __future__ import annotations

import datetime as dt

from clinic.accounts.models import User
from clinic.core import clock
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.scheduling import services
from clinic.scheduling.defaults import STANDARD_TYPES
from clinic.scheduling.models import AppointmentType, Booking, Resource, StaffHours

CHAIRS_PER_LOCATION = 4
ROOMS_PER_LOCATION = 2


def seed_scheduling(by_slug: dict[str, Location]) -> int:
    """Returns how many bookings were added (none when the demo already has some)."""
    kinds = {}
    for fields in STANDARD_TYPES:
        kinds[fields["slug"]], _ = AppointmentType.objects.get_or_create(
            slug=fields["slug"], defaults=fields
        )
    for location in by_slug.values():
        for n in range(1, CHAIRS_PER_LOCATION + 1):
            Resource.objects.get_or_create(
                location=location, name=f"Chair {n}", defaults={"kind": Resource.Kind.CHAIR}
            )
        for n in range(1, ROOMS_PER_LOCATION + 1):
            Resource.objects.get_or_create(
                location=location, name=f"Room {n}", defaults={"kind": Resource.Kind.ROOM}
            )
    for person in User.objects.filter(is_active=True).prefetch_related("locations"):
        if not person.is_staff_member or StaffHours.objects.filter(user=person).exists():
            continue
        for location in person.locations.all():
            for hours in location.hours.all():
                StaffHours.objects.create(
                    user=person,
                    location=location,
                    weekday=hours.weekday,
                    starts=hours.opens,
                    ends=hours.closes,
                )
    if Booking.objects.exists():
        return 0
    return _seed_bookings(kinds)


def _seed_bookings(kinds: dict[str, AppointmentType]) -> int:
    added = 0
    now = clock.now()
    for patient in Patient.objects.select_related("home_location"):
        location = patient.home_location
        today = now.astimezone(location.tz).date()
        for offset in range(0, 14):
            day = today + dt.timedelta(days=offset)
            start = dt.datetime.combine(day, dt.time(10), tzinfo=location.tz).astimezone(dt.UTC)
            if start <= now:
                continue
            try:
                services.booking_create(
                    kind=kinds["iv-ketamine-infusion"],
                    location=location,
                    start=start,
                    who=services.Who(patient=patient),
                    by_staff=True,
                )
            except services.SlotUnavailable:
                continue
            added += 1
            break
    return added
