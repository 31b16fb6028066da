"""Issue 13 targets: the session chart with 40 readings, and the chair board of a location
with 40 chairs each holding a running infusion, each under 50 ms at the median as a nurse
sees them, with query counts that do not grow with readings or chairs. Everything is made
through the services, with the clock set to one morning (tomorrow, 10:30 at the location)."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from typing import Any

from bench.harness import machine, median_ms, setup_django

REPEAT = 60
CHAIRS = 40


def _location(name: str, chairs: int, staff: tuple[Any, ...]) -> Any:
    from clinic.locations.models import Location
    from clinic.scheduling.tests.factories import open_location

    location = Location.objects.create(
        name=name, slug=name.lower(), address_line1="1 Main", city="Dallas", postal_code="75201"
    )
    for person in staff:
        person.locations.add(location)
    open_location(location, chairs=chairs, staff=staff, days=range(7))
    return location


def _running(location: Any, count: int, start: dt.datetime, people: dict[str, Any]) -> list[Any]:
    """`count` infusions at `location`, started at `start`, each with its readings so far."""
    from decimal import Decimal

    from clinic.core import clock
    from clinic.patients.tests.factories import make_patient
    from clinic.scheduling import services as scheduling
    from clinic.scheduling.tests.factories import standard_types
    from clinic.treatments import doses, readings, sessions, vitals
    from clinic.treatments.tests.factories import make_plan

    kind = standard_types()["iv-ketamine-infusion"]
    made = []
    for n in range(count):
        patient = make_patient(location, first_name="Bench", last_name=f"Chair{n}")
        make_plan(patient, people["prescriber"])
        with clock.set_to(start - dt.timedelta(days=1)):
            booking = scheduling.booking_create(
                kind=kind,
                location=location,
                start=start,
                who=scheduling.Who(patient=patient),
                by_staff=True,
            )
        with clock.set_to(start - dt.timedelta(minutes=5)):
            session = sessions.session_check_in(booking=booking, actor=people["nurse"])
            sessions.session_checks(
                session=session,
                checks=sessions.Checks(
                    identity_confirmed=True, fasting=True, escort_name="Escort", weight="70"
                ),
                baseline=vitals.Reading(systolic=124, diastolic=80, pulse=70, spo2=98),
                key=uuid.uuid4(),
                actor=people["nurse"],
            )
            doses.dose_prepare(
                session=session,
                lot="BENCH-1",
                expires_on=start.date() + dt.timedelta(days=100),
                concentration=Decimal(10),
                actor=people["nurse"],
            )
            doses.dose_check(session=session, actor=people["prescriber"])
        with clock.set_to(start):
            doses.dose_start(session=session, actor=people["nurse"])
        for minute in (0, 10, 20):
            with clock.set_to(start + dt.timedelta(minutes=minute)):
                readings.reading_record(
                    session=session,
                    reading=vitals.Reading(systolic=186 if minute == 20 else 128, diastolic=84),
                    key=uuid.uuid4(),
                    actor=people["nurse"],
                )
        made.append(session)
    return made


def _measure(client: Any, path: str) -> float:
    for _ in range(5):
        client.get(path)
    samples = []
    for _ in range(REPEAT):
        began = time.perf_counter()
        response = client.get(path)
        samples.append(time.perf_counter() - began)
        assert response.status_code == 200, response.status_code
    return median_ms(samples)


def _queries(client: Any, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def run() -> dict[str, float]:
    setup_django()
    from allauth.mfa.models import Authenticator
    from django.test import Client

    from clinic.accounts.policy import Role
    from clinic.accounts.services import user_create
    from clinic.core import clock
    from clinic.treatments import readings, vitals

    people = {}
    for role, name in ((Role.NURSE, "nurse"), (Role.PRESCRIBER, "prescriber")):
        people[name] = user_create(
            email=f"bench-{name}@example.org",
            full_name=f"Bench {name}",
            roles=[role],
            password=None,
        )
        Authenticator.objects.create(
            user=people[name], type=Authenticator.Type.TOTP, data={"secret": "x"}
        )
    extra = [  # an infusion holds a nurse: one working for each chair
        user_create(
            email=f"bench-nurse-{n}@example.org",
            full_name=f"Nurse {n}",
            roles=[Role.NURSE],
            password=None,
        )
        for n in range(CHAIRS + 2)
    ]
    staff = (people["nurse"], people["prescriber"])
    small = _location("Small", 2, (*staff, *extra[CHAIRS:]))
    big = _location("Big", CHAIRS, (*staff, *extra[:CHAIRS]))
    day = clock.today(big.tz) + dt.timedelta(days=1)
    start = dt.datetime.combine(day, dt.time(10), tzinfo=big.tz).astimezone(dt.UTC)
    few = _running(small, 2, start, people)
    many = _running(big, CHAIRS, start, people)
    long_one, short_one = many[0], few[0]
    for minute in range(21, 58):  # 40 readings in all on one session
        with clock.set_to(start + dt.timedelta(minutes=minute)):
            readings.reading_record(
                session=long_one,
                reading=vitals.Reading(systolic=130, diastolic=84, pulse=74, spo2=98),
                key=uuid.uuid4(),
                actor=people["nurse"],
            )
    client = Client()
    with clock.set_to(start + dt.timedelta(minutes=58)):
        client.force_login(people["nurse"])
        chart = f"/sessions/{long_one.code}/"
        board = f"/schedule/board/?location={big.code}"
        counts = {
            "chart_short": _queries(client, f"/sessions/{short_one.code}/"),
            "chart_long": _queries(client, chart),
            "board_small": _queries(client, f"/schedule/board/?location={small.code}"),
            "board_big": _queries(client, board),
        }
        chart_ms = _measure(client, chart)
        board_ms = _measure(client, board)
    print(f"chairside pages ({machine()}):")
    print(f"  session chart with 40 readings: {chart_ms:.1f} ms median over {REPEAT} requests")
    print(f"    queries: {counts['chart_short']} with 4 readings, {counts['chart_long']} with 40")
    print(f"  chair board, {CHAIRS} chairs each running: {board_ms:.1f} ms median")
    print(f"    queries: {counts['board_small']} for 2 chairs, {counts['board_big']} for {CHAIRS}")
    print("  (target: each under 50 ms, queries constant)")
    return {"chart_ms": chart_ms, "board_ms": board_ms, **counts}


if __name__ == "__main__":
    run()
