"""The audit trail for the clinic's owner: search, and the break-glass review queue.
Reading the trail is itself recorded."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from clinic.accounts.decorators import requires
from clinic.accounts.policy import Perm
from clinic.audit.models import Action
from clinic.audit.selectors import audit_event_search
from clinic.audit.services import audit_record
from clinic.oversight.forms import AuditSearchForm


@requires(Perm.AUDIT_LOG_VIEW)
def event_list(request: HttpRequest) -> HttpResponse:
    form = AuditSearchForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    filters = form.filters() if form.is_bound and valid else {}
    events = audit_event_search(**filters)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    audit_record(
        action=Action.AUDIT_VIEWED,
        request=request,
        patient_code=filters.get("patient_code"),
        details={
            "filters": {k: str(v) for k, v in filters.items() if v},
            "page": page.number,
        },
    )
    return render(
        request,
        "oversight/event_list.html",
        {"form": form, "page": page},
        status=200 if valid else 400,
    )
