"""The chair board shows each seated patient's session: its phase, the minutes since the
dose, the next reading due (overdue in red) and alerts still to acknowledge; the number of
queries does not grow with the number of chairs."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from clinic.accounts.models import User
from clinic.locations.models import Location
from clinic.patients.tests.factories import make_patient
from clinic.scheduling import services as scheduling
from clinic.scheduling.tests.factories import open_location, standard_types
from clinic.treatments import doses, readings, sessions, vitals
from clinic.treatments.tests.test_session_flow import CALM, CHECKS, _ready

pytestmark = pytest.mark.django_db


def _infusion(
    plano: Location, nurse: User, prescriber: User, start: dt.datetime, name: str
) -> object:
    patient = make_patient(plano, first_name=name, last_name="Chair")
    _ready(patient, prescriber)
    return scheduling.booking_create(
        kind=standard_types()["iv-ketamine-infusion"],
        location=plano,
        start=start,
        who=scheduling.Who(patient=patient),
        by_staff=True,
    )


def test_the_board_shows_phase_minutes_due_and_alerts(
    plano: Location, nurse: User, prescriber: User, front_desk: User
) -> None:
    from clinic.accounts.policy import Role
    from clinic.accounts.tests.factories import make_user

    other = make_user(Role.NURSE, locations=[plano], full_name="Nora Board")
    extra = tuple(
        make_user(Role.NURSE, locations=[plano], full_name=f"Nurse {n}") for n in range(2)
    )
    open_location(plano, chairs=3, rooms=1, staff=(nurse, other, prescriber, *extra), days=range(7))
    day = dt.datetime.now(plano.tz).date() + dt.timedelta(days=2)
    start = dt.datetime.combine(day, dt.time(10), tzinfo=plano.tz).astimezone(dt.UTC)
    booking = _infusion(plano, nurse, prescriber, start, "Running")
    board = f"/schedule/board/?location={plano.code}"
    with time_machine.travel(start - dt.timedelta(minutes=10), tick=False) as clock_:
        session = sessions.session_check_in(booking=booking, actor=nurse)  # type: ignore[arg-type]
        sessions.session_checks(
            session=session, checks=CHECKS, baseline=CALM, key=uuid.uuid4(), actor=nurse
        )
        session.refresh_from_db()
        doses.dose_prepare(
            session=session,
            lot="L-1",
            expires_on=dt.date(2030, 1, 1),
            concentration=Decimal(50),
            diluent_ml=Decimal(100),
            actor=nurse,
        )
        doses.dose_check(session=session, actor=other)
        doses.dose_start(session=session, actor=nurse)
        readings.reading_record(session=session, reading=CALM, key=uuid.uuid4(), actor=nurse)
        clock_.shift(dt.timedelta(minutes=15))  # the 10-minute reading is 5 minutes late
        readings.reading_record(
            session=session,
            reading=vitals.Reading(systolic=186, diastolic=98, pulse=80, spo2=97),
            key=uuid.uuid4(),
            actor=nurse,
        )
        client = Client()
        client.force_login(nurse)
        page = client.get(board).content.decode()
        assert "Dose started, 15 min since the dose" in page
        assert "1 alert to acknowledge" in page
        # 15 covers neither 10 (more than 3 minutes off) nor 20 yet: 10 is overdue
        assert "overdue</span> (due at 10 min)" in page
        with CaptureQueriesContext(connection) as one:
            client.get(board)
        for n in range(2):  # more seated chairs, each with a session
            more = _infusion(plano, nurse, prescriber, start, f"More{n}")
            seated = sessions.session_check_in(booking=more, actor=nurse)  # type: ignore[arg-type]
            sessions.session_checks(
                session=seated, checks=CHECKS, baseline=CALM, key=uuid.uuid4(), actor=nurse
            )
        with CaptureQueriesContext(connection) as three:
            assert "Checks done" in client.get(board).content.decode()
        assert len(three) == len(one)
        # stopped, nothing left open: the chair reads "Ready for discharge"
        from clinic.treatments import discharge

        for alert in readings.VitalAlert.objects.filter(session=session):
            readings.alert_acknowledge(alert=alert, action="slowed", actor=nurse)
        discharge.session_stop(
            session=session, given_mg=Decimal(35), waste_mg=Decimal(0), actor=nurse
        )
        assert "Ready for discharge" in client.get(board).content.decode()
