"""Reads for website requests."""

from __future__ import annotations

from clinic.enquiries.models import CallAttempt, ConsultationRequest


def calls_for(enquiry: ConsultationRequest) -> list[CallAttempt]:
    """The call attempts logged on a request, latest first."""
    return list(CallAttempt.objects.filter(request=enquiry).select_related("by").order_by("-at"))
