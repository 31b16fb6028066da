"""Signing a treatment plan: a prescriber only; a current consent and an eligibility
decision for the route, or a written override; the order checked against the clinic's
dosing limits; a new plan for a route replaces the active one; audited."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from clinic.accounts.models import User
from clinic.audit.models import AuditEvent
from clinic.core import clock
from clinic.intake import consent, evaluation, selectors
from clinic.intake.defaults import defaults_ensure
from clinic.intake.models import DiagnosisCode
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.patients.tests.factories import make_patient
from clinic.treatments.models import TreatmentPlan
from clinic.treatments.plans import PlanOrder, PlanRefused, plan_sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient(plano: Location) -> Patient:
    return make_patient(plano, first_name="Plan", last_name="Ned")


def _ready(patient: Patient, prescriber: User, routes: tuple[str, ...] = ("iv",)) -> None:
    defaults_ensure()  # the rules and diagnoses (a transactional test may start emptied)
    document = consent.consent_document_publish(
        kind="ketamine", title="Ketamine", body="Text.", routes=["iv", "im"], actor=None
    )
    consent.consent_sign_online(
        patient=patient, document=document, typed_name="Plan Ned", agreed=True
    )
    evaluation.evaluation_sign(
        patient=patient,
        draft=evaluation.Draft(
            diagnosis=DiagnosisCode.objects.get(code="F33.2"),
            adequate_trials=2,
            resistance_met=True,
            decision="eligible",
            routes=routes,
        ),
        facts=set(),
        book=selectors.rule_book(),
        actor=prescriber,
    )


def _iv() -> PlanOrder:
    return PlanOrder(
        route="iv",
        phase="induction",
        sessions=6,
        per_week=Decimal(2),
        valid_until=clock.today() + dt.timedelta(days=60),
        start_mg_per_kg=Decimal("0.5"),
        step_mg_per_kg=Decimal("0.25"),
        max_mg_per_kg=Decimal("1.0"),
        minutes=40,
    )


def test_a_prescriber_signs_an_iv_course_for_an_eligible_consented_patient(
    patient: Patient, prescriber: User
) -> None:
    _ready(patient, prescriber)
    plan = plan_sign(patient=patient, order=_iv(), actor=prescriber)
    assert plan.status == TreatmentPlan.Status.ACTIVE
    assert plan.weight_based
    assert plan.override_reason == ""
    event = AuditEvent.objects.get(action="plan_signed")
    assert event.details["overridden"] == []


def test_only_a_prescriber_signs(patient: Patient, prescriber: User, nurse: User) -> None:
    _ready(patient, prescriber)
    with pytest.raises(PlanRefused, match="Only a prescriber"):
        plan_sign(patient=patient, order=_iv(), actor=nurse)
    assert not TreatmentPlan.objects.exists()


def test_without_consent_or_eligibility_a_written_reason_is_needed(
    patient: Patient, prescriber: User
) -> None:
    with pytest.raises(PlanRefused, match="needs a current consent and an eligibility decision"):
        plan_sign(patient=patient, order=_iv(), actor=prescriber)
    with pytest.raises(PlanRefused, match="written reason"):
        plan_sign(
            patient=patient,
            order=dataclasses.replace(_iv(), override_reason="   "),
            actor=prescriber,
        )
    plan = plan_sign(
        patient=patient,
        order=dataclasses.replace(_iv(), override_reason="Inpatient transfer; consent on paper"),
        actor=prescriber,
    )
    assert plan.override_reason == "Inpatient transfer; consent on paper"
    assert AuditEvent.objects.get(action="plan_signed").details["overridden"] == [
        "a current consent",
        "an eligibility decision that allows it",
    ]


def test_eligible_for_iv_is_not_eligible_for_esketamine(patient: Patient, prescriber: User) -> None:
    _ready(patient, prescriber)
    spray = PlanOrder(
        route="esketamine",
        phase="induction",
        sessions=8,
        per_week=Decimal(2),
        valid_until=clock.today() + dt.timedelta(days=60),
        dose_mg=Decimal(56),
    )
    with pytest.raises(PlanRefused, match="Esketamine nasal spray needs a current consent"):
        plan_sign(patient=patient, order=spray, actor=prescriber)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"route": "rectal"}, "Choose a route"),
        ({"phase": "forever"}, "Choose a phase"),
        ({"sessions": 0}, "1 to 52 sessions"),
        ({"sessions": 53}, "1 to 52 sessions"),
        ({"per_week": Decimal("1.5")}, "how many sessions a week"),
        ({"valid_until": dt.date(2000, 1, 1)}, "valid from tomorrow"),
        ({"valid_until": dt.date(9999, 12, 31)}, "at most a year ahead"),
        ({"start_mg_per_kg": None}, "starting dose in mg/kg"),
        ({"start_mg_per_kg": Decimal(0)}, "starting dose in mg/kg"),
        ({"max_mg_per_kg": Decimal("0.4")}, "at least the starting dose"),
        ({"max_mg_per_kg": Decimal("3.5")}, "beyond what this clinic allows"),
        ({"step_mg_per_kg": Decimal("-0.1")}, "cannot be negative"),
        ({"minutes": None}, "infusion time"),
        ({"minutes": 241}, "infusion time"),
    ],
)
def test_an_impossible_order_is_refused_in_the_service(
    patient: Patient, prescriber: User, change: dict[str, object], message: str
) -> None:
    _ready(patient, prescriber)
    with pytest.raises(PlanRefused, match=message):
        plan_sign(patient=patient, order=dataclasses.replace(_iv(), **change), actor=prescriber)  # type: ignore[arg-type]
    assert not TreatmentPlan.objects.exists()


@pytest.mark.parametrize(
    ("dose", "ok"),
    [
        (Decimal(28), True),
        (Decimal(56), True),
        (Decimal(84), True),
        (Decimal(42), False),
        (None, False),
    ],
)
def test_esketamine_plans_are_28_56_or_84_mg(
    patient: Patient, prescriber: User, dose: Decimal | None, ok: bool
) -> None:
    order = PlanOrder(
        route="esketamine",
        phase="induction",
        sessions=8,
        per_week=Decimal(2),
        valid_until=clock.today() + dt.timedelta(days=60),
        dose_mg=dose,
        override_reason="REMS enrolment pending; consent signed on paper",
    )
    if ok:
        assert plan_sign(patient=patient, order=order, actor=prescriber).dose_mg == dose
    else:
        with pytest.raises(PlanRefused, match="28, 56 or 84 mg"):
            plan_sign(patient=patient, order=order, actor=prescriber)


def test_a_new_plan_for_the_route_replaces_the_active_one(
    patient: Patient, prescriber: User
) -> None:
    _ready(patient, prescriber)
    first = plan_sign(patient=patient, order=_iv(), actor=prescriber)
    second = plan_sign(
        patient=patient, order=dataclasses.replace(_iv(), phase="maintenance"), actor=prescriber
    )
    first.refresh_from_db()
    assert first.status == TreatmentPlan.Status.REPLACED
    assert second.replaces == first
    assert TreatmentPlan.objects.filter(status=TreatmentPlan.Status.ACTIVE).get() == second
