"""The end of a session: the dose stopped (total given, waste recorded for the ledger), the
patient discharged against the checklist (readings back near the baseline, no alert left
open, escort present; esketamine never before 2 hours from the first device), and the note
signed by the nurse and the prescriber, after which it is locked."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db import transaction

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.context import Acting
from clinic.treatments import lines, vitals
from clinic.treatments.audit_actions import TreatmentAction
from clinic.treatments.models import (
    Dose,
    TreatmentPlan,
    TreatmentSession,
    VitalAlert,
    VitalReading,
)
from clinic.treatments.sessions import SessionRefused, locked_session, require_clinician


@transaction.atomic
def session_stop(
    *,
    session: TreatmentSession,
    given_mg: Decimal,
    waste_mg: Decimal,
    actor: User,
    ctx: Acting | None = None,
) -> TreatmentSession:
    """The infusion stopped (or the last device given): how much went in, how much is left
    to waste. Given and waste together cannot be more than was prepared."""
    require_clinician(actor)
    session = locked_session(session)
    if session.phase != TreatmentSession.Phase.RUNNING:
        raise SessionRefused("Only a running dose can be stopped.")
    dose = Dose.objects.get(session=session)
    if given_mg < 0 or waste_mg < 0:
        raise SessionRefused("Amounts cannot be negative.")
    if given_mg + waste_mg > dose.mg:
        raise SessionRefused(
            f"{given_mg} mg given and {waste_mg} mg wasted is more than the {dose.mg} mg prepared."
        )
    session.stopped_at, session.given_mg, session.waste_mg = clock.now(), given_mg, waste_mg
    session.phase = TreatmentSession.Phase.RECOVERING
    session.save(update_fields=["stopped_at", "given_mg", "waste_mg", "phase"])
    audit_record(
        action=TreatmentAction.SESSION_STOPPED,
        actor=actor,
        ctx=ctx,
        obj=session,
        patient_code=session.patient.code,
        details={"given_mg": str(given_mg), "waste_mg": str(waste_mg)},
    )
    return session


@dataclass(frozen=True)
class Discharge:
    alert_and_oriented: bool
    walking_steadily: bool
    escort_present: str  # the escort's name, as they arrive
    instructions_given: bool
    reason_if_not_near_baseline: str = ""


ESKETAMINE_MINUTES = 120


def discharge_blockers(
    session: TreatmentSession, now: dt.datetime, *, open_alerts: bool | None = None
) -> list[str]:
    """What still stands in the way of discharge, in words (empty: nothing). `open_alerts`
    when the caller already knows."""
    found = []
    if session.phase != TreatmentSession.Phase.RECOVERING:
        found.append("the dose has not been stopped")
    if (
        session.plan.route == TreatmentPlan.Route.ESKETAMINE
        and session.started_at is not None
        and now < session.started_at + dt.timedelta(minutes=ESKETAMINE_MINUTES)
    ):
        left = session.started_at + dt.timedelta(minutes=ESKETAMINE_MINUTES) - now
        minutes = -(-int(left.total_seconds()) // 60)  # whole minutes, rounded up
        found.append(
            f"esketamine needs 2 hours of monitoring from the first device ({minutes} min left)"
        )
    if open_alerts is None:
        open_alerts = VitalAlert.objects.filter(
            session=session, acknowledged_at__isnull=True
        ).exists()
    if open_alerts:
        found.append("an out-of-range reading is not yet acknowledged")
    return found


def _reading(row: VitalReading) -> vitals.Reading:
    return vitals.Reading(
        systolic=row.systolic,
        diastolic=row.diastolic,
        pulse=row.pulse,
        spo2=row.spo2,
        respiration=row.respiration,
    )


@transaction.atomic
def session_discharge(
    *,
    session: TreatmentSession,
    checklist: Discharge,
    actor: User,
    thresholds: vitals.Thresholds | None = None,
    ctx: Acting | None = None,
) -> TreatmentSession:
    require_clinician(actor)
    session = locked_session(session)
    blockers = discharge_blockers(session, clock.now())
    if blockers:
        raise SessionRefused("Not yet: " + "; ".join(blockers) + ".")
    if not (checklist.alert_and_oriented and checklist.walking_steadily):
        raise SessionRefused("The patient must be alert, oriented and walking steadily.")
    if not checklist.escort_present.strip():
        raise SessionRefused("Name the escort who is taking the patient home.")
    if not checklist.instructions_given:
        raise SessionRefused("Give the aftercare instructions first.")
    rows = list(VitalReading.objects.filter(session=session).order_by("taken_at", "pk"))
    baseline = next((r for r in rows if r.baseline), None)
    latest = next((r for r in reversed(rows) if not r.baseline), None)
    if latest is None or baseline is None:
        raise SessionRefused("Take a reading before discharge.")
    thresholds = thresholds or lines.current().thresholds
    why = vitals.near_baseline(_reading(latest), _reading(baseline), thresholds)
    if why and not checklist.reason_if_not_near_baseline.strip():
        raise SessionRefused(
            "Not back near the baseline (" + "; ".join(why) + "): recheck, or write why "
            "discharge is safe."
        )
    session.discharged_at, session.discharged_by = clock.now(), actor
    session.discharge = json.dumps(asdict(checklist) | {"not_near": why}, sort_keys=True)
    session.phase = TreatmentSession.Phase.DISCHARGED
    session.save(update_fields=["discharged_at", "discharged_by", "discharge", "phase"])
    audit_record(
        action=TreatmentAction.SESSION_DISCHARGED,
        actor=actor,
        ctx=ctx,
        obj=session,
        patient_code=session.patient.code,
    )
    return session


@transaction.atomic
def session_sign(
    *, session: TreatmentSession, actor: User, ctx: Acting | None = None
) -> TreatmentSession:
    """The nurse, then (or before) the prescriber, sign the note; with both it is locked."""
    require_clinician(actor)
    session = locked_session(session)
    if session.phase not in (
        TreatmentSession.Phase.DISCHARGED,
        TreatmentSession.Phase.NOT_TREATED,
    ):
        raise SessionRefused("The note is signed after discharge.")
    if Role.PRESCRIBER in actor.roles and session.prescriber_signed_at is None:
        session.prescriber_signed_by, session.prescriber_signed_at = actor, clock.now()
        as_role = "prescriber"
    elif Role.NURSE in actor.roles and session.nurse_signed_at is None:
        session.nurse_signed_by, session.nurse_signed_at = actor, clock.now()
        as_role = "nurse"
    else:
        raise SessionRefused("You have already signed this note.")
    session.save(
        update_fields=[
            "prescriber_signed_by",
            "prescriber_signed_at",
            "nurse_signed_by",
            "nurse_signed_at",
        ]
    )
    audit_record(
        action=TreatmentAction.SESSION_SIGNED,
        actor=actor,
        ctx=ctx,
        obj=session,
        patient_code=session.patient.code,
        details={"as": as_role, "locked": session.is_locked},
    )
    return session
