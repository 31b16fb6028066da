"""The audit trail: append-only, hash-chained events of who did what to whose record."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from clinic.audit import actions


class Action(models.TextChoices):
    """The audit trail's own verbs and those of the apps below it; an app above declares its
    own and registers them (clinic.audit.actions)."""

    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGN_OUT = "sign_out", "Signed out"
    MFA_FAILED = "mfa_failed", "Second-factor check failed"
    ACCESS_DENIED = "access_denied", "Access denied"
    MFA_CHANGED = "mfa_changed", "Second factor changed"
    PATIENT_LISTED = "patient_listed", "Patient list viewed"
    PATIENT_VIEWED = "patient_viewed", "Patient record viewed"
    PATIENT_CREATED = "patient_created", "Patient record created"
    PATIENT_UPDATED = "patient_updated", "Patient record updated"
    PATIENT_SEARCHED = "patient_searched", "Patient search"
    PATIENT_DUPLICATE_SUSPECTED = "patient_duplicate", "Possible duplicate at another location"
    BREAK_GLASS = "break_glass", "Break-glass access opened"
    BREAK_GLASS_REVIEWED = "break_glass_reviewed", "Break-glass access reviewed"
    EXPORTED = "exported", "Data exported"
    PRINTED = "printed", "Record printed"
    AUDIT_VIEWED = "audit_viewed", "Audit trail viewed"
    ADMIN_CHANGE = "admin_change", "Changed in administration"
    KEYS_ROTATED = "keys_rotated", "Encryption keys rotated"


# Actions that record someone seeing patient data (more are registered by the apps above).
READ_ACTIONS = (
    Action.PATIENT_LISTED,
    Action.PATIENT_VIEWED,
    Action.PATIENT_SEARCHED,
    Action.EXPORTED,
    Action.PRINTED,
)


class AuditEvent(models.Model):
    """One event. Never updated or deleted (PostgreSQL refuses both at the database level).
    `details` holds codes and counts, never patient data itself."""

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=32)  # registered in clinic.audit.actions, not here
    object_type = models.CharField(max_length=60, blank=True)
    object_code = models.CharField(max_length=64, blank=True)
    patient_code = models.UUIDField(null=True, blank=True, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    details = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["actor", "at"]),
            models.Index(fields=["action", "at"]),
            models.Index(fields=["at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"

    @property
    def action_label(self) -> str:
        return actions.label(self.action)

    def chain_entry(self) -> dict[str, Any]:
        """The content the hash covers."""
        return {
            "seq": self.seq,
            "at": self.at.isoformat(),
            "actor": self.actor_id,
            "action": self.action,
            "object_type": self.object_type,
            "object_code": self.object_code,
            "patient_code": str(self.patient_code) if self.patient_code else "",
            "ip": self.ip or "",
            "request_id": self.request_id,
            "details": self.details,
        }


class AuditChainHead(models.Model):
    """The single row that serialises appends: the last sequence number and hash."""

    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"head at {self.last_seq}"
