"""Rows shared by every app: rate-limit counters, the outbox of messages, and uploaded files
(kept encrypted)."""

from __future__ import annotations

import uuid

from django.db import models

from clinic.core.fields import EncryptedTextField


class RateCounter(models.Model):
    """One fixed-window counter of a rate limit. The key is a keyed digest (never an address
    or a sign-in name in plain text); the row is replaced when its window has passed and
    pruned by the worker."""

    key = models.CharField(max_length=96, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.FloatField(help_text="Epoch seconds when the window closes.")

    class Meta:
        indexes = [models.Index(fields=["expires_at"], name="core_ratecounter_expiry")]

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


class OutgoingMessage(models.Model):
    """One email or text message the clinic has decided to send: the durable record of it.

    Written in the same transaction as the decision (a booking, a request, a due reminder), so
    it exists exactly when the decision does. The content (addresses, names, the text) is kept
    encrypted; the task queue carries only this row's code. Delivery claims the row with a
    lease, marks it "being handed over" just before the mail server or text provider is called,
    then "sent": a worker that dies before the hand-over leaves a claim that expires and is
    taken again; one that dies during it leaves "may not have been sent", shown to staff,
    never sent a second time by itself. Failures are retried with growing waits across an
    outage, then shown to staff as failed. See clinic.core.outbox."""

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        SMS = "sms", "Text message"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        CLAIMED = "claimed", "Being prepared"
        SENDING = "sending", "Being handed over"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not be sent"
        UNCERTAIN = "uncertain", "May not have been sent"
        CANCELLED = "cancelled", "Not sent (no longer needed)"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    template = models.CharField(max_length=64, help_text="Which message (no personal data).")
    about = models.CharField(
        max_length=80, blank=True, db_index=True, help_text="What it is about, by code."
    )
    dedupe_key = models.CharField(max_length=120, null=True, blank=True, unique=True)
    payload = EncryptedTextField(help_text="The rendered message, as JSON, encrypted.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    lease_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=120, blank=True, help_text="Kind of error only.")

    class Meta:
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="core_outgoing_due"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.template} {self.status}"

    @property
    def needs_attention(self) -> bool:
        return self.status in (self.Status.FAILED, self.Status.UNCERTAIN)


class StoredFile(models.Model):
    """An uploaded file (a consent scan, an insurance card), encrypted at rest with the
    field keyring like any other encrypted value (so key rotation re-encrypts it too), and
    bound to this row. Only its checked type and size are plain. Rows that point at it
    belong to the apps that use it; they reach it through their own access helpers."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    purpose = models.CharField(max_length=40)  # e.g. "consent-scan", "insurance-card"
    content_type = models.CharField(max_length=40)  # from the file's own bytes
    size = models.PositiveIntegerField()
    content = EncryptedTextField()  # base64 of the bytes, then encrypted
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["purpose", "created_at"])]

    def __str__(self) -> str:
        return f"File {self.code}"
