"""Issue 5 targets, on a network of 5 locations, 40 chairs, 30 staff and 10,000 existing
bookings: (1) every open slot of one appointment type for 8 weeks across all locations in
under 50 ms at the median, with a number of SQL queries that does not grow with staff, chairs
or days; (2) at least 200 bookings per second through the booking service on PostgreSQL.

Runs on SQLite by default. With DATABASE_URL naming a PostgreSQL server, a throwaway database
`clinic_bench_scheduling` is created there (and dropped afterwards)."""

from __future__ import annotations

import datetime as dt
import os
import time
from typing import Any

from bench.harness import machine, median_ms, setup_django, timed

LOCATIONS = 5
CHAIRS_PER_LOCATION = 8
NURSES, PRESCRIBERS, COORDINATORS = 3, 2, 1  # per location: 6 x 5 = 30 staff
EXISTING = 10_000
BOOKINGS_TIMED = 900
REPEAT = 30


def _postgres_throwaway() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    import psycopg

    base, _, _ = url.rpartition("/")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS clinic_bench_scheduling")
        conn.execute("CREATE DATABASE clinic_bench_scheduling")
    os.environ["DATABASE_URL"] = f"{base}/clinic_bench_scheduling"
    return url


def _drop(url: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS clinic_bench_scheduling")


def _network(today: dt.date) -> dict[str, Any]:
    from clinic.accounts.models import User, UserRole
    from clinic.accounts.policy import Role
    from clinic.locations.models import BusinessHours, Location
    from clinic.patients.services import PatientDetails, patient_create
    from clinic.scheduling.defaults import STANDARD_TYPES
    from clinic.scheduling.models import (
        AppointmentType,
        Booking,
        Hold,
        Resource,
        StaffHours,
    )

    kinds = {f["slug"]: AppointmentType.objects.create(**f) for f in STANDARD_TYPES}
    infusion = kinds["iv-ketamine-infusion"]
    locations, chairs, nurses = [], {}, {}
    staff_count = 0
    for n in range(LOCATIONS):
        location = Location.objects.create(
            name=f"Site {n}",
            slug=f"site-{n}",
            address_line1="1 Main",
            city="Dallas",
            postal_code="75201",
            phone="1",
            time_zone="America/Chicago",
        )
        locations.append(location)
        BusinessHours.objects.bulk_create(
            BusinessHours(location=location, weekday=d, opens=dt.time(8), closes=dt.time(18))
            for d in range(6)
        )
        chairs[location.id] = Resource.objects.bulk_create(
            Resource(location=location, kind=Resource.Kind.CHAIR, name=f"Chair {c}")
            for c in range(CHAIRS_PER_LOCATION)
        )
        Resource.objects.create(location=location, kind=Resource.Kind.ROOM, name="Room 1")
        nurses[location.id] = []
        for role, count in (
            (Role.NURSE, NURSES),
            (Role.PRESCRIBER, PRESCRIBERS),
            (Role.FRONT_DESK, COORDINATORS),
        ):
            for k in range(count):
                user = User.objects.create(email=f"{role}{k}@site{n}.example", full_name="Staff")
                user.locations.add(location)
                UserRole.objects.create(user=user, role=role)
                StaffHours.objects.bulk_create(
                    StaffHours(
                        user=user, location=location, weekday=d, starts=dt.time(8), ends=dt.time(18)
                    )
                    for d in range(6)
                )
                staff_count += 1
                if role == Role.NURSE:
                    nurses[location.id].append(user)
    patients = [
        patient_create(
            details=PatientDetails(
                first_name=f"P{n}",
                last_name=f"F{n}",
                date_of_birth=dt.date(1980, 1, 1),
                phone="(214) 555-0100",
                email=f"p{n}@example.org",
                home_location=locations[0],
            ),
            actor=None,
            allow_duplicate=True,
        )
        for n in range(40)
    ]
    # 10,000 existing infusions, 7 a day per location, from 40 weeks ago to 8 weeks ahead:
    # three waves of up to three nurses, each hold 100 minutes, never overlapping.
    made = 0
    day = today - dt.timedelta(weeks=40)
    bookings, holds = [], []
    while made < EXISTING:
        if day.weekday() < 6:
            for location in locations:
                for i in range(7):
                    if made >= EXISTING:
                        break
                    start = dt.datetime.combine(day, dt.time(8, 15), tzinfo=location.tz)
                    start = (start + dt.timedelta(minutes=100 * (i // 3) + 15)).astimezone(dt.UTC)
                    booking = Booking(
                        location=location,
                        appointment_type=infusion,
                        starts_at=start,
                        ends_at=start + dt.timedelta(minutes=40),
                        patient=patients[made % 40],
                    )
                    bookings.append(booking)
                    for key, resource, staff, need in (
                        (f"r{chairs[location.id][i].id}", chairs[location.id][i], None, "chair"),
                        (
                            f"u{nurses[location.id][i % 3].id}",
                            None,
                            nurses[location.id][i % 3],
                            "nurse",
                        ),
                    ):
                        holds.append(
                            (
                                booking,
                                Hold(
                                    location=location,
                                    key=key,
                                    resource=resource,
                                    staff=staff,
                                    need=need,
                                    starts_at=start - dt.timedelta(minutes=15),
                                    ends_at=start + dt.timedelta(minutes=85),
                                ),
                            )
                        )
                    made += 1
        day += dt.timedelta(days=1)
    Booking.objects.bulk_create(bookings, batch_size=1000)
    for booking, hold in holds:
        hold.booking = booking
    Hold.objects.bulk_create([h for _, h in holds], batch_size=1000)
    return {
        "kinds": kinds,
        "locations": locations,
        "patients": patients,
        "chairs": sum(len(c) for c in chairs.values()),
        "staff": staff_count,
        "last_day": day,
    }


def _in_processes(book: Any, items: list[Any], workers: int) -> float:
    """Bookings per second with `workers` forked processes (as a server runs its workers),
    each with its own database connection."""
    import multiprocessing

    from django.db import connections

    connections.close_all()
    context = multiprocessing.get_context("fork")
    shares = [items[n::workers] for n in range(workers)]
    processes = [context.Process(target=book, args=(share,)) for share in shares]
    begun = time.perf_counter()
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - begun
    if any(p.exitcode != 0 for p in processes):
        raise RuntimeError("a booking process failed")
    return len(items) / elapsed


def run() -> dict[str, object]:
    pg_url = _postgres_throwaway()
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from clinic.core import clock
    from clinic.scheduling import services
    from clinic.scheduling.models import Booking
    from clinic.scheduling.selectors import open_times

    now = clock.now()
    today = now.date()
    network = _network(today)
    kind = network["kinds"]["iv-ketamine-infusion"]
    first, last = today, today + dt.timedelta(weeks=8) - dt.timedelta(days=1)

    def slots() -> int:
        found = open_times(kind=kind, first_day=first, last_day=last, now=now)
        return sum(len(v) for v in found.values())

    count = slots()
    with CaptureQueriesContext(connection) as queries:
        slots()
    slot_ms = median_ms(timed(slots, REPEAT))
    one_day = timed(lambda: open_times(kind=kind, first_day=first, last_day=first, now=now), REPEAT)

    # Bookings per second through the service: new infusions beyond the existing ones.
    def starts() -> list[tuple[Any, dt.datetime]]:
        result = []
        day = network["last_day"] + dt.timedelta(days=7)
        while len(result) < BOOKINGS_TIMED:
            if day.weekday() < 6:
                for location in network["locations"]:
                    for wave in range(3):
                        for _ in range(3):  # three nurses a wave
                            local = dt.datetime.combine(day, dt.time(8, 30), tzinfo=location.tz)
                            start = local + dt.timedelta(minutes=100 * wave)
                            result.append((location, start.astimezone(dt.UTC)))
            day += dt.timedelta(days=1)
        return result[:BOOKINGS_TIMED]

    plan = starts()
    patients = network["patients"]

    # Each booking its own patient across every process: one person is never in two
    # appointments at once (the service refuses that), so the plan numbers them globally.
    numbered = [(location, start, n) for n, (location, start) in enumerate(plan)]

    def book(items: list[tuple[Any, dt.datetime, int]]) -> None:
        for location, start, n in items:
            services.booking_create(
                kind=kind,
                location=location,
                start=start,
                who=services.Who(patient=patients[n % len(patients)]),
                by_staff=True,
            )

    third = BOOKINGS_TIMED // 3
    begun = time.perf_counter()
    book(numbered[:third])
    serial = third / (time.perf_counter() - begun)
    rest = numbered[third:]
    parallel = {}
    for workers, items in ((2, rest[: len(rest) // 2]), (4, rest[len(rest) // 2 :])):
        parallel[workers] = _in_processes(book, items, workers)
    booked = Booking.objects.count() - EXISTING
    result = {
        "database": connection.vendor,
        "machine": machine(),
        "network": f"{LOCATIONS} locations, {network['chairs']} chairs, {network['staff']} staff, "
        f"{EXISTING} existing bookings",
        "open slots, 8 weeks, all locations (count)": count,
        "open slots, 8 weeks, all locations (median ms)": round(slot_ms, 1),
        "open slots, one day (median ms)": round(median_ms(one_day), 1),
        "SQL queries per availability call": len(queries),
        "bookings per second, one client": round(serial),
        "bookings per second, two client processes": round(parallel[2]),
        "bookings per second, four client processes": round(parallel[4]),
        "bookings made": booked,
    }
    if pg_url:
        _drop(pg_url)
    return result


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value}")
