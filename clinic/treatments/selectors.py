"""Reads of treatment: a patient's plans, and what the chair board shows of each session."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

from clinic.patients.models import Patient
from clinic.treatments import vitals
from clinic.treatments.discharge import discharge_blockers
from clinic.treatments.lines import Lines
from clinic.treatments.lines import current as current_lines
from clinic.treatments.models import TreatmentPlan, TreatmentSession, VitalAlert, VitalReading


def plans_for(patient: Patient) -> list[TreatmentPlan]:
    """The patient's plans, active first, newest first (one query)."""
    plans = TreatmentPlan.objects.filter(patient=patient).select_related("prescriber")
    return sorted(
        plans, key=lambda p: (p.status != TreatmentPlan.Status.ACTIVE, -p.signed_at.timestamp())
    )


@dataclass(frozen=True)
class ChairState:
    """What the chair board shows of a session: its phase, minutes since the dose started,
    the next reading due (and whether it is overdue), and alerts not yet acknowledged."""

    session: TreatmentSession
    phase: str  # the phase's label
    minutes: int | None  # since the dose started
    next_due: vitals.Due | None
    open_alerts: int


def chair_states(
    bookings: list[int], *, now: dt.datetime, lines: Lines | None = None
) -> dict[int, ChairState]:
    """The sessions of these bookings (by booking id), in three queries whatever their
    number (four without `lines`)."""
    lines = lines or current_lines()
    sessions = list(TreatmentSession.objects.filter(booking_id__in=bookings).select_related("plan"))
    ids = [s.pk for s in sessions]
    taken: dict[int, list[dt.datetime]] = {}
    for session_id, at in VitalReading.objects.filter(
        session_id__in=ids, baseline=False
    ).values_list("session_id", "taken_at"):
        taken.setdefault(session_id, []).append(at)
    alerts: dict[int, int] = {}
    for session_id in VitalAlert.objects.filter(
        session_id__in=ids, acknowledged_at__isnull=True
    ).values_list("session_id", flat=True):
        alerts[session_id] = alerts.get(session_id, 0) + 1
    states = {}
    for session in sessions:
        minutes = due = None
        if session.started_at is not None:
            minutes = int((now - session.started_at).total_seconds() // 60)
            if session.phase in (
                TreatmentSession.Phase.RUNNING,
                TreatmentSession.Phase.RECOVERING,
            ):
                offsets = [
                    int((at - session.started_at).total_seconds() // 60)
                    for at in taken.get(session.pk, [])
                ]
                schedule = lines.schedule(session.plan.route, session.plan.minutes)
                due = vitals.next_due(schedule, offsets, minutes)
        open_alerts = alerts.get(session.pk, 0)
        label = session.get_phase_display()
        if (
            session.phase == TreatmentSession.Phase.RECOVERING
            and not open_alerts
            and not discharge_blockers(session, now, open_alerts=False)
        ):
            label = "Ready for discharge"
        states[session.booking_id] = ChairState(
            session=session,
            phase=label,
            minutes=minutes,
            next_due=due,
            open_alerts=open_alerts,
        )
    return states


APPOINTMENT_FOR_ROUTE = {"iv": "iv-ketamine-infusion", "esketamine": "esketamine-session"}


@dataclass(frozen=True)
class CourseShape:
    """What scheduling needs of the patient's active plan to propose its sessions (no dose,
    nothing clinical): how many, over how many weeks, how far apart, which appointment."""

    label: str  # "6 sessions of IV ketamine, 2 a week"
    count: int
    weeks: int
    min_gap_days: int
    appointment_slug: str  # "" when the route has no appointment type of its own


def course_shape(
    patient: Patient, *, max_count: int = 12, max_weeks: int = 8
) -> CourseShape | None:
    plan = (
        TreatmentPlan.objects.filter(patient=patient, status=TreatmentPlan.Status.ACTIVE)
        .order_by("-signed_at")
        .first()
    )
    if plan is None:
        return None
    count = min(plan.sessions, max_count)
    per_week = plan.per_week
    weeks = min(max_weeks, max(1, math.ceil(count / per_week)))
    gap = max(1, min(7, math.floor(Decimal(7) / per_week)))
    return CourseShape(
        label=(
            f"{plan.sessions} session{'s' if plan.sessions != 1 else ''} of "
            f"{plan.get_route_display()}, {per_week.normalize():f} a week"
        ),
        count=count,
        weeks=weeks,
        min_gap_days=gap,
        appointment_slug=APPOINTMENT_FOR_ROUTE.get(plan.route, ""),
    )
