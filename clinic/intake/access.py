"""The only ways to an intake: by the patient's own link (one intake, the link's version,
unexpired), or by staff through the patient record they already hold."""

from __future__ import annotations

from clinic.intake import links
from clinic.intake.models import Intake
from clinic.patients.models import Patient


def intake_by_link(token: str) -> Intake | None:
    found = links.intake_from(token)
    if found is None:
        return None
    code, version = found
    return (
        Intake.objects.select_related("patient__home_location")
        .filter(code=code, link_version=version)
        .first()
    )


def intake_of(patient: Patient) -> Intake | None:
    """The intake of a record the caller already holds through patients.access."""
    return Intake.objects.filter(patient=patient).first()
