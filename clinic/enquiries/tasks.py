"""Background work for requests: telling clinicians that an urgent request is waiting."""

from __future__ import annotations

from django.conf import settings
from django.tasks import task
from django.urls import reverse

from clinic.accounts.selectors import clinician_emails
from clinic.core.mail import send_templated
from clinic.enquiries.models import ConsultationRequest


@task()
def notify_urgent_request(code: str) -> int:
    """Email the clinicians of the request's location (or all clinicians). The email holds no
    patient data, only a link to the inbox. Returns how many were told."""
    found = ConsultationRequest.objects.filter(code=code).first()
    if found is None:
        return 0
    emails = clinician_emails(location_id=found.preferred_location_id)
    if emails:
        send_templated(
            "urgent-request",
            to=emails,
            context={
                "inbox_url": settings.CLINIC_BASE_URL
                + reverse("enquiries:request_detail", kwargs={"code": found.code})
            },
        )
    return len(emails)
