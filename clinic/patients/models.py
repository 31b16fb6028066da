"""The patient record. Identifying and contact details are encrypted at rest; exact-match
look-ups (email, phone, last name with date of birth) go through keyed blind indexes."""

from __future__ import annotations

import json
import uuid

from django.conf import settings
from django.db import models

from clinic.core.fields import EncryptedDateField, EncryptedTextField
from clinic.locations.models import Location


class Patient(models.Model):
    """A person the clinic cares for (or may care for). Later issues extend this record."""

    class Payment(models.TextChoices):
        SELF_PAY = "self_pay", "Self-pay"
        INSURANCE = "insurance", "Insurance"
        UNSURE = "unsure", "Not sure yet"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first_name = EncryptedTextField()
    last_name = EncryptedTextField()
    date_of_birth = EncryptedDateField(help_text="Encrypted; a date on the model.")
    phone = EncryptedTextField(blank=True)
    email = EncryptedTextField(blank=True)
    email_bidx = models.CharField(max_length=64, blank=True, db_index=True)
    phone_bidx = models.CharField(max_length=64, blank=True, db_index=True)
    identity_bidx = models.CharField(max_length=64, db_index=True)  # last name + date of birth
    home_location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # What the person told the clinic when they first asked (carried from their request;
    # intake adds to it). Codes are the website form's; the chart shows their labels.
    payment = models.CharField(max_length=20, choices=Payment.choices, blank=True)
    insurance_payer = EncryptedTextField(blank=True)
    insurance_member_id = EncryptedTextField(blank=True)
    preferred_times = EncryptedTextField(blank=True)  # JSON list of "mon-morning" style codes
    concerns = EncryptedTextField(blank=True)  # JSON list of condition codes
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Patient {self.code}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def preferred_time_codes(self) -> list[str]:
        return list(json.loads(self.preferred_times)) if self.preferred_times else []

    @property
    def concern_codes(self) -> list[str]:
        return list(json.loads(self.concerns)) if self.concerns else []


class BreakGlassGrant(models.Model):
    """Time-boxed access for a clinician to a chart outside their locations, with a written
    reason; every grant waits for review."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="break_glass")
    reason = EncryptedTextField()
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "patient", "expires_at"])]

    def __str__(self) -> str:
        return f"Break-glass {self.code}"


class PatientSearchToken(models.Model):
    """One keyed search token of a record (patients/search.py): a piece of the name, a run of
    the phone number or the birth date, never readable without the key."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=16)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "patient"], name="one_search_token_each")
        ]

    def __str__(self) -> str:
        return f"Search token of {self.patient_id}"
