"""Consents at the desk: record one signed on paper with its scan, withdraw one, and open a
scan (clinicians only, as a sandboxed download, audited)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST, require_safe

from clinic.accounts.decorators import requires
from clinic.accounts.policy import Perm
from clinic.accounts.types import AuthenticatedRequest
from clinic.audit.decorators import shows_patient_data
from clinic.audit.services import audit_record
from clinic.core import files
from clinic.core.context import acting
from clinic.core.uploads import UploadRefused
from clinic.intake import consent, selectors
from clinic.intake.audit_actions import IntakeAction
from clinic.intake.forms import PaperConsentForm
from clinic.intake.models import Consent
from clinic.patients import access


@requires(Perm.INTAKE_SEND, not_found=True)
@require_POST
def consent_paper(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    patient = access.get_patient_for_user(request.user, code, write=True, ctx=acting(request))
    form = PaperConsentForm(
        request.POST, request.FILES, documents=selectors.current_documents_queryset()
    )
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return redirect("chart:patient_detail", code=patient.code)
    upload = form.cleaned_data["scan"]
    try:
        consent.consent_record_paper(
            patient=patient,
            document=form.cleaned_data["document"],
            scan=files.upload_bytes(upload),
            signed_on=form.cleaned_data["signed_on"],
            actor=request.user,
            ctx=acting(request),
        )
    except (UploadRefused, consent.ConsentRefused) as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "Paper consent recorded with its scan.")
    return redirect("chart:patient_detail", code=patient.code)


def _consent_of(request: AuthenticatedRequest, code: uuid.UUID, *, write: bool) -> Consent:
    """The consent, if its patient is within the person's reach (404 otherwise, the same
    for a consent that does not exist)."""
    found = selectors.consent_by_code(code)
    if found is None:
        raise Http404("No such consent.")
    access.get_patient_for_user(request.user, found.patient.code, write=write, ctx=acting(request))
    return found


@requires(Perm.CLINICAL_VIEW, not_found=True)
@require_POST
def consent_withdraw(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    found = _consent_of(request, code, write=True)
    consent.consent_withdraw(
        consent=found,
        actor=request.user,
        note=request.POST.get("note", ""),
        ctx=acting(request),
    )
    messages.success(
        request, "Consent withdrawn. Treatment by the routes it covered now needs a new consent."
    )
    return redirect("chart:patient_detail", code=found.patient.code)


@requires(Perm.CLINICAL_VIEW, not_found=True)
@require_safe
@shows_patient_data
def consent_scan(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    found = _consent_of(request, code, write=False)
    if found.scan is None:
        raise Http404("This consent was signed online; there is no scan.")
    audit_record(
        action=IntakeAction.INTAKE_VIEWED,
        ctx=acting(request),
        obj=found,
        patient_code=found.patient.code,
        details={"page": "consent scan"},
    )
    return files.download_response(found.scan, name=f"consent-{found.document.kind}-{found.code}")
