"""Reads for website requests."""

from __future__ import annotations

from django.db.models import QuerySet

from clinic.enquiries.models import CallAttempt, ConsultationRequest
from clinic.locations.models import Location


def calls_for(enquiry: ConsultationRequest) -> list[CallAttempt]:
    """The call attempts logged on a request, latest first."""
    return list(CallAttempt.objects.filter(request=enquiry).select_related("by").order_by("-at"))


def inbox(
    visible: QuerySet[ConsultationRequest],
    *,
    status: str = "open",
    location: Location | None = None,
    urgent_only: bool = False,
    limit: int = 200,
) -> list[ConsultationRequest]:
    """Requests among `visible` (the access helper's), urgent first then oldest first.
    `status`: "open" (new or in progress), "" (any) or one status."""
    found = visible.select_related("preferred_location", "assigned_to")
    if status == "open":
        found = found.filter(status__in=ConsultationRequest.OPEN)
    elif status:
        found = found.filter(status=status)
    if location is not None:
        found = found.filter(preferred_location=location)
    if urgent_only:
        found = found.filter(urgent=True)
    return list(found.order_by("-urgent", "created_at")[:limit])
