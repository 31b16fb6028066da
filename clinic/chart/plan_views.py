"""The prescriber orders a course of treatment from the chart."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from clinic.accounts.decorators import requires
from clinic.accounts.policy import Perm
from clinic.accounts.types import AuthenticatedRequest
from clinic.audit.decorators import shows_patient_data
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.context import acting
from clinic.intake import selectors as intake_selectors
from clinic.intake.audit_actions import IntakeAction
from clinic.intake.screening import ROUTE_LABELS
from clinic.patients import access
from clinic.treatments import plans
from clinic.treatments.forms import PlanForm


@requires(Perm.PLAN_SIGN, not_found=True)
@shows_patient_data
def plan_new(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    patient = access.get_patient_for_user(request.user, code, write=True, ctx=acting(request))
    eligible = intake_selectors.eligible_routes(patient)
    consented = intake_selectors.consented_routes(patient)
    form = PlanForm(
        request.POST or None,
        initial={
            "route": next(iter(sorted(eligible)), "iv"),
            "phase": "induction",
            "sessions": 6,
            "per_week": "2",
            "valid_until": clock.today(patient.home_location.tz) + dt.timedelta(days=90),
            "start_mg_per_kg": "0.50",
            "max_mg_per_kg": "1.00",
            "step_mg_per_kg": "0.25",
            "minutes": 40,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            plans.plan_sign(
                patient=patient, order=form.order(), actor=request.user, ctx=acting(request)
            )
        except plans.PlanRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "Treatment plan signed.")
            return redirect("chart:patient_detail", code=patient.code)
    audit_record(
        action=IntakeAction.INTAKE_VIEWED,
        ctx=acting(request),
        obj=patient,
        patient_code=patient.code,
        details={"page": "treatment plan"},
    )
    return render(
        request,
        "chart/plan_form.html",
        {
            "patient": patient,
            "form": form,
            "eligible": [ROUTE_LABELS[r] for r in ROUTE_LABELS if r in eligible],
            "consented": [ROUTE_LABELS[r] for r in ROUTE_LABELS if r in consented],
        },
        status=400 if request.method == "POST" else 200,
    )
