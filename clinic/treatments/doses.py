"""The dose: worked out from the plan and today's weight by `dosing`, prepared by one
clinician, checked by another (never the one who prepared it), and only then started."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.context import Acting
from clinic.treatments import dosing, lines
from clinic.treatments.audit_actions import TreatmentAction
from clinic.treatments.models import Dose, TreatmentPlan, TreatmentSession
from clinic.treatments.sessions import SessionRefused, locked_session, may_dose, require_clinician


def _lot(lot: str, expires_on: dt.date, today: dt.date) -> str:
    lot = lot.strip()
    if not lot or len(lot) > 40 or not lot.isprintable():
        raise SessionRefused("Enter the lot number from the vial or device box.")
    if expires_on < today:
        raise SessionRefused(f"Lot {lot} expired on {expires_on.isoformat()}: do not use it.")
    return lot


@transaction.atomic
def dose_prepare(
    *,
    session: TreatmentSession,
    lot: str,
    expires_on: dt.date,
    actor: User,
    concentration: Decimal | None = None,
    diluent_ml: Decimal = Decimal(0),
    mg_per_kg: Decimal | None = None,
    override_reason: str = "",
    limits: dosing.Limits | None = None,
    ctx: Acting | None = None,
) -> Dose:
    """Work out the ordered dose and record its preparation. `mg_per_kg` is the step of the
    plan's titration given today (the plan's starting dose when not given); it may not go
    over the plan's highest dose."""
    require_clinician(actor)
    limits = limits or lines.current().limits
    session = locked_session(session)
    if not may_dose(session):
        raise SessionRefused("Finish the checks (and the prescriber's approval) before the dose.")
    if Dose.objects.filter(session=session).exists():
        raise SessionRefused("The dose is already prepared.")
    plan = session.plan
    lot = _lot(lot, expires_on, clock.today(session.location.tz))
    fields: dict[str, object]
    try:
        if plan.weight_based:
            per_kg = mg_per_kg if mg_per_kg is not None else plan.start_mg_per_kg
            if per_kg is None or plan.max_mg_per_kg is None or per_kg > plan.max_mg_per_kg:
                raise SessionRefused(
                    f"The plan allows at most {plan.max_mg_per_kg} mg/kg: ask the prescriber."
                )
            if concentration is None:
                raise SessionRefused("Enter the vial's concentration in mg/mL.")
            worked = dosing.weight_based(
                weight=session.weight_kg,
                unit="kg",
                mg_per_kg=per_kg,
                concentration=concentration,
                minutes=plan.minutes if plan.route == TreatmentPlan.Route.IV else None,
                diluent_ml=diluent_ml,
                override_reason=override_reason,
                limits=limits,
            )
            fields = {
                "mg": worked.mg,
                "mg_per_kg": worked.mg_per_kg,
                "concentration": worked.concentration,
                "ml": worked.ml,
                "total_ml": worked.total_ml,
                "minutes": worked.minutes,
                "rate_ml_per_h": worked.rate_ml_per_h,
                "over_limits": list(worked.over_limits),
            }
        else:
            mg = plan.dose_mg
            if mg is None:
                raise SessionRefused("The plan gives no dose: ask the prescriber.")
            devices = (
                dosing.esketamine_devices(mg)
                if plan.route == TreatmentPlan.Route.ESKETAMINE
                else None
            )
            # A fixed dose (esketamine devices; oral or intranasal racemic ketamine, whose
            # doses are not IV doses) is checked against the absolute ceiling only: the
            # per-kg limits are for weight-based routes.
            if not 0 < mg <= limits.ceiling_mg:
                raise SessionRefused(f"{mg} mg is beyond what this clinic allows at all.")
            over: list[str] = []
            fields = {"mg": mg, "devices": devices, "over_limits": over}
    except dosing.DoseRefused as refused:
        raise SessionRefused(str(refused)) from None
    if fields["over_limits"] and Role.PRESCRIBER not in actor.roles:
        raise SessionRefused("Only a prescriber may go over a hard limit.")
    dose = Dose.objects.create(
        session=session,
        lot=lot,
        expires_on=expires_on,
        override_reason=override_reason.strip() if fields["over_limits"] else "",
        prepared_by=actor,
        prepared_at=clock.now(),
        **fields,
    )
    session.phase = TreatmentSession.Phase.DOSING
    session.save(update_fields=["phase"])
    audit_record(
        action=TreatmentAction.DOSE_PREPARED,
        actor=actor,
        ctx=ctx,
        obj=dose,
        patient_code=session.patient.code,
        details={"mg": str(dose.mg), "lot": lot, "over_limits": fields["over_limits"]},
    )
    return dose


@transaction.atomic
def dose_check(*, session: TreatmentSession, actor: User, ctx: Acting | None = None) -> Dose:
    """A second clinician, not the one who prepared it, checks and signs the dose."""
    require_clinician(actor)
    session = locked_session(session)
    dose = Dose.objects.select_for_update().filter(session=session).first()
    if dose is None:
        raise SessionRefused("There is no dose to check yet.")
    if dose.prepared_by_id == actor.pk:
        raise SessionRefused("The second check must be by someone other than who prepared it.")
    if dose.checked_by_id is not None:
        return dose
    dose.checked_by, dose.checked_at = actor, clock.now()
    dose.save(update_fields=["checked_by", "checked_at"])
    audit_record(
        action=TreatmentAction.DOSE_CHECKED,
        actor=actor,
        ctx=ctx,
        obj=dose,
        patient_code=session.patient.code,
    )
    return dose


@transaction.atomic
def dose_start(
    *, session: TreatmentSession, actor: User, ctx: Acting | None = None
) -> TreatmentSession:
    require_clinician(actor)
    session = locked_session(session)
    dose = Dose.objects.filter(session=session).first()
    if dose is None or session.phase != TreatmentSession.Phase.DOSING:
        raise SessionRefused("Prepare the dose first.")
    if dose.checked_by_id is None:
        raise SessionRefused("A second person must check the dose before it is started.")
    session.started_at = clock.now()
    session.phase = TreatmentSession.Phase.RUNNING
    session.save(update_fields=["started_at", "phase"])
    audit_record(
        action=TreatmentAction.DOSE_STARTED,
        actor=actor,
        ctx=ctx,
        obj=dose,
        patient_code=session.patient.code,
    )
    return session
