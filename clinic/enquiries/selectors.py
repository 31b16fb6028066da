"""Reads for website requests."""

from __future__ import annotations

from django.db.models import QuerySet

from clinic.enquiries.models import CallAttempt, Enquiry
from clinic.locations.models import Location


def calls_for(enquiry: Enquiry) -> list[CallAttempt]:
    """The call attempts logged on a request, latest first."""
    return list(CallAttempt.objects.filter(enquiry=enquiry).select_related("by").order_by("-at"))


def inbox(
    visible: QuerySet[Enquiry],
    *,
    status: str = "open",
    location: Location | None = None,
    urgent_only: bool = False,
    limit: int = 200,
) -> list[Enquiry]:
    """Requests among `visible` (the access helper's), urgent first then oldest first.
    `status`: "open" (new or in progress), "" (any) or one status."""
    enquiry = visible.select_related("preferred_location", "assigned_to")
    if status == "open":
        enquiry = enquiry.filter(status__in=Enquiry.OPEN)
    elif status:
        enquiry = enquiry.filter(status=status)
    if location is not None:
        enquiry = enquiry.filter(preferred_location=location)
    if urgent_only:
        enquiry = enquiry.filter(urgent=True)
    return list(enquiry.order_by("-urgent", "created_at")[:limit])
