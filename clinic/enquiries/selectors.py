"""Reads for website requests."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from clinic.enquiries.models import CallAttempt, Enquiry
from clinic.locations.models import Location
from clinic.patients.models import Patient


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


def enquiries_for_patient(patient: Patient) -> list[Enquiry]:
    """The requests that became (or were joined to) this record, newest first, each with its
    call attempts (latest first) in `call_log`. The caller already holds the record."""
    calls = CallAttempt.objects.select_related("by").order_by("-at")
    return list(
        Enquiry.objects.filter(patient=patient)
        .select_related("preferred_location")
        .prefetch_related(Prefetch("calls", queryset=calls, to_attr="call_log"))
        .order_by("-created_at")
    )


def split_name(name: str) -> tuple[str, str]:
    """A best guess at first and last name from the one name a visitor typed, for staff to
    check: the last word is the last name ("Mary Ann Smith" -> "Mary Ann", "Smith")."""
    words = name.split()
    if len(words) < 2:
        return (words[0] if words else "", "")
    return " ".join(words[:-1]), words[-1]
