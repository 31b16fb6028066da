"""What the clinical record before treatment adds to the audit trail."""

from __future__ import annotations

from django.db import models


class IntakeAction(models.TextChoices):
    INTAKE_SENT = "intake_sent", "Intake link sent"
    INTAKE_OPENED = "intake_opened", "Intake started at the desk"
    INTAKE_ANSWERED = "intake_answered", "Intake answers saved"
    INTAKE_LOCKED = "intake_locked", "Intake locked"
    INTAKE_VIEWED = "intake_viewed", "Intake viewed"
    INSURANCE_CARD_ADDED = "insurance_card_added", "Insurance card image added"
    QUEUE_VIEWED = "intake_queue_viewed", "Who is waiting before treatment viewed"
    CONSENT_PUBLISHED = "consent_published", "Consent document version published"
    CONSENT_SIGNED = "consent_signed", "Consent signed or recorded"
    CONSENT_WITHDRAWN = "consent_withdrawn", "Consent withdrawn"
    EVALUATION_SIGNED = "evaluation_signed", "Eligibility evaluation signed"
    ADDENDUM_ADDED = "addendum_added", "Addendum added to a signed note"


READS = (IntakeAction.INTAKE_VIEWED, IntakeAction.QUEUE_VIEWED)
