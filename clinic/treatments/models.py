"""Treatment plans: the course a prescriber orders for an eligible patient. Signed, a plan
is locked; a change is a new plan that replaces it. Doses and sessions come next."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from clinic.core.fields import EncryptedTextField
from clinic.intake.screening import ROUTE_LABELS


class TreatmentPlan(models.Model):
    class Route(models.TextChoices):
        IV = "iv", ROUTE_LABELS["iv"]
        IM = "im", ROUTE_LABELS["im"]
        INTRANASAL = "intranasal", ROUTE_LABELS["intranasal"]
        ORAL = "oral", ROUTE_LABELS["oral"]
        ESKETAMINE = "esketamine", ROUTE_LABELS["esketamine"]

    class Phase(models.TextChoices):
        INDUCTION = "induction", "Induction"
        OPTIMISATION = "optimisation", "Optimisation"
        MAINTENANCE = "maintenance", "Maintenance"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        REPLACED = "replaced", "Replaced by a newer plan"
        ENDED = "ended", "Ended"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, related_name="+")
    prescriber = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    route = models.CharField(max_length=12, choices=Route.choices)
    phase = models.CharField(max_length=12, choices=Phase.choices)
    sessions = models.PositiveSmallIntegerField()
    per_week = models.DecimalField(max_digits=3, decimal_places=1)  # the cadence
    # Weight-based routes (IV, IM): the order in mg/kg with its titration and ceilings.
    start_mg_per_kg = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    step_mg_per_kg = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    max_mg_per_kg = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    minutes = models.PositiveSmallIntegerField(null=True, blank=True)  # an infusion's length
    # Fixed doses (esketamine 28/56/84 mg; oral and intranasal racemic ketamine).
    dose_mg = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    max_mg = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    valid_until = models.DateField()
    override_reason = EncryptedTextField(blank=True)  # signed without consent or eligibility
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    signed_at = models.DateTimeField()

    class Meta:
        ordering = ["-signed_at"]
        indexes = [models.Index(fields=["patient", "status"])]

    def __str__(self) -> str:
        return f"Treatment plan {self.code}"

    @property
    def weight_based(self) -> bool:
        return self.route in (self.Route.IV, self.Route.IM)
