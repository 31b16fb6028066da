"""Vital signs at the chair: a reading is saved the moment it is entered, once however many
times it is sent (its key), and a reading out of the clinic's range opens alerts in the same
transaction, each open until someone acknowledges it with an action."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass

from django.db import IntegrityError, transaction

from clinic.accounts.models import User
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.context import Acting
from clinic.treatments import lines, vitals
from clinic.treatments.audit_actions import TreatmentAction
from clinic.treatments.models import TreatmentSession, VitalAlert, VitalReading
from clinic.treatments.sessions import SessionRefused, require_clinician

RECORDING = (
    TreatmentSession.Phase.READY,
    TreatmentSession.Phase.DOSING,
    TreatmentSession.Phase.RUNNING,
    TreatmentSession.Phase.RECOVERING,
)
SCALE_MAX = {"sedation": 5, "dissociation": 4, "nausea": 3}  # clinic scales


@dataclass(frozen=True)
class Recorded:
    reading: VitalReading
    created: bool  # False: the same key was sent before; nothing new stored
    alerts: list[VitalAlert]


def _scales(scales: dict[str, int | None]) -> dict[str, int | None]:
    for name, value in scales.items():
        if name not in SCALE_MAX:
            raise SessionRefused(f"Unknown scale {name}.")
        if value is not None and not (
            isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= SCALE_MAX[name]
        ):
            raise SessionRefused(f"The {name} score must be 0 to {SCALE_MAX[name]}.")
    return scales


def reading_record(
    *,
    session: TreatmentSession,
    reading: vitals.Reading,
    key: uuid.UUID,
    actor: User,
    scales: dict[str, int | None] | None = None,
    note: str = "",
    thresholds: vitals.Thresholds | None = None,
    ctx: Acting | None = None,
) -> Recorded:
    require_clinician(actor)
    try:
        vitals.check_reading(reading)
    except vitals.ReadingRefused as refused:
        raise SessionRefused(str(refused)) from None
    checked_scales = _scales(dict(scales or {}))
    thresholds = thresholds or lines.current().thresholds
    if len(note) > 2000 or "\x00" in note:
        raise SessionRefused("The note is too long or holds an unusual character.")
    try:
        with transaction.atomic():
            return _record(session, reading, key, actor, checked_scales, note, thresholds, ctx)
    except IntegrityError:
        # the same key arrived at the same moment from a second tab or a retry: stored once
        existing = VitalReading.objects.get(session=session, key=key)
        return Recorded(reading=existing, created=False, alerts=[])


def _record(
    session: TreatmentSession,
    reading: vitals.Reading,
    key: uuid.UUID,
    actor: User,
    scales: dict[str, int | None],
    note: str,
    thresholds: vitals.Thresholds,
    ctx: Acting | None,
) -> Recorded:
    existing = VitalReading.objects.filter(session=session, key=key).first()
    if existing is not None:
        return Recorded(reading=existing, created=False, alerts=[])
    phase = TreatmentSession.objects.values_list("phase", flat=True).get(pk=session.pk)
    if phase not in RECORDING:
        raise SessionRefused("Readings are recorded from the checks until discharge.")
    stored = VitalReading.objects.create(
        session=session,
        key=key,
        taken_at=clock.now(),
        entered_by=actor,
        note=note.strip(),
        **asdict(reading),
        **scales,
    )
    opened = [
        VitalAlert.objects.create(reading=stored, session=session, text=text[:200])
        for text in vitals.alerts(reading, thresholds)
    ]
    audit_record(
        action=TreatmentAction.READING_RECORDED,
        actor=actor,
        ctx=ctx,
        obj=stored,
        patient_code=session.patient.code,
        details={"alerts": len(opened)},
    )
    return Recorded(reading=stored, created=True, alerts=opened)


@transaction.atomic
def alert_acknowledge(
    *, alert: VitalAlert, action: str, actor: User, note: str = "", ctx: Acting | None = None
) -> VitalAlert:
    require_clinician(actor)
    if action not in VitalAlert.Action.values:
        raise SessionRefused("Choose what was done.")
    locked = VitalAlert.objects.select_for_update().select_related("session").get(pk=alert.pk)
    if locked.acknowledged_at is not None:
        return locked
    locked.action, locked.note = action, note.strip()[:2000]
    locked.acknowledged_by, locked.acknowledged_at = actor, clock.now()
    locked.save(update_fields=["action", "note", "acknowledged_by", "acknowledged_at"])
    audit_record(
        action=TreatmentAction.ALERT_ACKNOWLEDGED,
        actor=actor,
        ctx=ctx,
        obj=locked,
        patient_code=locked.session.patient.code,
        details={"action": action},
    )
    return locked
