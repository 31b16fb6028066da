"""What website requests add to the audit trail."""

from __future__ import annotations

from django.db import models


class EnquiryAction(models.TextChoices):
    ENQUIRY_RECEIVED = "enquiry_received", "Request received from the website"
    ENQUIRY_VIEWED = "enquiry_viewed", "Request viewed"
    ENQUIRY_LISTED = "enquiry_listed", "Requests inbox viewed"
    ENQUIRY_UPDATED = "enquiry_updated", "Request updated"


READS = (EnquiryAction.ENQUIRY_VIEWED, EnquiryAction.ENQUIRY_LISTED)
