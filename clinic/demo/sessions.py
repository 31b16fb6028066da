"""Demo sessions at the chair, written through the same services a nurse uses, with the clock
set to each moment of the past: Jordan's IV infusions (one with a blood-pressure alert, one
with nausea treated), Maria's two (the second stopped early for distressing dissociation)
and Tomas's esketamine sessions. Each is discharged and signed, so the course pages and the
prescriber's view have something to show."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.core import clock
from clinic.patients.models import Patient
from clinic.scheduling import services as scheduling
from clinic.scheduling.models import AppointmentType
from clinic.treatments import discharge, doses, events, readings, sessions, vitals
from clinic.treatments.models import TreatmentPlan

CHECKS = sessions.Checks(
    identity_confirmed=True,
    fasting=True,
    escort_name="A family member",
    weight="",
    weight_unit="kg",
)


@dataclass(frozen=True)
class Visit:
    days_ago: int
    weight: str
    readings: tuple[tuple[int, int, int, int, int], ...]  # minute, systolic, diastolic, HR, SpO2
    stop_at: int  # minutes after the start
    given_fraction: Decimal = Decimal(1)
    alert_action: str = ""
    events: tuple[tuple[str, str, str, str], ...] = field(
        default=()
    )  # kind, what, severity, outcome
    phq9: int = 0  # the total answered before the session (item 9 always 0 here)


IV_VISITS = {
    "Jordan": (
        Visit(
            13,
            "81.2",
            (
                (0, 128, 82, 74, 98),
                (10, 138, 86, 78, 98),
                (20, 142, 88, 80, 97),
                (30, 136, 84, 76, 98),
                (40, 132, 82, 74, 98),
                (55, 128, 80, 72, 98),
            ),
            stop_at=41,
            phq9=19,
        ),
        Visit(
            9,
            "81.0",
            (
                (0, 130, 84, 76, 98),
                (10, 168, 98, 92, 97),
                (20, 184, 104, 96, 97),
                (30, 158, 92, 84, 98),
                (40, 142, 88, 78, 98),
                (55, 134, 84, 74, 98),
            ),
            stop_at=41,
            alert_action="slowed",
            events=(("intervention", "Infusion rate halved for 10 minutes", "", "BP settled"),),
            phq9=15,
        ),
        Visit(
            6,
            "80.8",
            (
                (0, 126, 80, 72, 99),
                (10, 134, 84, 76, 98),
                (20, 138, 86, 78, 98),
                (30, 134, 82, 74, 98),
                (40, 130, 80, 72, 98),
                (55, 126, 80, 70, 99),
            ),
            stop_at=41,
            events=(
                ("adverse", "Nausea at 25 minutes", "mild", "Settled after ondansetron"),
                ("intervention", "Ondansetron 4 mg IV", "", ""),
            ),
            phq9=11,
        ),
    ),
    "Maria": (
        Visit(
            8,
            "64.5",
            (
                (0, 122, 78, 70, 98),
                (10, 130, 82, 74, 98),
                (20, 134, 84, 76, 98),
                (30, 130, 82, 72, 98),
                (40, 126, 80, 70, 98),
                (55, 122, 78, 70, 98),
            ),
            stop_at=41,
            phq9=21,
        ),
        Visit(
            4,
            "64.3",
            (
                (0, 124, 80, 72, 98),
                (10, 136, 86, 82, 98),
                (20, 140, 88, 84, 97),
                (35, 128, 82, 74, 98),
                (50, 124, 80, 72, 98),
            ),
            stop_at=22,
            given_fraction=Decimal("0.5"),
            events=(
                (
                    "adverse",
                    "Distressing dissociation; asked to stop",
                    "moderate",
                    "Infusion stopped at 22 minutes; calm within 20 minutes",
                ),
            ),
            phq9=18,
        ),
    ),
}
ESKETAMINE_VISITS = (
    Visit(
        7,
        "77.0",
        ((0, 124, 78, 70, 98), (40, 146, 90, 80, 97), (120, 128, 80, 72, 98)),
        stop_at=10,
        phq9=17,
    ),
    Visit(
        3,
        "77.1",
        ((0, 126, 80, 72, 98), (40, 142, 88, 78, 98), (120, 126, 80, 70, 98)),
        stop_at=10,
        events=(("adverse", "Dizziness and dissociation", "mild", "Resolved"),),
        phq9=14,
    ),
)


def _staff(role: Role, location_id: int) -> User | None:
    for user in User.objects.filter(is_active=True, locations__id=location_id):
        if role in user.roles:
            return user
    return None


def _phq9(total: int) -> dict[int, int]:
    answers = dict.fromkeys(range(1, 10), 0)
    for n in range(1, 9):
        answers[n] = min(3, max(0, total - sum(answers.values())))
    return answers


def _visit(plan: TreatmentPlan, visit: Visit, kind: AppointmentType) -> bool:
    patient: Patient = plan.patient
    location = patient.home_location
    nurse = _staff(Role.NURSE, location.pk)
    prescriber = _staff(Role.PRESCRIBER, location.pk)
    if nurse is None or prescriber is None:
        return False
    for earlier in range(4):  # the day itself, or the nearest open day before it
        day = clock.today(location.tz) - dt.timedelta(days=visit.days_ago + earlier)
        start = dt.datetime.combine(day, dt.time(10), tzinfo=location.tz).astimezone(dt.UTC)
        with clock.set_to(start - dt.timedelta(days=2)):
            try:
                booking = scheduling.booking_create(
                    kind=kind,
                    location=location,
                    start=start,
                    who=scheduling.Who(patient=patient),
                    by_staff=True,
                )
            except scheduling.SlotUnavailable:
                continue
        break
    else:
        return False
    with clock.set_to(start - dt.timedelta(minutes=10)):
        session = sessions.session_check_in(booking=booking, actor=nurse)
        baseline = visit.readings[0]
        sessions.session_checks(
            session=session,
            checks=dataclasses.replace(CHECKS, weight=visit.weight, phq9=_phq9(visit.phq9)),
            baseline=vitals.Reading(
                systolic=baseline[1], diastolic=baseline[2], pulse=baseline[3], spo2=baseline[4]
            ),
            key=uuid.uuid4(),
            actor=nurse,
        )
        session.refresh_from_db()
        if session.decision == vitals.APPROVE:
            sessions.session_approve(
                session=session, reason="Reviewed at the chair.", actor=prescriber
            )
        dose = doses.dose_prepare(
            session=session,
            lot="KET-24A117" if plan.weight_based else "ESK-3391",
            expires_on=day + dt.timedelta(days=300),
            concentration=Decimal(10) if plan.weight_based else None,
            diluent_ml=Decimal("96") if plan.weight_based else Decimal(0),
            actor=nurse,
        )
        doses.dose_check(session=session, actor=prescriber)
    with clock.set_to(start):
        doses.dose_start(session=session, actor=nurse)
    for minute, systolic, diastolic, pulse, spo2 in visit.readings:
        with clock.set_to(start + dt.timedelta(minutes=minute)):
            recorded = readings.reading_record(
                session=session,
                reading=vitals.Reading(
                    systolic=systolic, diastolic=diastolic, pulse=pulse, spo2=spo2, respiration=14
                ),
                key=uuid.uuid4(),
                scales={
                    "sedation": 1 if 0 < minute <= visit.stop_at else 0,
                    "dissociation": 2 if 0 < minute <= visit.stop_at else 0,
                },
                actor=nurse,
            )
            for alert in recorded.alerts:
                readings.alert_acknowledge(
                    alert=alert,
                    action=visit.alert_action or "rechecked",
                    note="Rechecked after 5 minutes.",
                    actor=nurse,
                )
        for kind_, what, severity, outcome in visit.events:
            if minute == visit.readings[2][0]:
                with clock.set_to(start + dt.timedelta(minutes=minute + 2)):
                    events.event_record(
                        session=session,
                        kind=kind_,
                        what=what,
                        severity=severity,
                        outcome=outcome,
                        reported_to="Prescriber at the clinic",
                        key=uuid.uuid5(uuid.NAMESPACE_URL, f"{session.code}:{what}"),
                        actor=nurse,
                    )
        if minute <= visit.stop_at < _next_minute(visit, minute):
            with clock.set_to(start + dt.timedelta(minutes=visit.stop_at)):
                given = (dose.mg * visit.given_fraction).quantize(Decimal("0.1"))
                discharge.session_stop(
                    session=session, given_mg=given, waste_mg=dose.mg - given, actor=nurse
                )
                session.refresh_from_db()
    last = visit.readings[-1][0]
    with clock.set_to(start + dt.timedelta(minutes=last + 5)):
        discharge.session_discharge(
            session=session,
            checklist=discharge.Discharge(
                alert_and_oriented=True,
                walking_steadily=True,
                escort_present="A family member",
                instructions_given=True,
            ),
            actor=nurse,
        )
    with clock.set_to(start + dt.timedelta(minutes=last + 15)):
        discharge.session_sign(session=session, actor=nurse)
    with clock.set_to(start + dt.timedelta(hours=6)):
        discharge.session_sign(session=session, actor=prescriber)
    return True


def _next_minute(visit: Visit, minute: int) -> int:
    later = [m for m, *_ in visit.readings if m > minute]
    return later[0] if later else 10_000


def seed_sessions(plans: dict[str, TreatmentPlan]) -> int:
    """Returns how many sessions were written."""
    kinds = {k.slug: k for k in AppointmentType.objects.all()}
    added = 0
    for name, visits in IV_VISITS.items():
        plan = plans.get(name)
        if plan is None or "iv-ketamine-infusion" not in kinds:
            continue
        added += sum(_visit(plan, v, kinds["iv-ketamine-infusion"]) for v in visits)
    plan = plans.get("Tomas")
    if plan is not None and "esketamine-session" in kinds:
        added += sum(_visit(plan, v, kinds["esketamine-session"]) for v in ESKETAMINE_VISITS)
    return added
