"""Issue 13 target: recording one vital-sign reading through the service (checked, stored
once per key, alerts worked out, audited, in its own transaction) at least 300 a second on
PostgreSQL. Run with DATABASE_URL set to measure PostgreSQL; SQLite otherwise."""

from __future__ import annotations

import time
import uuid

from bench.harness import machine, setup_django

COUNT = 600


def run() -> dict[str, float]:
    setup_django()
    import datetime as dt
    from decimal import Decimal

    from django.db import connection

    from clinic.accounts.policy import Role
    from clinic.accounts.services import user_create
    from clinic.core import clock
    from clinic.locations.models import Location
    from clinic.patients.tests.factories import make_patient
    from clinic.scheduling.tests.factories import make_booking
    from clinic.treatments import lines, readings, vitals
    from clinic.treatments.models import TreatmentPlan, TreatmentSession

    suffix = uuid.uuid4().hex[:8]
    location = Location.objects.create(
        name=f"Bench {suffix}",
        slug=f"bench-{suffix}",
        address_line1="1 Main",
        city="Dallas",
        postal_code="75201",
    )
    nurse, prescriber = (
        user_create(
            email=f"bench-{role}-{suffix}@example.org",
            full_name=f"Bench {role}",
            roles=[role],
            password=None,
            locations=[location],
        )
        for role in (Role.NURSE, Role.PRESCRIBER)
    )
    patient = make_patient(location, first_name="Bench", last_name="Readings")
    plan = TreatmentPlan.objects.create(
        patient=patient,
        prescriber=prescriber,
        route="iv",
        phase="induction",
        sessions=6,
        per_week=Decimal(2),
        start_mg_per_kg=Decimal("0.5"),
        max_mg_per_kg=Decimal("1.0"),
        minutes=40,
        valid_until=clock.today() + dt.timedelta(days=90),
        signed_at=clock.now(),
    )
    session = TreatmentSession.objects.create(
        plan=plan,
        patient=patient,
        booking=make_booking(location, patient),
        location=location,
        phase=TreatmentSession.Phase.RUNNING,
        checked_in_at=clock.now(),
        checked_in_by=nurse,
        started_at=clock.now(),
    )
    calm = vitals.Reading(systolic=124, diastolic=80, pulse=70, spo2=98)
    high = vitals.Reading(systolic=184, diastolic=96, pulse=88, spo2=97)
    # the clinic's lines, read once as the chart's page reads them once per request
    thresholds = lines.current().thresholds
    for _ in range(20):  # warm-up
        readings.reading_record(
            session=session, reading=calm, key=uuid.uuid4(), actor=nurse, thresholds=thresholds
        )
    start = time.perf_counter()
    for n in range(COUNT):
        reading = high if n % 10 == 0 else calm  # one in ten opens an alert
        readings.reading_record(
            session=session, reading=reading, key=uuid.uuid4(), actor=nurse, thresholds=thresholds
        )
    elapsed = time.perf_counter() - start
    rate = COUNT / elapsed
    print(f"vital-sign readings through the service, {connection.vendor} ({machine()}):")
    print(f"  {rate:.0f} readings a second over {COUNT} (target: at least 300 on PostgreSQL)")
    return {"per_second": rate}


if __name__ == "__main__":
    run()
