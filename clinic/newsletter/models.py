"""Newsletter subscribers: double opt-in, consent recorded with its time and wording."""

from __future__ import annotations

import uuid

from django.db import models

from clinic.core.fields import EncryptedTextField


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Subscribed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = EncryptedTextField()
    email_bidx = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    consent_text = models.TextField()
    consented_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Subscriber {self.code}"
