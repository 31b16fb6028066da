from __future__ import annotations

import datetime as dt
import itertools

from clinic.accounts.models import User
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.patients.services import PatientDetails, patient_create

_n = itertools.count(1)


def make_patient(
    location: Location,
    *,
    first_name: str = "Avery",
    last_name: str | None = None,
    date_of_birth: dt.date = dt.date(1984, 5, 17),
    phone: str = "",
    email: str = "",
    created_by: User | None = None,
    user: User | None = None,
) -> Patient:
    """A patient made through the real service (encryption, blind indexes, audit)."""
    patient = patient_create(
        details=PatientDetails(
            first_name=first_name,
            last_name=last_name or f"Testperson{next(_n)}",
            date_of_birth=date_of_birth,
            phone=phone,
            email=email,
            home_location=location,
        ),
        actor=created_by,
        allow_duplicate=True,
    )
    if user is not None:
        patient.user = user
        patient.save(update_fields=["user"])
    return patient
