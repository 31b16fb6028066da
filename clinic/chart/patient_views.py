"""Patient records for staff: list and search, the chart, new and edit, emergency access."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from clinic.accounts.decorators import requires
from clinic.accounts.policy import Perm
from clinic.accounts.types import AuthenticatedRequest
from clinic.audit.decorators import shows_patient_data
from clinic.audit.models import Action
from clinic.audit.services import audit_record
from clinic.core.context import acting
from clinic.enquiries import selectors as enquiry_selectors
from clinic.enquiries.choices import CONCERNS, TIME_CHOICES
from clinic.intake import access as intake_access
from clinic.intake import selectors as intake_selectors
from clinic.intake import services as intake_services
from clinic.intake.forms import PaperConsentForm
from clinic.intake.screening import ROUTE_LABELS
from clinic.patients import access, selectors, services
from clinic.patients.forms import BreakGlassForm, PatientForm, PatientSearchForm
from clinic.scheduling import selectors as scheduling_selectors
from clinic.treatments import selectors as treatment_selectors


@requires(Perm.PATIENT_LIST)
@shows_patient_data
def patient_list(request: AuthenticatedRequest) -> HttpResponse:
    # Search terms (emails, phones, birth dates) travel in the body, never in a URL that
    # proxies log and browsers remember; a query string is ignored.
    form = PatientSearchForm(request.POST if request.method == "POST" else None)
    searching = form.is_bound and form.is_valid()
    if searching:
        patients = selectors.patient_search(user=request.user, query=form.search())
    else:
        patients = selectors.patient_list_for_user(user=request.user)
    audit_record(
        action=Action.PATIENT_SEARCHED if form.is_bound else Action.PATIENT_LISTED,
        ctx=acting(request),
        # what was found, never what was typed
        details={"count": len(patients), "codes": [str(p.code) for p in patients]},
    )
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request,
        "chart/patient_list.html",
        {
            "form": form,
            "patients": patients,
            "perms_break_glass": request.user.can(Perm.BREAK_GLASS),
        },
        status=status,
    )


@requires(Perm.PATIENT_VIEW, not_found=True)
@shows_patient_data
def patient_detail(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    try:
        patient = access.get_patient_for_user(request.user, code, ctx=acting(request))
    except Http404:
        # Not among this person's locations' records, or no such record: the same page
        # either way. A clinician is offered emergency access (which says nothing of
        # whether the record exists until a reason is given and the record opened).
        return render(
            request,
            "chart/patient_not_here.html",
            {"code": code, "can_break_glass": request.user.can(Perm.BREAK_GLASS)},
            status=404,
        )
    requests = enquiry_selectors.enquiries_for_patient(patient)
    audit_record(
        action=Action.PATIENT_VIEWED,
        ctx=acting(request),
        obj=patient,
        patient_code=patient.code,
        details={"requests": [str(e.code) for e in requests]},
    )
    times, concerns = dict(TIME_CHOICES), dict(CONCERNS)
    intake = intake_access.intake_of(patient)
    clinical = request.user.can(Perm.CLINICAL_VIEW)
    evaluation = intake_selectors.latest_evaluation(patient)
    consents = intake_selectors.consent_lines(patient)
    answers = intake_selectors.current_answers(intake) if intake else {}  # read once
    return render(
        request,
        "chart/patient_detail.html",
        {
            "patient": patient,
            "can_book": request.user.can(Perm.SCHEDULE_MANAGE),
            "bookings": scheduling_selectors.bookings_for_patient(patient),
            "times": [times.get(c, c) for c in patient.preferred_time_codes],
            "concerns": [concerns.get(c, c) for c in patient.concern_codes],
            "requests": [(e, [concerns.get(c, c) for c in e.concern_codes]) for e in requests],
            "intake": intake,
            "given": intake_selectors.given_identity(intake, patient, answers) if intake else None,
            "can_send_intake": request.user.can(Perm.INTAKE_SEND),
            "summary": intake_selectors.summary(intake, answers) if intake and clinical else None,
            "clinical": clinical,
            "evaluation": evaluation,
            "addenda": intake_selectors.addenda(evaluation) if evaluation and clinical else [],
            "can_evaluate": request.user.can(Perm.EVALUATION_SIGN),
            "consents": consents,
            "consented_labels": [
                label
                for code, label in ROUTE_LABELS.items()
                if any(code in line.document.routes for line in consents if line.state == "current")
            ],
            "plans": treatment_selectors.plans_for(patient) if clinical else [],
            "can_plan": request.user.can(Perm.PLAN_SIGN),
            "paper_form": PaperConsentForm(documents=intake_selectors.current_documents_queryset()),
        },
    )


@requires(Perm.INTAKE_SEND, not_found=True)
@require_POST
def intake_send(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    """Send (or send again) the patient's intake link; earlier links stop working."""
    patient = access.get_patient_for_user(request.user, code, write=True, ctx=acting(request))
    _, url = intake_services.intake_link_send(
        patient=patient, actor=request.user, ctx=acting(request)
    )
    if patient.email:
        messages.success(request, "Intake link emailed to the patient. Earlier links stop working.")
    else:
        # No address on the record: the link is shown once, to give by text or in person.
        messages.warning(request, f"No email on the record. Give the patient this link: {url}")
    return redirect("chart:patient_detail", code=patient.code)


@requires(Perm.PATIENT_CREATE)
def patient_create(request: AuthenticatedRequest) -> HttpResponse:
    locations = request.user.locations.filter(is_active=True)
    form = PatientForm(request.POST or None, locations=locations)
    duplicates: list[object] = []
    if request.method == "POST" and form.is_valid():
        try:
            patient = services.patient_create(
                details=form.details(),
                actor=request.user,
                ctx=acting(request),
                allow_duplicate=form.cleaned_data["not_a_duplicate"],
            )
        except services.DuplicatePatient as dup:
            duplicates = list(dup.matches)  # only records this person may see
            form.add_error(
                None,
                "This may be someone the clinic already knows (same last name and date of "
                "birth, email or phone). Check, then tick the box below if this is a "
                "different person.",
            )
        else:
            messages.success(request, "Patient record created.")
            return redirect("chart:patient_detail", code=patient.code)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "chart/patient_form.html",
        {"form": form, "duplicates": duplicates, "creating": True},
        status=status,
    )


@requires(Perm.PATIENT_EDIT, not_found=True)
@shows_patient_data
def patient_edit(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    patient = access.get_patient_for_user(request.user, code, write=True, ctx=acting(request))
    locations, held_by_emergency_access = selectors.home_location_choices(
        user=request.user, patient=patient
    )
    if request.method == "POST":
        form = PatientForm(request.POST, locations=locations)
        if form.is_valid():
            try:
                services.patient_update(
                    patient=patient,
                    details=form.details(),
                    actor=request.user,
                    ctx=acting(request),
                )
            except services.ScopeChangeRefused:
                form.add_error("home_location", "Only this location's own staff can move it.")
            else:
                messages.success(request, "Changes saved.")
                return redirect("chart:patient_detail", code=patient.code)
        status = 400
    else:
        form = PatientForm(
            initial={
                "first_name": patient.first_name,
                "last_name": patient.last_name,
                "date_of_birth": patient.date_of_birth,
                "phone": patient.phone,
                "email": patient.email,
                "home_location": patient.home_location_id,
            },
            locations=locations,
        )
        status = 200
    if held_by_emergency_access:
        form.fields[
            "home_location"
        ].help_text = (
            "Opened with emergency access: only this location's own staff can move the record."
        )
    # The form shows the record's details, so showing it is a read (one event either way).
    audit_record(
        action=Action.PATIENT_VIEWED,
        ctx=acting(request),
        obj=patient,
        patient_code=patient.code,
        details={"for": "edit"},
    )
    return render(
        request, "chart/patient_form.html", {"form": form, "patient": patient}, status=status
    )


@requires(Perm.BREAK_GLASS, not_found=True)
def break_glass(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    patient = access.patient_exists(code)
    if patient is None:
        raise Http404("No such patient.")
    if access.patients_visible_to(request.user).filter(pk=patient.pk).exists():
        return redirect("chart:patient_detail", code=patient.code)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.break_glass_open(
            actor=request.user,
            patient=patient,
            reason=form.cleaned_data["reason"],
            ctx=acting(request),
        )
        messages.warning(request, "Emergency access is open for one hour and will be reviewed.")
        return redirect("chart:patient_detail", code=patient.code)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "chart/break_glass_form.html", {"form": form, "code": code}, status=status
    )
