"""Signing a treatment plan: only a prescriber, for a route the patient has a current consent
for and an eligibility decision that allows it, or with a written override; the order is
checked against the clinic's dosing limits (`dosing.Limits`). A new plan for the same route
replaces the active one. Atomic, with its audit event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.context import Acting
from clinic.intake import selectors as intake_selectors
from clinic.intake.screening import ROUTE_LABELS
from clinic.patients.models import Patient
from clinic.treatments import dosing
from clinic.treatments.audit_actions import TreatmentAction
from clinic.treatments.models import TreatmentPlan

CADENCES = (Decimal("0.5"), Decimal(1), Decimal(2), Decimal(3))  # sessions a week


class PlanRefused(ValueError):
    """The plan cannot be signed as it stands; the message says what to change."""


@dataclass(frozen=True)
class PlanOrder:
    route: str
    phase: str
    sessions: int
    per_week: Decimal
    valid_until: dt.date
    start_mg_per_kg: Decimal | None = None
    step_mg_per_kg: Decimal | None = None
    max_mg_per_kg: Decimal | None = None
    minutes: int | None = None
    dose_mg: Decimal | None = None
    max_mg: Decimal | None = None
    override_reason: str = ""


def _check_dose(order: PlanOrder, limits: dosing.Limits) -> None:
    if order.route in (TreatmentPlan.Route.IV, TreatmentPlan.Route.IM):
        start, ceiling = order.start_mg_per_kg, order.max_mg_per_kg
        if start is None or start <= 0:
            raise PlanRefused("Give the starting dose in mg/kg.")
        if ceiling is None or ceiling < start:
            raise PlanRefused("Give the highest dose in mg/kg, at least the starting dose.")
        if ceiling > limits.ceiling_mg_per_kg:
            raise PlanRefused(
                f"{ceiling} mg/kg is beyond what this clinic allows ({limits.ceiling_mg_per_kg})."
            )
        if order.step_mg_per_kg is not None and order.step_mg_per_kg < 0:
            raise PlanRefused("The titration step cannot be negative.")
        if order.route == TreatmentPlan.Route.IV and not (
            order.minutes and 1 <= order.minutes <= limits.max_minutes
        ):
            raise PlanRefused(f"Give the infusion time, 1 to {limits.max_minutes} minutes.")
        return
    if order.route == TreatmentPlan.Route.ESKETAMINE:
        if order.dose_mg is None:
            raise PlanRefused("Choose the esketamine dose: 28, 56 or 84 mg.")
        try:
            dosing.esketamine_devices(order.dose_mg)
        except dosing.DoseRefused as refused:
            raise PlanRefused(str(refused)) from None
        return
    if order.dose_mg is None or not 0 < order.dose_mg <= limits.ceiling_mg:
        raise PlanRefused(f"Give the dose in mg (more than 0, at most {limits.ceiling_mg}).")


def _check(order: PlanOrder, today: dt.date, limits: dosing.Limits) -> None:
    if order.route not in TreatmentPlan.Route.values:
        raise PlanRefused("Choose a route.")
    if order.phase not in TreatmentPlan.Phase.values:
        raise PlanRefused("Choose a phase.")
    if not 1 <= order.sessions <= 52:
        raise PlanRefused("Plan 1 to 52 sessions.")
    if order.per_week not in CADENCES:
        raise PlanRefused("Choose how many sessions a week.")
    if not today < order.valid_until <= today + dt.timedelta(days=366):
        raise PlanRefused("The plan must be valid from tomorrow to at most a year ahead.")
    _check_dose(order, limits)


@transaction.atomic
def plan_sign(
    *,
    patient: Patient,
    order: PlanOrder,
    actor: User,
    ctx: Acting | None = None,
    limits: dosing.Limits = dosing.DEFAULT_LIMITS,
) -> TreatmentPlan:
    if Role.PRESCRIBER not in actor.roles:
        raise PlanRefused("Only a prescriber signs a treatment plan.")
    _check(order, clock.today(), limits)
    missing = []
    if order.route not in intake_selectors.consented_routes(patient):
        missing.append("a current consent")
    if order.route not in intake_selectors.eligible_routes(patient):
        missing.append("an eligibility decision that allows it")
    if missing and not order.override_reason.strip():
        raise PlanRefused(
            f"{ROUTE_LABELS[order.route]} needs {' and '.join(missing)}, "
            "or your written reason to go ahead."
        )
    earlier = (
        TreatmentPlan.objects.select_for_update()
        .filter(patient=patient, route=order.route, status=TreatmentPlan.Status.ACTIVE)
        .first()
    )
    plan = TreatmentPlan.objects.create(
        patient=patient,
        prescriber=actor,
        route=order.route,
        phase=order.phase,
        sessions=order.sessions,
        per_week=order.per_week,
        valid_until=order.valid_until,
        start_mg_per_kg=order.start_mg_per_kg,
        step_mg_per_kg=order.step_mg_per_kg,
        max_mg_per_kg=order.max_mg_per_kg,
        minutes=order.minutes,
        dose_mg=order.dose_mg,
        max_mg=order.max_mg,
        override_reason=order.override_reason.strip() if missing else "",
        replaces=earlier,
        signed_at=clock.now(),
    )
    if earlier is not None:
        earlier.status = TreatmentPlan.Status.REPLACED
        earlier.save(update_fields=["status"])
    audit_record(
        action=TreatmentAction.PLAN_SIGNED,
        actor=actor,
        ctx=ctx,
        obj=plan,
        patient_code=patient.code,
        details={
            "route": order.route,
            "phase": order.phase,
            "sessions": order.sessions,
            "overridden": missing,
            "replaces": str(earlier.code) if earlier else None,
        },
    )
    return plan
