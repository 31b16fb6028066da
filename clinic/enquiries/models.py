"""Enquiries: requests from the public site ("book a free consultation", "request pricing
information"). In code they are enquiries; on screen and in addresses they are requests,
as people call them. Everything the visitor wrote is encrypted at rest."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.conf import settings
from django.db import models

from clinic.core.fields import EncryptedTextField
from clinic.locations.models import Location


class Enquiry(models.Model):
    class Kind(models.TextChoices):
        CONSULTATION = "consultation", "Free consultation"
        PRICING = "pricing", "Pricing information"
        BOOKING = "booking", "Booked online"  # with an appointment: its type says what

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_PROGRESS = "in_progress", "In progress"
        CONVERTED = "converted", "Became a patient"
        CLOSED = "closed", "Closed"

    class Payment(models.TextChoices):
        SELF_PAY = "self_pay", "Self-pay"
        INSURANCE = "insurance", "Insurance"
        UNSURE = "unsure", "Not sure yet"

    class CloseReason(models.TextChoices):
        NOT_REACHED = "not_reached", "Could not reach them"
        NOT_SUITABLE = "not_suitable", "Not suitable for treatment here"
        NOT_INTERESTED = "not_interested", "No longer interested"
        DUPLICATE = "duplicate", "Duplicate request"
        SPAM = "spam", "Spam"
        OTHER = "other", "Other"

    OPEN = (Status.NEW, Status.IN_PROGRESS)

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CONSULTATION)
    name = EncryptedTextField()
    phone = EncryptedTextField(blank=True)
    email = EncryptedTextField(blank=True)
    email_bidx = models.CharField(max_length=64, blank=True, db_index=True)
    phone_bidx = models.CharField(max_length=64, blank=True, db_index=True)
    preferred_location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    preferred_times = EncryptedTextField(blank=True)  # JSON list of "mon-morning" style codes
    payment = models.CharField(max_length=20, choices=Payment.choices, default=Payment.UNSURE)
    insurance_payer = EncryptedTextField(blank=True)
    insurance_member_id = EncryptedTextField(blank=True)
    concerns = EncryptedTextField(blank=True)  # JSON list of condition codes
    message = EncryptedTextField(blank=True)
    consent_text = models.TextField()
    consented_at = models.DateTimeField()
    assessment = EncryptedTextField(blank=True)  # JSON: instrument, answers, total, band, flag
    urgent = models.BooleanField(default=False, db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    close_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True)
    patient = models.ForeignKey(
        "patients.Patient", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-urgent", "created_at"]
        verbose_name = "consultation request"

    def __str__(self) -> str:
        return f"Request {self.code}"

    def _json(self, field: str) -> Any:
        raw = getattr(self, field)
        return json.loads(raw) if raw else None

    @property
    def assessment_data(self) -> dict[str, Any] | None:
        data = self._json("assessment")
        return data if isinstance(data, dict) else None

    @property
    def preferred_time_codes(self) -> list[str]:
        return list(self._json("preferred_times") or [])

    @property
    def concern_codes(self) -> list[str]:
        return list(self._json("concerns") or [])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class CallAttempt(models.Model):
    """One try at reaching the person who asked."""

    class Outcome(models.TextChoices):
        REACHED = "reached", "Spoke with them"
        VOICEMAIL = "voicemail", "Left a voicemail"
        NO_ANSWER = "no_answer", "No answer"
        WRONG_NUMBER = "wrong_number", "Wrong number"
        EMAILED = "emailed", "Sent an email"

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="calls")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    note = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.outcome} at {self.at}"
