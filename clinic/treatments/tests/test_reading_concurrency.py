"""Two nurses entering readings for the same session at the same moment lose nothing, and a
reading sent twice at once (a double tap, a retry) is stored once: on PostgreSQL, with
threads that really run side by side."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.db import connections

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.accounts.tests.factories import make_user
from clinic.locations.models import Location
from clinic.patients.tests.factories import make_patient
from clinic.scheduling.tests.factories import make_booking
from clinic.treatments import readings, sessions, vitals
from clinic.treatments.models import VitalAlert, VitalReading
from clinic.treatments.tests.test_session_flow import CALM, CHECKS, _ready

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_simultaneous_readings_are_all_kept_and_a_repeat_is_kept_once(
    plano: Location, prescriber: User, nurse: User
) -> None:
    other = make_user(Role.NURSE, locations=[plano], full_name="Nora Other")
    patient = make_patient(plano, first_name="Two", last_name="Nurses")
    booking = make_booking(plano, patient)
    with time_machine.travel(booking.starts_at - dt.timedelta(minutes=20), tick=True):
        _ready(patient, prescriber)
        session = sessions.session_check_in(booking=booking, actor=nurse)
        sessions.session_checks(
            session=session, checks=CHECKS, baseline=CALM, key=uuid.uuid4(), actor=nurse
        )
        shared = uuid.uuid4()  # the same reading, sent by both at once
        jobs = [(nurse, uuid.uuid4()) for _ in range(10)] + [
            (other, uuid.uuid4()) for _ in range(10)
        ]
        jobs += [(nurse, shared), (other, shared)] * 3
        barrier = threading.Barrier(len(jobs))

        def send(job: tuple[User, uuid.UUID]) -> bool:
            actor, key = job
            try:
                barrier.wait()
                high = vitals.Reading(systolic=182, diastolic=100, pulse=80, spo2=97)
                return readings.reading_record(
                    session=session, reading=high, key=key, actor=actor
                ).created
            finally:
                connections.close_all()

        with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
            created = list(pool.map(send, jobs))
    assert created.count(True) == 21  # twenty distinct, and the shared one once
    assert VitalReading.objects.filter(session=session, baseline=False).count() == 21
    assert VitalReading.objects.filter(session=session, key=shared).count() == 1
    assert VitalAlert.objects.filter(session=session).count() == 21  # one per stored reading
