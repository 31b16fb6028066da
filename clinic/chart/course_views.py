"""The prescriber's view: every session running now at their locations, alerts first, the
notes waiting for their signature, and each course at a glance."""

from __future__ import annotations

import uuid

from django.http import HttpResponse
from django.shortcuts import render

from clinic.accounts.decorators import requires
from clinic.accounts.policy import Perm
from clinic.accounts.types import AuthenticatedRequest
from clinic.audit.decorators import shows_patient_data
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.context import acting
from clinic.treatments import access, lines, session_selectors
from clinic.treatments import selectors as treatment_selectors
from clinic.treatments.audit_actions import TreatmentAction


@requires(Perm.SESSION_CHART)
@shows_patient_data
def sessions_running(request: AuthenticatedRequest) -> HttpResponse:
    ctx = acting(request)
    locations = access.session_locations(request.user)
    now = clock.now()
    running = session_selectors.running(locations)
    states = treatment_selectors.chair_states(
        [s.booking_id for s in running], now=now, lines=lines.current()
    )
    rows = [states[s.booking_id] for s in running if s.booking_id in states]
    rows.sort(key=lambda st: (-st.open_alerts, not (st.next_due and st.next_due.overdue)))
    audit_record(
        action=TreatmentAction.SESSIONS_VIEWED,
        ctx=ctx,
        details={"running": len(rows)},
    )
    return render(
        request,
        "chart/sessions_running.html",
        {"rows": rows, "to_sign": session_selectors.to_sign(locations)},
    )


@requires(Perm.SESSION_CHART, not_found=True)
@shows_patient_data
def course(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    ctx = acting(request)
    plan = access.plan_for_user(request.user, code, ctx=ctx)
    audit_record(
        action=TreatmentAction.COURSE_VIEWED,
        ctx=ctx,
        obj=plan,
        patient_code=plan.patient.code,
    )
    return render(
        request,
        "chart/course.html",
        {"plan": plan, "patient": plan.patient, "lines": session_selectors.course(plan)},
    )
