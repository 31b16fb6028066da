"""What treatment adds to the audit trail."""

from __future__ import annotations

from django.db import models


class TreatmentAction(models.TextChoices):
    PLAN_SIGNED = "plan_signed", "Treatment plan signed"


READS: tuple[str, ...] = ()
