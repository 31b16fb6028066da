"""The intake at the desk: every section with who gave each answer and when, staff filling
in or correcting a section (attributed, never overwriting), locking the intake, and the
insurance card images. Front desk reach the sections without health information (name,
contacts, the patient's own clinicians, insurance); nurses and prescribers reach all."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from clinic.accounts.decorators import requires
from clinic.accounts.policy import Perm
from clinic.accounts.types import AuthenticatedRequest
from clinic.audit.decorators import shows_patient_data
from clinic.audit.services import audit_record
from clinic.core import files
from clinic.core.context import acting
from clinic.core.uploads import UploadRefused
from clinic.intake import access as intake_access
from clinic.intake import questions, selectors, services
from clinic.intake.audit_actions import IntakeAction
from clinic.intake.forms import (
    InsuranceCardForm,
    SectionForm,
    readable,
    row_formset,
    rows_of,
)
from clinic.intake.models import InsuranceCard
from clinic.patients import access


@requires(Perm.INTAKE_SEND, not_found=True)
@require_safe
@shows_patient_data
def intake_record(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    patient = access.get_patient_for_user(request.user, code, ctx=acting(request))
    intake = intake_access.intake_of(patient)
    clinical = request.user.can(Perm.CLINICAL_VIEW)
    cards = selectors.insurance_cards(intake) if intake else {}
    audit_record(
        action=IntakeAction.INTAKE_VIEWED,
        ctx=acting(request),
        obj=intake or patient,
        patient_code=patient.code,
        details={"page": "intake record", "clinical": clinical},
    )
    return render(
        request,
        "chart/intake_record.html",
        {
            "patient": patient,
            "intake": intake,
            "clinical": clinical,
            "record": [
                (r, [(e, readable(r.section, e.answers)) for e in r.entries])
                for r in (selectors.intake_record(intake, clinical=clinical) if intake else [])
            ],
            "sections": [s for s in questions.SECTIONS if clinical or not s.clinical],
            "card_sides": [(label, cards.get(side)) for side, label in InsuranceCard.Side.choices],
            "card_form": InsuranceCardForm(),
        },
    )


def _section_for(request: AuthenticatedRequest, section: str) -> questions.Section:
    known = questions.BY_CODE.get(section)
    if known is None or (known.clinical and not request.user.can(Perm.CLINICAL_VIEW)):
        raise Http404("No such part of the intake.")
    return known


@requires(Perm.INTAKE_SEND, not_found=True)
@require_http_methods(["GET", "HEAD", "POST"])
@shows_patient_data
def intake_edit(request: AuthenticatedRequest, code: uuid.UUID, section: str) -> HttpResponse:
    """Fill in or correct one section at the desk. Saved as a new entry in the member of
    staff's name; after the intake is locked it is marked as a correction."""
    known = _section_for(request, section)
    posting = request.method == "POST"
    patient = access.get_patient_for_user(request.user, code, write=posting, ctx=acting(request))
    intake = intake_access.intake_of(patient)
    current = selectors.current_answers(intake).get(known.code, {}) if intake else {}
    form = SectionForm(request.POST if posting else None, section=known, initial=current)
    rows = None
    if known.list_of:
        rows = row_formset(
            known, request.POST if posting else None, initial=current.get("rows") or []
        )
        if posting and "add_row" in request.POST:
            typed = [f.row() for f in rows.forms if f.is_valid() and f.has_changed()]
            rows = row_formset(known, None, initial=[r for r in typed if r], extra=3)
            posting = False  # shown again with more rows, nothing saved
    if posting and form.is_valid() and (rows is None or rows.is_valid()):
        answers = dict(form.cleaned_data)
        if rows is not None:
            answers["rows"] = rows_of(rows)
        intake = intake or services.intake_open(
            patient=patient, actor=request.user, ctx=acting(request)
        )
        saved = services.intake_answer(
            intake=intake,
            section=known.code,
            answers=answers,
            actor=request.user,
            ctx=acting(request),
        )
        if saved.crisis:
            messages.error(
                request,
                "What was written speaks of suicide or self-harm. The location's clinicians "
                "have been alerted. If the patient is with you, stay with them and fetch a "
                "clinician now.",
            )
        messages.success(request, f"Saved: {known.title}, in your name.")
        return redirect("chart:intake_record", code=patient.code)
    audit_record(
        action=IntakeAction.INTAKE_VIEWED,
        ctx=acting(request),
        obj=intake or patient,
        patient_code=patient.code,
        details={"page": f"edit {known.code}"},
    )
    return render(
        request,
        "chart/intake_edit.html",
        {"patient": patient, "intake": intake, "section": known, "form": form, "rows": rows},
        status=400 if request.method == "POST" and "add_row" not in request.POST else 200,
    )


@requires(Perm.CLINICAL_VIEW, not_found=True)
@require_POST
def intake_lock(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    patient = access.get_patient_for_user(request.user, code, write=True, ctx=acting(request))
    intake = intake_access.intake_of(patient)
    if intake is None:
        messages.error(request, "There is no intake to lock yet.")
    else:
        services.intake_lock(intake=intake, actor=request.user, ctx=acting(request))
        messages.success(
            request,
            "Intake locked. The patient's link can no longer change it; corrections are "
            "kept as new entries.",
        )
    return redirect("chart:intake_record", code=patient.code)


@requires(Perm.INTAKE_SEND, not_found=True)
@require_POST
def insurance_card_add(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    patient = access.get_patient_for_user(request.user, code, write=True, ctx=acting(request))
    form = InsuranceCardForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return redirect("chart:intake_record", code=patient.code)
    upload = form.cleaned_data["image"]
    try:
        data = files.upload_bytes(upload)
        intake = intake_access.intake_of(patient) or services.intake_open(
            patient=patient, actor=request.user, ctx=acting(request)
        )
        services.insurance_card_add(
            intake=intake,
            side=form.cleaned_data["side"],
            data=data,
            actor=request.user,
            ctx=acting(request),
        )
    except UploadRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "Insurance card image kept.")
    return redirect("chart:intake_record", code=patient.code)


@requires(Perm.INTAKE_SEND, not_found=True)
@require_safe
@shows_patient_data
def insurance_card_file(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    card = selectors.insurance_card_by_code(code)
    if card is None:
        raise Http404("No such card image.")
    patient = access.get_patient_for_user(
        request.user, card.intake.patient.code, ctx=acting(request)
    )
    audit_record(
        action=IntakeAction.INTAKE_VIEWED,
        ctx=acting(request),
        obj=card,
        patient_code=patient.code,
        details={"page": "insurance card", "side": card.side},
    )
    return files.download_response(card.file, name=f"insurance-card-{card.side}-{card.code}")
