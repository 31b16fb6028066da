"""The session at the chair, before the dose: check-in from the day's booking, the
pre-session checks with the baseline and today's weight, and the prescriber's approval when
the baseline asks for it. Each step is its own transaction with its audit event; the chart
saves each as it is entered."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.accounts.selectors import clinician_emails
from clinic.audit.services import audit_record
from clinic.core import clock, outbox
from clinic.core.context import Acting
from clinic.intake import selectors as intake_selectors
from clinic.intake.screening import ROUTE_LABELS
from clinic.questionnaires import config as questionnaire_config
from clinic.questionnaires import scoring
from clinic.questionnaires.instruments import PHQ9
from clinic.scheduling import services as scheduling_services
from clinic.scheduling.models import Booking
from clinic.treatments import dosing, lines, vitals
from clinic.treatments.audit_actions import TreatmentAction
from clinic.treatments.models import TreatmentPlan, TreatmentSession, VitalReading

CLINICIANS = (Role.NURSE, Role.PRESCRIBER)
SAFETY_REASON = "PHQ-9 question 9 answered above 0: a clinician assesses before any dose"


class SessionRefused(ValueError):
    """The step cannot be taken; the message says why, for the nurse or prescriber."""


def require_clinician(actor: User) -> None:
    if not any(role in actor.roles for role in CLINICIANS):
        raise SessionRefused("Only a nurse or prescriber charts a session.")


def locked_session(session: TreatmentSession) -> TreatmentSession:
    return TreatmentSession.objects.select_for_update().select_related("plan").get(pk=session.pk)


@transaction.atomic
def session_check_in(
    *, booking: Booking, actor: User, ctx: Acting | None = None
) -> TreatmentSession:
    """Open the session for today's booking under the patient's active plan. Checking in
    twice gives the same session."""
    require_clinician(actor)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    existing = TreatmentSession.objects.filter(booking=booking).first()
    if existing is not None:
        return existing
    if booking.patient_id is None or booking.status not in (
        Booking.Status.BOOKED,
        Booking.Status.ATTENDED,  # already checked in at the desk
    ):
        raise SessionRefused("Only a booked appointment of a patient can be checked in.")
    if booking.starts_at.astimezone(booking.location.tz).date() != clock.today(booking.location.tz):
        raise SessionRefused("Only today's appointments can be checked in.")
    plan = (
        TreatmentPlan.objects.filter(
            patient_id=booking.patient_id,
            status=TreatmentPlan.Status.ACTIVE,
            valid_until__gte=clock.today(booking.location.tz),
        )
        .order_by("-signed_at")
        .first()
    )
    if plan is None:
        raise SessionRefused("This patient has no current treatment plan: ask the prescriber.")
    if booking.status == Booking.Status.BOOKED:  # seats the patient on the chair board
        try:
            scheduling_services.booking_mark(
                booking=booking, status=Booking.Status.ATTENDED, actor=actor, ctx=ctx
            )
        except scheduling_services.BookingStateError as refused:
            raise SessionRefused(str(refused)) from None
    session = TreatmentSession.objects.create(
        plan=plan,
        patient_id=booking.patient_id,
        booking=booking,
        location=booking.location,
        checked_in_at=clock.now(),
        checked_in_by=actor,
    )
    audit_record(
        action=TreatmentAction.SESSION_CHECKED_IN,
        actor=actor,
        ctx=ctx,
        obj=session,
        patient_code=session.patient.code,
        details={"booking": str(booking.code), "plan": str(plan.code)},
    )
    return session


@dataclass(frozen=True)
class Checks:
    """The pre-session checklist as the nurse answers it."""

    identity_confirmed: bool  # name and birth date, asked of the patient
    fasting: bool  # as the protocol asks
    escort_name: str  # who takes them home
    took_today: tuple[str, ...] = ()  # "benzodiazepine", "stimulant", "maoi", "opioid"
    pregnancy_possible: bool = False
    weight: str = ""
    weight_unit: str = "kg"
    weight_confirmed: bool = False  # a change over the clinic's percentage, confirmed
    phq9: dict[int, int] | None = None  # today's PHQ-9 as the patient answered it, if taken


TOOK_TODAY = {
    "benzodiazepine": "Benzodiazepine",
    "stimulant": "Stimulant",
    "maoi": "MAOI",
    "opioid": "Opioid",
}


def _previous_weight(session: TreatmentSession) -> Decimal | None:
    earlier = (
        TreatmentSession.objects.filter(patient=session.patient, weight_kg__isnull=False)
        .exclude(pk=session.pk)
        .order_by("-checked_in_at")
        .values_list("weight_kg", flat=True)
        .first()
    )
    return earlier


@transaction.atomic
def session_checks(
    *,
    session: TreatmentSession,
    checks: Checks,
    baseline: vitals.Reading,
    key: uuid.UUID,
    actor: User,
    thresholds: vitals.Thresholds | None = None,
    limits: dosing.Limits | None = None,
    ctx: Acting | None = None,
) -> vitals.Decision:
    """Record the checklist, today's weight and the baseline; decide proceed / prescriber
    must approve / not today by the clinic's lines. Refused when the consent or the
    eligibility no longer covers the plan's route, or something required is missing."""
    require_clinician(actor)
    if thresholds is None or limits is None:
        now_lines = lines.current()
        thresholds, limits = thresholds or now_lines.thresholds, limits or now_lines.limits
    session = locked_session(session)
    if session.phase not in (TreatmentSession.Phase.CHECKED_IN, TreatmentSession.Phase.READY):
        raise SessionRefused("The checks are done once, before the dose.")
    route = session.plan.route
    if route not in intake_selectors.consented_routes(session.patient):
        raise SessionRefused(f"No current consent for {ROUTE_LABELS[route]}: do not treat.")
    if route not in intake_selectors.eligible_routes(session.patient) and not (
        session.plan.override_reason
    ):
        raise SessionRefused(f"The eligibility decision no longer allows {ROUTE_LABELS[route]}.")
    if not checks.identity_confirmed:
        raise SessionRefused("Confirm the patient's name and birth date first.")
    if not checks.escort_name.strip():
        raise SessionRefused("Name the person who will take the patient home.")
    if not set(checks.took_today) <= set(TOOK_TODAY):
        raise SessionRefused("Unknown medicine group.")
    try:
        weight = dosing.weight_kg(checks.weight, checks.weight_unit, limits=limits)
        decision = vitals.before_session(baseline, thresholds)
        phq9 = (
            scoring.score(PHQ9, checks.phq9, questionnaire_config.thresholds())
            if checks.phq9
            else None
        )
    except (dosing.DoseRefused, vitals.ReadingRefused) as refused:
        raise SessionRefused(str(refused)) from None
    except scoring.InvalidAnswers as refused:
        raise SessionRefused("PHQ-9: " + " ".join(refused.problems)) from None
    if phq9 is not None and phq9.safety_flag:
        # the existing safety path: a clinician assesses before any dose, and the location's
        # clinicians hear of it at once (the email says only where to look)
        decision = vitals.Decision(
            outcome=vitals.NOT_TODAY if decision.outcome == vitals.NOT_TODAY else vitals.APPROVE,
            reasons=(*decision.reasons, SAFETY_REASON),
        )
        outbox.email(
            "urgent-session",
            to=clinician_emails(location_id=session.location_id),
            context={
                "chart_url": settings.CLINIC_BASE_URL
                + reverse("chart:session_chart", kwargs={"code": session.code})
            },
            about=f"session:{session.code}",
        )
    previous = _previous_weight(session)
    if (
        previous is not None
        and dosing.weight_needs_confirming(previous, weight, limits=limits)
        and not checks.weight_confirmed
    ):
        change = dosing.weight_change_percent(previous, weight)
        raise SessionRefused(
            f"Weight {weight} kg is {change}% from last time ({previous} kg): weigh again "
            "and confirm."
        )
    VitalReading.objects.get_or_create(
        session=session,
        key=key,
        defaults={
            "baseline": True,
            "taken_at": clock.now(),
            "entered_by": actor,
            **asdict(baseline),
        },
    )
    answers = asdict(checks) | {
        "took_today": list(checks.took_today),
        "weight": str(weight),
        "phq9": (
            {"total": phq9.total, "band": phq9.band, "item9": checks.phq9[9] if checks.phq9 else 0}
            if phq9 is not None
            else None
        ),
        "reasons": list(decision.reasons),
    }
    session.checklist = json.dumps(answers, sort_keys=True)
    session.weight_kg = weight
    session.decision = decision.outcome
    session.phase = (
        TreatmentSession.Phase.NOT_TREATED
        if decision.outcome == vitals.NOT_TODAY
        else TreatmentSession.Phase.READY
    )
    session.save(update_fields=["checklist", "weight_kg", "decision", "phase"])
    audit_record(
        action=TreatmentAction.SESSION_CHECKED,
        actor=actor,
        ctx=ctx,
        obj=session,
        patient_code=session.patient.code,
        details={"decision": decision.outcome, "safety": bool(phq9 and phq9.safety_flag)},
    )
    return decision


@transaction.atomic
def session_approve(
    *, session: TreatmentSession, reason: str, actor: User, ctx: Acting | None = None
) -> None:
    """The prescriber goes ahead despite a baseline at the hold line, with a written reason."""
    if Role.PRESCRIBER not in actor.roles:
        raise SessionRefused("Only a prescriber approves going ahead.")
    session = locked_session(session)
    if session.decision != vitals.APPROVE or session.phase != TreatmentSession.Phase.READY:
        raise SessionRefused("This session does not need an approval.")
    if not reason.strip():
        raise SessionRefused("Write your reason for going ahead.")
    session.approved_by, session.approval_reason = actor, reason.strip()
    session.save(update_fields=["approved_by", "approval_reason"])
    audit_record(
        action=TreatmentAction.SESSION_APPROVED,
        actor=actor,
        ctx=ctx,
        obj=session,
        patient_code=session.patient.code,
    )


def may_dose(session: TreatmentSession) -> bool:
    """Checks done, and approved where the baseline asked for it."""
    if session.phase != TreatmentSession.Phase.READY:
        return False
    return session.decision == vitals.PROCEED or (
        session.decision == vitals.APPROVE and session.approved_by_id is not None
    )
