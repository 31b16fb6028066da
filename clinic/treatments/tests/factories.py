"""Test helpers: a patient ready for treatment (consent, eligibility) with a signed plan."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from clinic.accounts.models import User
from clinic.core import clock
from clinic.intake import consent, evaluation, selectors
from clinic.intake.defaults import defaults_ensure
from clinic.intake.models import DiagnosisCode
from clinic.patients.models import Patient
from clinic.treatments.models import Dose, TreatmentPlan, TreatmentSession
from clinic.treatments.plans import PlanOrder, plan_sign


def make_plan(patient: Patient, prescriber: User, route: str = "iv") -> TreatmentPlan:
    defaults_ensure()  # the rules and diagnoses (a transactional test may start emptied)
    document = consent.consent_document_publish(
        kind="esketamine" if route == "esketamine" else "ketamine",
        title="Consent",
        body="Text.",
        routes=[route],
        actor=None,
    )
    consent.consent_sign_online(patient=patient, document=document, typed_name="C S", agreed=True)
    evaluation.evaluation_sign(
        patient=patient,
        draft=evaluation.Draft(
            diagnosis=DiagnosisCode.objects.get(code="F33.2"),
            adequate_trials=2,
            resistance_met=True,
            decision="eligible",
            routes=(route,),
        ),
        facts=set(),
        book=selectors.rule_book(),
        actor=prescriber,
    )
    order = PlanOrder(
        route=route,
        phase="induction",
        sessions=6,
        per_week=Decimal(2),
        valid_until=clock.today() + dt.timedelta(days=90),
        start_mg_per_kg=Decimal("0.5") if route == "iv" else None,
        step_mg_per_kg=Decimal("0.25") if route == "iv" else None,
        max_mg_per_kg=Decimal("1.0") if route == "iv" else None,
        minutes=40 if route == "iv" else None,
        dose_mg=Decimal(56) if route == "esketamine" else None,
    )
    return plan_sign(patient=patient, order=order, actor=prescriber)


def make_session(
    plan: TreatmentPlan,
    booking: Any,
    actor: User,
    *,
    phase: str = TreatmentSession.Phase.CHECKED_IN,
    dose: bool = False,
    **fields: Any,
) -> TreatmentSession:
    """A session at a given step, written directly (the services are tested on their own)."""
    session = TreatmentSession.objects.create(
        plan=plan,
        patient=plan.patient,
        booking=booking,
        location=booking.location,
        checked_in_at=clock.now(),
        checked_in_by=actor,
        phase=phase,
        **fields,
    )
    if dose:
        Dose.objects.create(
            session=session,
            mg=Decimal(35),
            lot="LOT-1",
            expires_on=clock.today() + dt.timedelta(days=100),
            prepared_by=actor,
            prepared_at=clock.now(),
            checked_by=actor,
            checked_at=clock.now(),
        )
    return session
