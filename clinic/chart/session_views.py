"""The monitored session at the chair: check-in from the day's booking, then one page that
shows the step the session is at, the flowsheet and its alerts. Each step posts to the same
page and is saved as it is entered; a refusal re-shows the page with what was typed and why."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from clinic.accounts.decorators import requires
from clinic.accounts.models import User
from clinic.accounts.policy import Perm, Role
from clinic.accounts.types import AuthenticatedRequest
from clinic.audit.decorators import shows_patient_data
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.context import Acting, acting
from clinic.core.timetext import clock_text
from clinic.scheduling import access as scheduling_access
from clinic.treatments import access, chair_forms, discharge, doses, events, lines, readings
from clinic.treatments import session_selectors as selectors
from clinic.treatments import sessions as session_services
from clinic.treatments.audit_actions import TreatmentAction
from clinic.treatments.models import TreatmentPlan, TreatmentSession, VitalAlert
from clinic.treatments.vitals import DECISIONS

Phase = TreatmentSession.Phase
Refused = session_services.SessionRefused


@requires(Perm.SESSION_CHART, not_found=True)
@require_POST
def session_check_in(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    """From the booking or the chair board: open (or reopen) the session of this booking."""
    ctx = acting(request)
    booking = scheduling_access.get_booking_for_user(request.user, code, write=True, ctx=ctx)
    try:
        session = session_services.session_check_in(booking=booking, actor=request.user, ctx=ctx)
    except Refused as refused:
        messages.error(request, str(refused))
        return redirect("chart:booking_detail", code=booking.code)
    return redirect("chart:session_chart", code=session.code)


def _dose_steps(plan: TreatmentPlan) -> list[str]:
    """The mg/kg doses the plan allows today: its start, up by its step, to its highest."""
    if not plan.weight_based or plan.start_mg_per_kg is None or plan.max_mg_per_kg is None:
        return []
    steps: list[str] = []
    dose = plan.start_mg_per_kg
    step = plan.step_mg_per_kg or (plan.max_mg_per_kg - plan.start_mg_per_kg) or Decimal(1)
    while dose <= plan.max_mg_per_kg and len(steps) < 20:
        steps.append(f"{dose:.2f}")
        dose += step
    return steps


# Each step: (the form it posts, what to do with it). The doer raises SessionRefused.
Doer = Callable[[Any, TreatmentSession, User, lines.Lines, Acting], str]


def _checks(
    form: chair_forms.ChecksForm, s: TreatmentSession, u: User, ln: lines.Lines, c: Acting
) -> str:
    decision = session_services.session_checks(
        session=s,
        checks=form.checks(),
        baseline=form.reading(),
        key=form.cleaned_data["key"],
        actor=u,
        thresholds=ln.thresholds,
        limits=ln.limits,
        ctx=c,
    )
    return f"Checks saved: {decision.label}."


def _approve(form: forms.Form, s: TreatmentSession, u: User, ln: lines.Lines, c: Acting) -> str:
    session_services.session_approve(session=s, reason=form.cleaned_data["reason"], actor=u, ctx=c)
    return "Approved: the dose may be prepared."


def _prepare(form: forms.Form, s: TreatmentSession, u: User, ln: lines.Lines, c: Acting) -> str:
    data = form.cleaned_data
    per_kg = data.get("mg_per_kg")
    dose = doses.dose_prepare(
        session=s,
        lot=data["lot"],
        expires_on=data["expires_on"],
        concentration=data.get("concentration"),
        diluent_ml=data.get("diluent_ml") or Decimal(0),
        mg_per_kg=Decimal(per_kg) if per_kg else None,
        override_reason=data["override_reason"],
        actor=u,
        limits=ln.limits,
        ctx=c,
    )
    return f"Dose prepared: {dose.mg} mg. A second person must check it."


def _check_dose(form: forms.Form, s: TreatmentSession, u: User, ln: lines.Lines, c: Acting) -> str:
    doses.dose_check(session=s, actor=u, ctx=c)
    return "Dose checked."


def _start(form: forms.Form, s: TreatmentSession, u: User, ln: lines.Lines, c: Acting) -> str:
    started = doses.dose_start(session=s, actor=u, ctx=c).started_at or clock.now()
    return f"Dose started at {clock_text(started.astimezone(s.location.tz))}."


def _reading(
    form: chair_forms.ReadingForm, s: TreatmentSession, u: User, ln: lines.Lines, c: Acting
) -> str:
    recorded = readings.reading_record(
        session=s,
        reading=form.reading(),
        key=form.cleaned_data["key"],
        scales=form.scales(),
        note=form.cleaned_data["note"],
        actor=u,
        thresholds=ln.thresholds,
        ctx=c,
    )
    at = clock_text(recorded.reading.taken_at.astimezone(s.location.tz))
    if recorded.alerts:
        return f"Reading saved at {at}. Out of range: acknowledge the alert below."
    return f"Reading saved at {at}."


def _acknowledge(form: forms.Form, s: TreatmentSession, u: User, ln: lines.Lines, c: Acting) -> str:
    alert = selectors.alert_of(s, form.cleaned_data["alert"])
    if alert is None:
        raise Refused("That alert is not on this session.")
    readings.alert_acknowledge(
        alert=alert,
        action=form.cleaned_data["action"],
        note=form.cleaned_data["note"],
        actor=u,
        ctx=c,
    )
    return "Alert acknowledged."


def _event(form: forms.Form, s: TreatmentSession, u: User, ln: lines.Lines, c: Acting) -> str:
    data = form.cleaned_data
    event = events.event_record(
        session=s,
        kind=data["kind"],
        what=data["what"],
        key=data["key"],
        severity=data["severity"],
        outcome=data["outcome"],
        reported_to=data["reported_to"],
        actor=u,
        ctx=c,
    )
    return f"{event.get_kind_display()} recorded."


def _stop(form: forms.Form, s: TreatmentSession, u: User, ln: lines.Lines, c: Acting) -> str:
    discharge.session_stop(
        session=s,
        given_mg=form.cleaned_data["given_mg"],
        waste_mg=form.cleaned_data["waste_mg"],
        actor=u,
        ctx=c,
    )
    return "Dose stopped: recovery begun."


def _discharge(form: forms.Form, s: TreatmentSession, u: User, ln: lines.Lines, c: Acting) -> str:
    data = form.cleaned_data
    discharge.session_discharge(
        session=s,
        checklist=discharge.Discharge(**data),
        actor=u,
        thresholds=ln.thresholds,
        ctx=c,
    )
    return "Patient discharged. Sign the note."


def _sign(form: forms.Form, s: TreatmentSession, u: User, ln: lines.Lines, c: Acting) -> str:
    signed = discharge.session_sign(session=s, actor=u, ctx=c)
    return "Note signed and locked." if signed.is_locked else "Note signed."


def _addendum(form: forms.Form, s: TreatmentSession, u: User, ln: lines.Lines, c: Acting) -> str:
    events.addendum_add(session=s, text=form.cleaned_data["text"], actor=u, ctx=c)
    return "Addendum added."


class _Empty(forms.Form):
    """A step that is one button: nothing to fill in."""


STEPS: dict[str, tuple[type[forms.Form], Doer]] = {
    "checks": (chair_forms.ChecksForm, _checks),
    "approve": (chair_forms.ApproveForm, _approve),
    "prepare": (chair_forms.PrepareForm, _prepare),
    "check_dose": (_Empty, _check_dose),
    "start": (_Empty, _start),
    "reading": (chair_forms.ReadingForm, _reading),
    "acknowledge": (chair_forms.AcknowledgeForm, _acknowledge),
    "event": (chair_forms.EventForm, _event),
    "stop": (chair_forms.StopForm, _stop),
    "discharge": (chair_forms.DischargeForm, _discharge),
    "sign": (_Empty, _sign),
    "addendum": (chair_forms.AddendumForm, _addendum),
}


def _form(step: str, session: TreatmentSession, data: Any = None) -> forms.Form:
    form_class = STEPS[step][0]
    if form_class is chair_forms.PrepareForm:
        return chair_forms.PrepareForm(data, steps=_dose_steps(session.plan))
    return form_class(data)


def _offered(chart: selectors.SessionChart, user: User) -> list[str]:
    """The steps this page offers now, in the order they are done."""
    s = chart.session
    phase = s.phase
    steps: list[str] = []
    if phase == Phase.CHECKED_IN:
        steps.append("checks")
    if phase == Phase.READY:
        if session_services.may_dose(s):
            steps.append("prepare")
        elif Role.PRESCRIBER in user.roles:
            steps.append("approve")
    if phase == Phase.DOSING and chart.dose is not None:
        steps.append("start" if chart.dose.checked_by_id else "check_dose")
    if phase in (Phase.READY, Phase.DOSING, Phase.RUNNING, Phase.RECOVERING):
        steps.append("reading")
    if chart.open_alerts:
        steps.append("acknowledge")
    if phase == Phase.RUNNING:
        steps.append("stop")
    if phase == Phase.RECOVERING:
        steps.append("discharge")
    if phase in (Phase.DISCHARGED, Phase.NOT_TREATED) and _may_sign(s, user):
        steps.append("sign")
    if phase not in (Phase.CHECKED_IN, Phase.NOT_TREATED) and not s.is_locked:
        steps.append("event")
    if s.is_locked:
        steps.append("addendum")
    return steps


def _may_sign(session: TreatmentSession, user: User) -> bool:
    return (Role.PRESCRIBER in user.roles and session.prescriber_signed_at is None) or (
        Role.NURSE in user.roles and session.nurse_signed_at is None
    )


@requires(Perm.SESSION_CHART, not_found=True)
@shows_patient_data
def session_chart(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    ctx = acting(request)
    posting = request.method == "POST"
    session = access.session_for_user(request.user, code, write=posting, ctx=ctx)
    now_lines = lines.current()
    bound: dict[str, forms.Form] = {}
    error = ""
    if posting:
        step = request.POST.get("step", "")
        if step not in STEPS:
            error = "Choose a step on this page."
        else:
            form = _form(step, session, request.POST)
            if form.is_valid():
                try:
                    done = STEPS[step][1](form, session, request.user, now_lines, ctx)
                except Refused as refused:
                    form.add_error(None, str(refused))
                else:
                    messages.success(request, done)
                    return _saved(request, session)
            bound[step] = form
        session = access.session_for_user(request.user, code, ctx=ctx)  # as it is now
    chart = selectors.session_chart(session, now=clock.now(), lines=now_lines)
    offered = _offered(chart, request.user)
    step_forms = {step: bound.get(step) or _form(step, session) for step in offered}
    audit_record(
        action=TreatmentAction.SESSION_VIEWED,
        ctx=ctx,
        obj=session,
        patient_code=session.patient.code,
        details={"phase": session.phase},
    )
    return render(
        request,
        "chart/session_chart.html",
        {
            "chart": chart,
            "session": session,
            "plan": session.plan,
            "patient": session.patient,
            "forms": step_forms,
            "error": error or _first_refusal(bound),
            "decisions": DECISIONS,
            "lines": now_lines,
            "is_prescriber": Role.PRESCRIBER in request.user.roles,
            "alert_actions": VitalAlert.Action.choices,
        },
        status=400 if posting else 200,
    )


def _saved(request: AuthenticatedRequest, session: TreatmentSession) -> HttpResponse:
    """After a save: the chart again. The chair's script sends in the background and asks
    for the address instead of a redirect, so that the message is shown on the page it
    opens, not spent on the background request."""
    there = reverse("chart:session_chart", kwargs={"code": session.code}) + "#now"
    if request.headers.get("X-Chair-Form") == "1":
        return HttpResponse(status=204, headers={"X-Next": there})
    return redirect(there)


def _first_refusal(bound: dict[str, forms.Form]) -> str:
    for form in bound.values():
        if form.non_field_errors():
            return str(form.non_field_errors()[0])
        if form.errors:
            return "Check the entries marked below."
    return ""


@requires(Perm.SESSION_CHART, not_found=True)
@shows_patient_data
def session_aftercare(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    """The route's aftercare instructions, to print and hand over or to email (the owner
    edits them)."""
    ctx = acting(request)
    session = access.session_for_user(request.user, code, write=request.method == "POST", ctx=ctx)
    text = lines.current().aftercare(session.plan.route)
    if request.method == "POST":
        if events.aftercare_send(session=session, instructions=text, actor=request.user, ctx=ctx):
            messages.success(request, "The instructions are on their way to the patient's email.")
        else:
            messages.error(request, "There is no email address on the record: print them.")
        return redirect("chart:session_aftercare", code=session.code)
    audit_record(
        action=TreatmentAction.SESSION_VIEWED,
        ctx=ctx,
        obj=session,
        patient_code=session.patient.code,
        details={"page": "aftercare"},
    )
    return render(
        request,
        "chart/session_aftercare.html",
        {"session": session, "patient": session.patient, "instructions": text.splitlines()},
    )
