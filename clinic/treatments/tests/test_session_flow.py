"""The session at the chair through its services: check-in from today's booking, the checks
with the clinic's lines, the dose worked out, prepared, checked by a second person and
started, readings stored once per key with alerts that must be acknowledged. Every refusal
is in the service, in words."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.accounts.tests.factories import make_user
from clinic.audit.models import AuditEvent
from clinic.core import clock
from clinic.intake import consent
from clinic.intake.models import Consent
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.patients.tests.factories import make_patient
from clinic.scheduling.models import Booking
from clinic.scheduling.tests.factories import make_booking
from clinic.treatments import doses, readings, sessions, vitals
from clinic.treatments.models import Dose, TreatmentSession, VitalAlert, VitalReading
from clinic.treatments.plans import PlanOrder, plan_sign
from clinic.treatments.tests.factories import make_plan

pytestmark = pytest.mark.django_db

CALM = vitals.Reading(systolic=124, diastolic=80, pulse=70, spo2=98)
CHECKS = sessions.Checks(
    identity_confirmed=True, fasting=True, escort_name="Luis Reyes", weight="70", weight_unit="kg"
)


@pytest.fixture
def patient(plano: Location) -> Patient:
    return make_patient(plano, first_name="Chair", last_name="Side")


_ready = make_plan


@pytest.fixture
def booking(plano: Location, patient: Patient) -> Iterator[Booking]:
    made = make_booking(plano, patient)
    with time_machine.travel(made.starts_at - dt.timedelta(minutes=20), tick=False):
        yield made


@pytest.fixture
def second_nurse(plano: Location) -> User:
    return make_user(Role.NURSE, locations=[plano], full_name="Nora Second")


def _decided(
    booking: Booking,
    nurse: User,
    checks: sessions.Checks = CHECKS,
    baseline: vitals.Reading = CALM,
) -> tuple[TreatmentSession, vitals.Decision]:
    session = sessions.session_check_in(booking=booking, actor=nurse)
    decision = sessions.session_checks(
        session=session, checks=checks, baseline=baseline, key=uuid.uuid4(), actor=nurse
    )
    session.refresh_from_db()
    return session, decision


def _checked(booking: Booking, nurse: User, checks: sessions.Checks = CHECKS) -> TreatmentSession:
    return _decided(booking, nurse, checks)[0]


def test_the_whole_way_to_a_started_infusion(
    booking: Booking, patient: Patient, prescriber: User, nurse: User, second_nurse: User
) -> None:
    _ready(patient, prescriber)
    session = sessions.session_check_in(booking=booking, actor=nurse)
    assert sessions.session_check_in(booking=booking, actor=nurse) == session  # once
    booking.refresh_from_db()
    assert booking.status == Booking.Status.ATTENDED  # seated on the chair board
    decision = sessions.session_checks(
        session=session, checks=CHECKS, baseline=CALM, key=uuid.uuid4(), actor=nurse
    )
    assert decision.outcome == vitals.PROCEED
    dose = doses.dose_prepare(
        session=session,
        lot="KT-2291",
        expires_on=dt.date(2030, 1, 1),
        concentration=Decimal(50),
        diluent_ml=Decimal(100),
        actor=nurse,
    )
    assert (dose.mg, dose.ml, dose.rate_ml_per_h) == (
        Decimal("35.0"),
        Decimal("0.70"),
        Decimal("151.1"),
    )
    with pytest.raises(sessions.SessionRefused, match="second person must check"):
        doses.dose_start(session=session, actor=nurse)
    with pytest.raises(sessions.SessionRefused, match="someone other than who prepared"):
        doses.dose_check(session=session, actor=nurse)
    doses.dose_check(session=session, actor=second_nurse)
    started = doses.dose_start(session=session, actor=nurse)
    assert started.phase == TreatmentSession.Phase.RUNNING
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    for action in (
        "session_checked_in",
        "session_checked",
        "dose_prepared",
        "dose_checked",
        "dose_started",
    ):
        assert action in actions


def test_without_a_plan_or_on_another_day_there_is_no_check_in(
    booking: Booking, patient: Patient, prescriber: User, nurse: User, front_desk: User
) -> None:
    with pytest.raises(sessions.SessionRefused, match="no current treatment plan"):
        sessions.session_check_in(booking=booking, actor=nurse)
    _ready(patient, prescriber)
    with pytest.raises(sessions.SessionRefused, match="Only a nurse or prescriber"):
        sessions.session_check_in(booking=booking, actor=front_desk)
    with (
        time_machine.travel(booking.starts_at - dt.timedelta(days=1), tick=False),
        pytest.raises(sessions.SessionRefused, match="Only today's"),
    ):
        sessions.session_check_in(booking=booking, actor=nurse)
    assert not TreatmentSession.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"identity_confirmed": False}, "name and birth date"),
        ({"escort_name": "  "}, "take the patient home"),
        ({"weight": "0"}, "more than zero"),
        ({"weight": "-70"}, "more than zero"),
        ({"weight": "heavy"}, "as a number"),
        ({"took_today": ("cannabis",)}, "Unknown medicine group"),
    ],
)
def test_checks_that_cannot_be_accepted(
    booking: Booking,
    patient: Patient,
    prescriber: User,
    nurse: User,
    change: dict[str, Any],
    message: str,
) -> None:
    _ready(patient, prescriber)
    session = sessions.session_check_in(booking=booking, actor=nurse)
    with pytest.raises(sessions.SessionRefused, match=message):
        sessions.session_checks(
            session=session,
            checks=dataclasses.replace(CHECKS, **change),
            baseline=CALM,
            key=uuid.uuid4(),
            actor=nurse,
        )
    session.refresh_from_db()
    assert session.phase == TreatmentSession.Phase.CHECKED_IN
    assert not VitalReading.objects.exists()


def test_a_withdrawn_consent_stops_the_checks(
    booking: Booking, patient: Patient, prescriber: User, nurse: User
) -> None:
    _ready(patient, prescriber)
    session = sessions.session_check_in(booking=booking, actor=nurse)
    consent.consent_withdraw(consent=Consent.objects.get(patient=patient), actor=nurse)
    with pytest.raises(sessions.SessionRefused, match="No current consent for IV ketamine"):
        sessions.session_checks(
            session=session, checks=CHECKS, baseline=CALM, key=uuid.uuid4(), actor=nurse
        )


def test_a_baseline_at_the_hold_line_needs_the_prescribers_reason(
    booking: Booking, patient: Patient, prescriber: User, nurse: User, second_nurse: User
) -> None:
    _ready(patient, prescriber)
    session, decision = _decided(booking, nurse, baseline=dataclasses.replace(CALM, systolic=146))
    assert decision.outcome == vitals.APPROVE
    with pytest.raises(sessions.SessionRefused, match="Finish the checks"):
        doses.dose_prepare(
            session=session,
            lot="L1",
            expires_on=dt.date(2030, 1, 1),
            concentration=Decimal(50),
            actor=nurse,
        )
    with pytest.raises(sessions.SessionRefused, match="Only a prescriber approves"):
        sessions.session_approve(session=session, reason="fine", actor=second_nurse)
    with pytest.raises(sessions.SessionRefused, match="Write your reason"):
        sessions.session_approve(session=session, reason=" ", actor=prescriber)
    sessions.session_approve(session=session, reason="White-coat; 138/84 at home", actor=prescriber)
    session.refresh_from_db()
    assert sessions.may_dose(session)


def test_at_the_stop_line_the_session_is_not_treated(
    booking: Booking, patient: Patient, prescriber: User, nurse: User
) -> None:
    _ready(patient, prescriber)
    session, decision = _decided(booking, nurse, baseline=dataclasses.replace(CALM, systolic=182))
    assert decision.label == "Do not treat today"
    assert session.phase == TreatmentSession.Phase.NOT_TREATED
    with pytest.raises(sessions.SessionRefused):
        doses.dose_prepare(
            session=session,
            lot="L1",
            expires_on=dt.date(2030, 1, 1),
            concentration=Decimal(50),
            actor=nurse,
        )


def test_a_weight_change_over_the_clinic_percentage_is_confirmed(
    plano: Location, booking: Booking, patient: Patient, prescriber: User, nurse: User
) -> None:
    _ready(patient, prescriber)
    _checked(booking, nurse)  # 70 kg last time
    later = make_booking(plano, patient, days_ahead=5)
    with time_machine.travel(later.starts_at - dt.timedelta(minutes=20), tick=False):
        session = sessions.session_check_in(booking=later, actor=nurse)
        heavier = dataclasses.replace(CHECKS, weight="74")
        with pytest.raises(sessions.SessionRefused, match=r"5\.7% from last time \(70\.0 kg\)"):
            sessions.session_checks(
                session=session, checks=heavier, baseline=CALM, key=uuid.uuid4(), actor=nurse
            )
        sessions.session_checks(
            session=session,
            checks=dataclasses.replace(heavier, weight_confirmed=True),
            baseline=CALM,
            key=uuid.uuid4(),
            actor=nurse,
        )
        session.refresh_from_db()
        assert session.weight_kg == Decimal("74.0")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lot": " "}, "lot number"),
        ({"lot": "x" * 41}, "lot number"),
        ({"expires_on": dt.date(2020, 1, 1)}, "expired on 2020-01-01"),
        ({"concentration": None}, "concentration in mg/mL"),
        ({"concentration": Decimal(0)}, "concentration must be more than zero"),
        ({"mg_per_kg": Decimal("1.25")}, "at most 1.00 mg/kg"),
        ({"diluent_ml": Decimal(-1)}, "diluent volume"),
    ],
)
def test_a_dose_that_cannot_be_prepared(
    booking: Booking,
    patient: Patient,
    prescriber: User,
    nurse: User,
    kwargs: dict[str, object],
    message: str,
) -> None:
    _ready(patient, prescriber)
    session = _checked(booking, nurse)
    order: dict[str, object] = {
        "lot": "KT-1",
        "expires_on": dt.date(2030, 1, 1),
        "concentration": Decimal(50),
    }
    with pytest.raises(sessions.SessionRefused, match=message):
        doses.dose_prepare(session=session, actor=nurse, **(order | kwargs))  # type: ignore[arg-type]
    assert not Dose.objects.exists()


def test_over_a_hard_limit_only_a_prescriber_with_a_reason(
    booking: Booking, patient: Patient, prescriber: User, nurse: User
) -> None:
    _ready(patient, prescriber)
    session = _checked(booking, nurse, dataclasses.replace(CHECKS, weight="160"))
    order = {"lot": "KT-1", "expires_on": dt.date(2030, 1, 1), "concentration": Decimal(100)}
    # 160 kg x 1.0 mg/kg = 160 mg: over the clinic's 150 mg for one session
    with pytest.raises(sessions.SessionRefused, match="prescriber must override"):
        doses.dose_prepare(session=session, actor=nurse, mg_per_kg=Decimal(1), **order)  # type: ignore[arg-type]
    with pytest.raises(sessions.SessionRefused, match="Only a prescriber may go over"):
        doses.dose_prepare(
            session=session,
            actor=nurse,
            mg_per_kg=Decimal(1),
            override_reason="asked",
            **order,  # type: ignore[arg-type]
        )
    dose = doses.dose_prepare(
        session=session,
        actor=prescriber,
        mg_per_kg=Decimal(1),
        override_reason="Tolerated 150 mg twice; titration agreed",
        **order,  # type: ignore[arg-type]
    )
    assert dose.mg == Decimal("160.0")
    assert dose.over_limits == ["more than 150 mg in one session"]


def test_esketamine_is_counted_in_devices(
    booking: Booking, patient: Patient, prescriber: User, nurse: User
) -> None:
    _ready(patient, prescriber, route="esketamine")
    session = _checked(booking, nurse)
    dose = doses.dose_prepare(
        session=session, lot="SPV-88", expires_on=dt.date(2030, 1, 1), actor=nurse
    )
    assert (dose.mg, dose.devices) == (Decimal(56), 2)


def test_a_reading_is_stored_once_per_key_and_an_alert_waits_for_an_action(
    booking: Booking, patient: Patient, prescriber: User, nurse: User, front_desk: User
) -> None:
    _ready(patient, prescriber)
    session = _checked(booking, nurse)
    key = uuid.uuid4()
    high = vitals.Reading(systolic=184, diastolic=96, pulse=88, spo2=97)
    first = readings.reading_record(session=session, reading=high, key=key, actor=nurse)
    again = readings.reading_record(session=session, reading=high, key=key, actor=nurse)
    assert first.created
    assert not again.created
    assert again.reading == first.reading
    assert VitalReading.objects.filter(baseline=False).count() == 1
    (alert,) = first.alerts
    assert alert.text == "BP 184/96: at or above 180/110"
    with pytest.raises(sessions.SessionRefused, match="Choose what was done"):
        readings.alert_acknowledge(alert=alert, action="", actor=nurse)
    with pytest.raises(sessions.SessionRefused, match="Only a nurse or prescriber"):
        readings.alert_acknowledge(alert=alert, action="paused", actor=front_desk)
    readings.alert_acknowledge(alert=alert, action="paused", actor=nurse, note="Paused 5 min")
    alert.refresh_from_db()
    assert alert.acknowledged_by == nurse
    assert VitalAlert.objects.filter(acknowledged_at__isnull=True).count() == 0


@pytest.mark.parametrize(
    ("reading", "scales", "message"),
    [
        (vitals.Reading(systolic=80, diastolic=90), {}, "lower than the systolic"),
        (vitals.Reading(), {}, "at least one"),
        (vitals.Reading(pulse=70), {"sedation": 9}, "sedation score must be 0 to 5"),
        (vitals.Reading(pulse=70), {"mood": 1}, "Unknown scale"),
    ],
)
def test_readings_that_cannot_be_stored(
    booking: Booking,
    patient: Patient,
    prescriber: User,
    nurse: User,
    reading: vitals.Reading,
    scales: dict[str, int | None],
    message: str,
) -> None:
    _ready(patient, prescriber)
    session = _checked(booking, nurse)
    with pytest.raises(sessions.SessionRefused, match=message):
        readings.reading_record(
            session=session, reading=reading, key=uuid.uuid4(), actor=nurse, scales=scales
        )
    assert not VitalReading.objects.filter(baseline=False).exists()


def test_an_oral_dose_is_not_held_to_the_iv_per_kg_limits(
    booking: Booking, patient: Patient, prescriber: User, nurse: User
) -> None:
    """200 mg by mouth at 70 kg is 2.86 mg/kg: ordinary for oral ketamine (about a fifth is
    absorbed), over the IV limit of 1.0 mg/kg; the ceiling in mg still holds."""
    document = consent.consent_document_publish(
        kind="ketamine", title="Consent", body="Text.", routes=["oral"], actor=None
    )
    consent.consent_sign_online(patient=patient, document=document, typed_name="C S", agreed=True)
    plan_sign(
        patient=patient,
        order=PlanOrder(
            route="oral",
            phase="maintenance",
            sessions=4,
            per_week=Decimal(1),
            valid_until=clock.today() + dt.timedelta(days=60),
            dose_mg=Decimal(200),
            override_reason="Eligibility note on paper",
        ),
        actor=prescriber,
    )
    session = _checked(booking, nurse)
    dose = doses.dose_prepare(
        session=session, lot="OR-5", expires_on=dt.date(2030, 1, 1), actor=nurse
    )
    assert (dose.mg, dose.over_limits, dose.devices) == (Decimal(200), [], None)
