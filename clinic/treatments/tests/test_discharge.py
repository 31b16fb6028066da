"""The end of a session: stop with what was given and wasted, discharge against the checklist
(esketamine never before 2 hours; no alert left open; back near the baseline or a reason),
and the note signed by nurse and prescriber, then locked."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.accounts.tests.factories import make_user
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.patients.tests.factories import make_patient
from clinic.scheduling.tests.factories import make_booking
from clinic.treatments import discharge, doses, readings, sessions, vitals
from clinic.treatments.models import TreatmentSession
from clinic.treatments.tests.test_session_flow import CALM, _checked, _ready

pytestmark = pytest.mark.django_db

HOME = discharge.Discharge(
    alert_and_oriented=True,
    walking_steadily=True,
    escort_present="Luis Reyes",
    instructions_given=True,
)


@pytest.fixture
def patient(plano: Location) -> Patient:
    return make_patient(plano, first_name="Going", last_name="Home")


def _running(
    plano: Location, patient: Patient, prescriber: User, nurse: User, route: str
) -> tuple[TreatmentSession, Clock]:
    other = make_user(Role.NURSE, locations=[plano], full_name="Nora Check")
    booking = make_booking(plano, patient)
    travel = time_machine.travel(booking.starts_at - dt.timedelta(minutes=20), tick=False)
    coordinates = travel.start()
    _ready(patient, prescriber, route=route)
    session = _checked(booking, nurse)
    doses.dose_prepare(
        session=session,
        lot="LOT-1",
        expires_on=dt.date(2030, 1, 1),
        concentration=Decimal(50) if route == "iv" else None,
        diluent_ml=Decimal(100),
        actor=nurse,
    )
    doses.dose_check(session=session, actor=other)
    return doses.dose_start(session=session, actor=nurse), Clock(travel, coordinates)


@dataclasses.dataclass
class Clock:
    travel: time_machine.travel
    coordinates: time_machine.Traveller

    def shift(self, by: dt.timedelta) -> None:
        self.coordinates.shift(by)

    def stop(self) -> None:
        self.travel.stop()


def _read(session: TreatmentSession, nurse: User, **values: int) -> list[object]:
    reading = dataclasses.replace(CALM, **values)
    return readings.reading_record(
        session=session, reading=reading, key=uuid.uuid4(), actor=nurse
    ).alerts  # type: ignore[return-value]


def test_an_iv_session_from_stop_to_a_locked_note(
    plano: Location, patient: Patient, prescriber: User, nurse: User
) -> None:
    session, travel = _running(plano, patient, prescriber, nurse, "iv")
    try:
        with pytest.raises(sessions.SessionRefused, match=r"more than the 35\.0 mg prepared"):
            discharge.session_stop(
                session=session, given_mg=Decimal(35), waste_mg=Decimal(1), actor=nurse
            )
        with pytest.raises(sessions.SessionRefused, match="cannot be negative"):
            discharge.session_stop(
                session=session, given_mg=Decimal(-1), waste_mg=Decimal(0), actor=nurse
            )
        with pytest.raises(sessions.SessionRefused, match="the dose has not been stopped"):
            discharge.session_discharge(session=session, checklist=HOME, actor=nurse)
        travel.shift(dt.timedelta(minutes=40))
        discharge.session_stop(
            session=session, given_mg=Decimal(35), waste_mg=Decimal(0), actor=nurse
        )
        (alert,) = _read(session, nurse, systolic=186, diastolic=100)
        with pytest.raises(sessions.SessionRefused, match="not yet acknowledged"):
            discharge.session_discharge(session=session, checklist=HOME, actor=nurse)
        readings.alert_acknowledge(alert=alert, action="prescriber", actor=nurse)  # type: ignore[arg-type]
        with pytest.raises(sessions.SessionRefused, match="Not back near the baseline"):
            discharge.session_discharge(session=session, checklist=HOME, actor=nurse)
        _read(session, nurse, systolic=132, diastolic=84)
        with pytest.raises(sessions.SessionRefused, match="Name the escort"):
            discharge.session_discharge(
                session=session,
                checklist=dataclasses.replace(HOME, escort_present=" "),
                actor=nurse,
            )
        with pytest.raises(sessions.SessionRefused, match="sign"):
            discharge.session_sign(session=session, actor=nurse)
        discharge.session_discharge(session=session, checklist=HOME, actor=nurse)
        signed = discharge.session_sign(session=session, actor=nurse)
        assert not signed.is_locked
        with pytest.raises(sessions.SessionRefused, match="already signed"):
            discharge.session_sign(session=session, actor=nurse)
        assert discharge.session_sign(session=session, actor=prescriber).is_locked
        with pytest.raises(sessions.SessionRefused, match="from the checks until discharge"):
            _read(session, nurse, systolic=120)
    finally:
        travel.stop()


def test_esketamine_is_never_discharged_before_two_hours(
    plano: Location, patient: Patient, prescriber: User, nurse: User
) -> None:
    session, travel = _running(plano, patient, prescriber, nurse, "esketamine")
    try:
        travel.shift(dt.timedelta(minutes=15))
        discharge.session_stop(
            session=session, given_mg=Decimal(56), waste_mg=Decimal(0), actor=nurse
        )
        _read(session, nurse)
        travel.shift(dt.timedelta(minutes=104))  # 1 h 59 min after the first device
        with pytest.raises(sessions.SessionRefused, match=r"2 hours .* \(1 min left\)"):
            discharge.session_discharge(session=session, checklist=HOME, actor=nurse)
        travel.shift(dt.timedelta(minutes=1))  # exactly 2 hours
        done = discharge.session_discharge(session=session, checklist=HOME, actor=nurse)
        assert done.phase == TreatmentSession.Phase.DISCHARGED
    finally:
        travel.stop()


def test_a_written_reason_lets_a_patient_go_who_is_not_quite_at_baseline(
    plano: Location, patient: Patient, prescriber: User, nurse: User
) -> None:
    session, travel = _running(plano, patient, prescriber, nurse, "iv")
    try:
        discharge.session_stop(
            session=session, given_mg=Decimal(30), waste_mg=Decimal(5), actor=nurse
        )
        _read(session, nurse, systolic=150, diastolic=88)  # 26 above the baseline's 124
        done = discharge.session_discharge(
            session=session,
            checklist=dataclasses.replace(
                HOME, reason_if_not_near_baseline="Usual BP at home 150/90; prescriber agreed"
            ),
            actor=nurse,
        )
        assert "more than 20 above the baseline" in done.discharge
    finally:
        travel.stop()


def test_the_discharge_checklist_must_hold(
    plano: Location, patient: Patient, prescriber: User, nurse: User
) -> None:
    session, travel = _running(plano, patient, prescriber, nurse, "iv")
    try:
        discharge.session_stop(
            session=session, given_mg=Decimal(35), waste_mg=Decimal(0), actor=nurse
        )
        _read(session, nurse)
        changes: tuple[tuple[dict[str, Any], str], ...] = (
            ({"walking_steadily": False}, "walking steadily"),
            ({"alert_and_oriented": False}, "alert, oriented"),
            ({"instructions_given": False}, "aftercare instructions"),
        )
        for change, message in changes:
            with pytest.raises(sessions.SessionRefused, match=message):
                discharge.session_discharge(
                    session=session, checklist=dataclasses.replace(HOME, **change), actor=nurse
                )
        session.refresh_from_db()
        assert session.phase == TreatmentSession.Phase.RECOVERING
    finally:
        travel.stop()


def test_readings_on_a_calm_session_raise_no_alert() -> None:
    assert vitals.alerts(CALM) == []
