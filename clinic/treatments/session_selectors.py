"""Reads of one session for its chart, and of the sessions running now, each in a fixed
number of queries whatever the number of readings or chairs."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from clinic.locations.models import Location
from clinic.treatments import vitals
from clinic.treatments.discharge import discharge_blockers
from clinic.treatments.lines import Lines
from clinic.treatments.models import (
    Dose,
    SessionAddendum,
    SessionEvent,
    TreatmentPlan,
    TreatmentSession,
    VitalAlert,
    VitalReading,
)


@dataclass(frozen=True)
class Row:
    """A line of the flowsheet: the reading, its minute since the dose started, and its
    alerts."""

    reading: VitalReading
    minute: int | None
    alerts: list[VitalAlert] = field(default_factory=list)


@dataclass(frozen=True)
class SessionChart:
    session: TreatmentSession
    dose: Dose | None
    rows: list[Row]
    open_alerts: list[VitalAlert]
    events: list[SessionEvent]
    addenda: list[SessionAddendum]
    minutes: int | None  # since the dose started
    schedule: tuple[int, ...]
    next_due: vitals.Due | None
    blockers: list[str]
    checklist: dict[str, Any]
    discharge: dict[str, Any]
    decision: vitals.Decision | None


def _minute(session: TreatmentSession, at: dt.datetime) -> int | None:
    if session.started_at is None or at < session.started_at:
        return None
    return int((at - session.started_at).total_seconds() // 60)


def session_chart(session: TreatmentSession, *, now: dt.datetime, lines: Lines) -> SessionChart:
    dose = Dose.objects.select_related("prepared_by", "checked_by").filter(session=session).first()
    readings = list(VitalReading.objects.filter(session=session).select_related("entered_by"))
    alerts = list(VitalAlert.objects.filter(session=session).select_related("acknowledged_by"))
    by_reading: dict[int, list[VitalAlert]] = {}
    for alert in alerts:
        by_reading.setdefault(alert.reading_id, []).append(alert)
    rows = [Row(r, _minute(session, r.taken_at), by_reading.get(r.pk, [])) for r in readings]
    events = list(SessionEvent.objects.filter(session=session).select_related("entered_by"))
    addenda = list(SessionAddendum.objects.filter(session=session).select_related("written_by"))
    minutes = _minute(session, now)
    schedule: tuple[int, ...] = ()
    due = None
    if session.started_at is not None:
        schedule = lines.schedule(session.plan.route, session.plan.minutes)
        if session.phase in (TreatmentSession.Phase.RUNNING, TreatmentSession.Phase.RECOVERING):
            taken = [r.minute for r in rows if r.minute is not None and not r.reading.baseline]
            due = vitals.next_due(schedule, taken, minutes or 0)
    checklist = json.loads(session.checklist) if session.checklist else {}
    decision = (
        vitals.Decision(outcome=session.decision, reasons=tuple(checklist.get("reasons", ())))
        if session.decision
        else None
    )
    blockers = (
        discharge_blockers(session, now, open_alerts=any(a.acknowledged_at is None for a in alerts))
        if session.phase == TreatmentSession.Phase.RECOVERING
        else []
    )
    return SessionChart(
        session=session,
        dose=dose,
        rows=rows,
        open_alerts=[a for a in alerts if a.acknowledged_at is None],
        events=events,
        addenda=addenda,
        minutes=minutes,
        schedule=schedule,
        next_due=due,
        blockers=blockers,
        checklist=checklist,
        discharge=json.loads(session.discharge) if session.discharge else {},
        decision=decision,
    )


def running(locations: QuerySet[Location]) -> list[TreatmentSession]:
    """Sessions not yet discharged at these locations, checked in today or still open."""
    return list(
        TreatmentSession.objects.filter(location__in=locations)
        .exclude(phase__in=(TreatmentSession.Phase.DISCHARGED, TreatmentSession.Phase.NOT_TREATED))
        .select_related("plan", "patient", "location", "booking")
        .order_by("checked_in_at")
    )


def to_sign(locations: QuerySet[Location]) -> list[TreatmentSession]:
    """Finished sessions whose note still waits for a signature."""
    return list(
        TreatmentSession.objects.filter(
            location__in=locations,
            phase__in=(TreatmentSession.Phase.DISCHARGED, TreatmentSession.Phase.NOT_TREATED),
        )
        .filter(prescriber_signed_at__isnull=True)
        .select_related("plan", "patient", "location")
        .order_by("checked_in_at")[:50]
    )


@dataclass(frozen=True)
class CourseLine:
    """One session of a course, as the prescriber reads it at a glance."""

    session: TreatmentSession
    dose: Dose | None
    peak: VitalReading | None  # the highest systolic pressure
    alerts: int
    events: list[SessionEvent]
    phq9: int | None


def course(plan: TreatmentPlan) -> list[CourseLine]:
    """Every session under the plan, oldest first, in five queries."""
    sessions = list(TreatmentSession.objects.filter(plan=plan).order_by("checked_in_at", "pk"))
    ids = [s.pk for s in sessions]
    doses = {d.session_id: d for d in Dose.objects.filter(session_id__in=ids)}
    peaks: dict[int, VitalReading] = {}
    for reading in VitalReading.objects.filter(session_id__in=ids, systolic__isnull=False):
        best = peaks.get(reading.session_id)
        if best is None or (reading.systolic or 0) > (best.systolic or 0):
            peaks[reading.session_id] = reading
    alerts: dict[int, int] = {}
    for sid in VitalAlert.objects.filter(session_id__in=ids).values_list("session_id", flat=True):
        alerts[sid] = alerts.get(sid, 0) + 1
    events: dict[int, list[SessionEvent]] = {}
    for event in SessionEvent.objects.filter(session_id__in=ids):
        events.setdefault(event.session_id, []).append(event)
    lines = []
    for s in sessions:
        checklist = json.loads(s.checklist) if s.checklist else {}
        phq9 = (checklist.get("phq9") or {}).get("total")
        lines.append(
            CourseLine(
                session=s,
                dose=doses.get(s.pk),
                peak=peaks.get(s.pk),
                alerts=alerts.get(s.pk, 0),
                events=events.get(s.pk, []),
                phq9=phq9,
            )
        )
    return lines


def session_for_booking(booking_id: int) -> TreatmentSession | None:
    return TreatmentSession.objects.filter(booking_id=booking_id).first()


def alert_of(session: TreatmentSession, code: uuid.UUID) -> VitalAlert | None:
    """One of this session's alerts by its code (None: not this session's)."""
    return VitalAlert.objects.filter(session=session, code=code).first()
