"""The audit trail for the clinic's owner: search, and the break-glass review queue.
Reading the trail is itself recorded."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from clinic.accounts.decorators import requires
from clinic.accounts.policy import Perm
from clinic.accounts.types import AuthenticatedRequest
from clinic.audit.models import Action
from clinic.audit.selectors import audit_event_search
from clinic.audit.services import audit_record
from clinic.core.context import acting
from clinic.oversight.forms import AuditSearchForm
from clinic.patients import selectors as patient_selectors
from clinic.patients.services import break_glass_review


@requires(Perm.AUDIT_LOG_VIEW)
def event_list(request: HttpRequest) -> HttpResponse:
    form = AuditSearchForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    filters = form.filters() if form.is_bound and valid else {}
    events = audit_event_search(**filters)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    audit_record(
        action=Action.AUDIT_VIEWED,
        ctx=acting(request),
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


@requires(Perm.AUDIT_LOG_VIEW)
def break_glass_reviews(request: AuthenticatedRequest) -> HttpResponse:
    """Emergency accesses waiting for review, oldest first; marking one reviewed is audited."""
    if request.method == "POST":
        try:
            code = uuid.UUID(request.POST.get("grant", ""))
        except ValueError:
            raise Http404("No such emergency access.") from None
        grant = patient_selectors.grant_waiting_review(code)
        if grant is None:
            raise Http404("No such emergency access.")
        break_glass_review(grant=grant, actor=request.user, ctx=acting(request))
        messages.success(request, "Marked as reviewed.")
        return redirect("oversight:break_glass_reviews")
    grants = patient_selectors.grants_waiting_review()
    audit_record(
        action=Action.AUDIT_VIEWED,
        ctx=acting(request),
        details={"view": "break_glass_reviews", "count": len(grants)},
    )
    return render(request, "oversight/break_glass_reviews.html", {"grants": grants})
