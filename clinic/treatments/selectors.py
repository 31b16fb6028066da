"""Reads of treatment: a patient's plans."""

from __future__ import annotations

from clinic.patients.models import Patient
from clinic.treatments.models import TreatmentPlan


def plans_for(patient: Patient) -> list[TreatmentPlan]:
    """The patient's plans, active first, newest first (one query)."""
    plans = TreatmentPlan.objects.filter(patient=patient).select_related("prescriber")
    return sorted(
        plans, key=lambda p: (p.status != TreatmentPlan.Status.ACTIVE, -p.signed_at.timestamp())
    )
