"""The prescriber's eligibility evaluation on the chart, addenda to a signed note, and who
is waiting for what before treatment."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from clinic.accounts.decorators import requires
from clinic.accounts.policy import Perm
from clinic.accounts.types import AuthenticatedRequest
from clinic.audit.decorators import shows_patient_data
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.context import acting
from clinic.core.timetext import short_when_text
from clinic.enquiries import selectors as enquiry_selectors
from clinic.intake import access as intake_access
from clinic.intake import evaluation, questions, queue, selectors
from clinic.intake.audit_actions import IntakeAction
from clinic.intake.forms import AddendumForm, EvaluationForm
from clinic.patients import access


@requires(Perm.EVALUATION_SIGN, not_found=True)
@shows_patient_data
def evaluation_new(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    patient = access.get_patient_for_user(request.user, code, write=True, ctx=acting(request))
    intake = intake_access.intake_of(patient)
    answers = selectors.current_answers(intake) if intake else {}
    facts = questions.facts_from(answers)
    book = selectors.rule_book()
    screenings = book.screen_all(facts)
    findings = [f for s in screenings.values() for f in s.findings]
    trials = questions.adequate_trials(answers)
    scores = enquiry_selectors.self_scores(patient)
    phq9, gad7 = scores.get("PHQ-9"), scores.get("GAD-7")
    form = EvaluationForm(
        request.POST or None,
        findings=findings,
        initial={
            "adequate_trials": trials,
            "resistance_met": trials >= 2,
            "baseline_phq9": phq9.total if phq9 else None,
            "baseline_gad7": gad7.total if gad7 else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            evaluation.evaluation_sign(
                patient=patient,
                draft=form.draft(),
                facts=facts,
                book=book,
                actor=request.user,
                ctx=acting(request),
            )
        except evaluation.EvaluationRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "Evaluation signed. Later changes are addenda.")
            return redirect("chart:patient_detail", code=patient.code)
    audit_record(
        action=IntakeAction.INTAKE_VIEWED,
        ctx=acting(request),
        obj=intake or patient,
        patient_code=patient.code,
        details={"page": "evaluation"},
    )
    return render(
        request,
        "chart/evaluation_form.html",
        {
            "patient": patient,
            "form": form,
            "screenings": selectors.grouped(screenings),
            "intake": intake,
            "scores": [
                (s.instrument, s.total, short_when_text(s.at, patient.home_location.tz))
                for s in scores.values()
            ],
        },
        status=400 if request.method == "POST" else 200,
    )


@requires(Perm.CLINICAL_VIEW, not_found=True)
@require_POST
def addendum_new(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    found = selectors.evaluation_by_code(code)
    if found is None:
        raise Http404("No such evaluation.")
    patient = access.get_patient_for_user(
        request.user, found.patient.code, write=True, ctx=acting(request)
    )
    form = AddendumForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write the addendum (at most 5,000 characters).")
    else:
        try:
            evaluation.addendum_add(
                evaluation=found,
                text=form.cleaned_data["text"],
                actor=request.user,
                ctx=acting(request),
            )
        except evaluation.EvaluationRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, "Addendum added.")
    return redirect("chart:patient_detail", code=patient.code)


@requires(Perm.INTAKE_SEND)
@shows_patient_data
def waiting(request: AuthenticatedRequest) -> HttpResponse:
    """Who is waiting for what before treatment, oldest first, by location."""
    locations = request.user.locations.filter(is_active=True).order_by("name")
    chosen = locations.filter(code=_code(request.GET.get("location", ""))).first()
    rows = queue.work_queue(
        access.patients_visible_to(request.user),
        today=clock.today(chosen.tz if chosen else None),
        location_id=chosen.pk if chosen else None,
    )
    audit_record(
        action=IntakeAction.QUEUE_VIEWED,
        ctx=acting(request),
        details={"count": len(rows), "codes": [str(r.patient.code) for r in rows]},
    )
    return render(
        request,
        "chart/waiting.html",
        {
            "rows": [(r, queue.STAGES[r.stage], _since(r)) for r in rows],
            "locations": locations,
            "chosen": chosen,
        },
    )


def _code(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return "00000000-0000-0000-0000-000000000000"  # matches no location


def _since(row: queue.Waiting) -> str:
    if isinstance(row.since, dt.datetime):
        return short_when_text(row.since, row.patient.home_location.tz)
    return row.since.isoformat() if row.since else "—"
