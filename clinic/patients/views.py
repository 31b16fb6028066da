"""A patient's own record (the staff chart lives in clinic.chart)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from clinic.accounts.decorators import requires
from clinic.accounts.policy import Perm
from clinic.accounts.types import AuthenticatedRequest
from clinic.audit.decorators import shows_patient_data
from clinic.audit.models import Action
from clinic.audit.services import audit_record
from clinic.core.context import acting
from clinic.patients import access


@requires(Perm.OWN_RECORD_VIEW)
@shows_patient_data
def my_record(request: AuthenticatedRequest) -> HttpResponse:
    patient = access.get_own_record(request.user)
    if patient is None:
        return render(request, "patients/my_record.html", {"patient": None})
    audit_record(
        action=Action.PATIENT_VIEWED, ctx=acting(request), obj=patient, patient_code=patient.code
    )
    return render(request, "patients/my_record.html", {"patient": patient})
