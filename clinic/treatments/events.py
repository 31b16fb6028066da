"""What else the session note holds: interventions and adverse events as they happen (each
stored once however many times it is sent), and addenda to a signed note, which is never
changed."""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction

from clinic.accounts.models import User
from clinic.audit.services import audit_record
from clinic.core import clock, outbox
from clinic.core.context import Acting
from clinic.core.models import OutgoingMessage
from clinic.treatments.audit_actions import TreatmentAction
from clinic.treatments.models import SessionAddendum, SessionEvent, TreatmentSession
from clinic.treatments.sessions import SessionRefused, locked_session, require_clinician

OPEN = (
    TreatmentSession.Phase.READY,
    TreatmentSession.Phase.DOSING,
    TreatmentSession.Phase.RUNNING,
    TreatmentSession.Phase.RECOVERING,
    TreatmentSession.Phase.DISCHARGED,  # an event noticed at discharge, before signing
)


def _text(value: str, what: str, *, required: bool = False, limit: int = 2000) -> str:
    value = value.strip()
    if required and not value:
        raise SessionRefused(f"Write {what}.")
    if len(value) > limit or "\x00" in value:
        raise SessionRefused(f"{what.capitalize()} is too long or holds an unusual character.")
    return value


def event_record(
    *,
    session: TreatmentSession,
    kind: str,
    what: str,
    key: uuid.UUID,
    actor: User,
    severity: str = "",
    outcome: str = "",
    reported_to: str = "",
    ctx: Acting | None = None,
) -> SessionEvent:
    require_clinician(actor)
    if kind not in SessionEvent.Kind.values:
        raise SessionRefused("Choose an intervention or an adverse event.")
    what = _text(what, "what was given or what happened", required=True)
    if kind == SessionEvent.Kind.ADVERSE and severity not in SessionEvent.Severity.values:
        raise SessionRefused("Choose how severe the adverse event is.")
    if kind == SessionEvent.Kind.INTERVENTION:
        severity = ""
    outcome, reported_to = _text(outcome, "the outcome"), _text(reported_to, "who was told")
    try:
        with transaction.atomic():
            locked = locked_session(session)
            existing = SessionEvent.objects.filter(session=locked, key=key).first()
            if existing is not None:
                return existing
            if locked.phase not in OPEN or locked.is_locked:
                raise SessionRefused(
                    "Events are recorded from the checks until the note is signed; "
                    "after that, add an addendum."
                )
            event = SessionEvent.objects.create(
                session=locked,
                key=key,
                kind=kind,
                what=what,
                severity=severity,
                outcome=outcome,
                reported_to=reported_to,
                at=clock.now(),
                entered_by=actor,
            )
            audit_record(
                action=TreatmentAction.EVENT_RECORDED,
                actor=actor,
                ctx=ctx,
                obj=event,
                patient_code=locked.patient.code,
                details={"kind": kind, "severity": severity},
            )
            return event
    except IntegrityError:
        return SessionEvent.objects.get(session=session, key=key)


@transaction.atomic
def addendum_add(
    *, session: TreatmentSession, text: str, actor: User, ctx: Acting | None = None
) -> SessionAddendum:
    """Only to a note signed by both: before that the note itself is still being written."""
    require_clinician(actor)
    session = locked_session(session)
    if not session.is_locked:
        raise SessionRefused("Addenda are added once the note is signed by nurse and prescriber.")
    addendum = SessionAddendum.objects.create(
        session=session,
        text=_text(text, "the addendum", required=True, limit=5000),
        written_by=actor,
        written_at=clock.now(),
    )
    audit_record(
        action=TreatmentAction.ADDENDUM_ADDED,
        actor=actor,
        ctx=ctx,
        obj=addendum,
        patient_code=session.patient.code,
    )
    return addendum


@transaction.atomic
def aftercare_send(
    *, session: TreatmentSession, instructions: str, actor: User, ctx: Acting | None = None
) -> bool:
    """Email the route's aftercare instructions to the patient: the clinic's general text
    only, no name of the treatment, no dose, nothing from the chart. Sent once per session
    however many times it is asked for. False when there is no address on the record."""
    require_clinician(actor)
    session = locked_session(session)
    patient = session.patient
    key = f"aftercare:{session.code}"
    if OutgoingMessage.objects.filter(dedupe_key=key).exists():
        return True  # already on its way
    message = outbox.email(
        "aftercare",
        to=[patient.email],
        context={"first_name": patient.first_name, "lines": instructions.splitlines()},
        about=f"session:{session.code}",
        dedupe_key=key,
    )
    if message is None:
        return False
    audit_record(
        action=TreatmentAction.AFTERCARE_SENT,
        actor=actor,
        ctx=ctx,
        obj=session,
        patient_code=patient.code,
    )
    return True
