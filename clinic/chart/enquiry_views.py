"""The requests inbox for front desk and clinicians: website requests, followed up and turned
into patient records."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from clinic.accounts.decorators import requires
from clinic.accounts.policy import Perm
from clinic.accounts.selectors import colleagues_for
from clinic.accounts.types import AuthenticatedRequest
from clinic.audit.decorators import shows_patient_data
from clinic.audit.services import audit_record
from clinic.core.context import acting
from clinic.enquiries import access, services
from clinic.enquiries import selectors as enquiry_selectors
from clinic.enquiries.audit_actions import EnquiryAction
from clinic.enquiries.choices import CONCERNS, TIME_CHOICES
from clinic.enquiries.forms import CallAttemptForm, CloseForm, ConvertForm, InboxFilterForm
from clinic.enquiries.models import Enquiry
from clinic.patients.services import DuplicatePatient
from clinic.scheduling import conversion
from clinic.scheduling import selectors as scheduling_selectors


@requires(Perm.ENQUIRY_VIEW)
@shows_patient_data
def enquiry_inbox(request: AuthenticatedRequest) -> HttpResponse:
    form = InboxFilterForm(request.GET or {"status": "open"})
    visible = access.enquiries_visible_to(request.user)
    if form.is_valid():
        rows = enquiry_selectors.inbox(
            visible,
            status=form.cleaned_data["status"],
            location=form.cleaned_data["location"],
            urgent_only=form.cleaned_data["urgent"],
        )
    else:
        rows = enquiry_selectors.inbox(visible, status="")
    booked = scheduling_selectors.booked_types(rows)  # what a request booked online is for
    audit_record(
        action=EnquiryAction.ENQUIRY_LISTED,
        ctx=acting(request),
        details={"count": len(rows), "codes": [str(r.code) for r in rows]},
    )
    return render(
        request,
        "chart/enquiry_inbox.html",
        {"form": form, "rows": [(row, booked.get(row.pk, "")) for row in rows]},
        status=200 if form.is_valid() else 400,
    )


@requires(Perm.ENQUIRY_VIEW, not_found=True)
@shows_patient_data
def enquiry_detail(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    enquiry = access.get_enquiry_for_user(request.user, code, ctx=acting(request))
    audit_record(action=EnquiryAction.ENQUIRY_VIEWED, ctx=acting(request), obj=enquiry)
    return render(request, "chart/enquiry_detail.html", _detail_context(request, enquiry))


def _detail_context(
    request: AuthenticatedRequest, enquiry: Enquiry, **forms: object
) -> dict[str, object]:
    times = dict(TIME_CHOICES)
    concerns = dict(CONCERNS)
    locations = request.user.locations.filter(is_active=True)
    return {
        "enquiry": enquiry,
        "times": [times.get(c, c) for c in enquiry.preferred_time_codes],
        "concerns": [concerns.get(c, c) for c in enquiry.concern_codes],
        "calls": enquiry_selectors.calls_for(enquiry),
        "bookings": scheduling_selectors.bookings_for_enquiry(enquiry),
        "colleagues": sorted(
            colleagues_for(user=request.user, perm=Perm.ENQUIRY_MANAGE),
            key=lambda person: person.full_name.casefold(),
        ),
        "call_form": forms.get("call_form") or CallAttemptForm(),
        "close_form": forms.get("close_form") or CloseForm(),
        "convert_form": forms.get("convert_form")
        or ConvertForm(
            locations=locations,
            initial=_convert_initial(enquiry),
        ),
    }


def _convert_initial(enquiry: Enquiry) -> dict[str, object]:
    first, last = enquiry_selectors.split_name(enquiry.name)
    return {"first_name": first, "last_name": last, "home_location": enquiry.preferred_location_id}


@requires(Perm.ENQUIRY_MANAGE, not_found=True)
@require_POST
def enquiry_assign(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    enquiry = access.get_enquiry_for_user(request.user, code, write=True, ctx=acting(request))
    assignee_code = request.POST.get("assignee", "")
    assignee = None
    if assignee_code == "me":
        assignee = request.user
    elif assignee_code:
        try:
            # Only someone offered in the list: a colleague at a shared location who may
            # handle requests (never a patient, never another clinic's staff).
            assignee = (
                colleagues_for(user=request.user, perm=Perm.ENQUIRY_MANAGE)
                .filter(code=uuid.UUID(assignee_code))
                .first()
            )
        except ValueError:
            assignee = None
        if assignee is None:
            messages.error(request, "Choose a colleague from the list.")
            return redirect("chart:enquiry_detail", code=code)
    services.enquiry_assign(
        enquiry=enquiry, assignee=assignee, actor=request.user, ctx=acting(request)
    )
    messages.success(request, "Assigned." if assignee else "Unassigned.")
    return redirect("chart:enquiry_detail", code=code)


@requires(Perm.ENQUIRY_MANAGE, not_found=True)
@require_POST
def enquiry_call(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    enquiry = access.get_enquiry_for_user(request.user, code, write=True, ctx=acting(request))
    form = CallAttemptForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, enquiry, call_form=form)
        return render(request, "chart/enquiry_detail.html", context, status=400)
    services.call_attempt_log(
        enquiry=enquiry,
        actor=request.user,
        outcome=form.cleaned_data["outcome"],
        note=form.cleaned_data["note"],
        ctx=acting(request),
    )
    messages.success(request, "Call attempt logged.")
    return redirect("chart:enquiry_detail", code=code)


@requires(Perm.ENQUIRY_MANAGE, not_found=True)
@require_POST
def enquiry_close(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    enquiry = access.get_enquiry_for_user(request.user, code, write=True, ctx=acting(request))
    form = CloseForm(request.POST)
    if not form.is_valid() or not enquiry.is_open:
        context = _detail_context(request, enquiry, close_form=form)
        return render(request, "chart/enquiry_detail.html", context, status=400)
    services.enquiry_close(
        enquiry=enquiry, reason=form.cleaned_data["reason"], actor=request.user, ctx=acting(request)
    )
    messages.success(request, "Request closed.")
    return redirect("chart:enquiry_inbox")


@requires(Perm.ENQUIRY_MANAGE, not_found=True)
@require_POST
def enquiry_convert(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    enquiry = access.get_enquiry_for_user(request.user, code, write=True, ctx=acting(request))
    form = ConvertForm(request.POST, locations=request.user.locations.filter(is_active=True))
    if form.is_valid() and enquiry.is_open:
        data = form.cleaned_data
        try:
            patient = conversion.enquiry_convert(
                enquiry=enquiry,
                first_name=data["first_name"],
                last_name=data["last_name"],
                date_of_birth=data["date_of_birth"],
                home_location=data["home_location"],
                actor=request.user,
                allow_duplicate=data["not_a_duplicate"],
                ctx=acting(request),
            )
        except DuplicatePatient:
            form.add_error(
                None,
                "The clinic may already know this person (same last name and date of birth, "
                "email or phone). Search the patient list; tick the box if this is someone else.",
            )
        else:
            messages.success(request, "Patient record created from the request.")
            return redirect("chart:patient_detail", code=patient.code)
    context = _detail_context(request, enquiry, convert_form=form)
    return render(request, "chart/enquiry_detail.html", context, status=400)
