"""Newsletter for staff: counts and the subscriber export (the public pages are in
clinic.public.newsletter_views)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from clinic.accounts.decorators import requires
from clinic.accounts.policy import Perm
from clinic.core.context import acting
from clinic.core.csvsafe import write_rows
from clinic.newsletter import selectors, services


@requires(Perm.NEWSLETTER_MANAGE)
@require_safe
def subscribers(request: HttpRequest) -> HttpResponse:
    rows = selectors.subscriber_counts()
    return render(request, "newsletter/subscribers.html", {"rows": rows})


@requires(Perm.NEWSLETTER_MANAGE)
@require_safe
def subscribers_export(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="newsletter-subscribers.csv"'
    rows = services.subscriber_export_rows(actor=request.user, ctx=acting(request))
    write_rows(response, [["email", "confirmed_at", "consent_text"], *rows])
    return response
