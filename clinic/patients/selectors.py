"""Reads of patient records (always within the person's scope)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from clinic.accounts.models import User
from clinic.patients import identity
from clinic.patients.access import patients_visible_to
from clinic.patients.models import Patient

PAGE_SIZE = 50


@dataclass(frozen=True)
class PatientSearch:
    """An exact-match search: email, phone, or last name with date of birth."""

    email: str = ""
    phone: str = ""
    last_name: str = ""
    date_of_birth: dt.date | None = None


def patient_list_for_user(*, user: User, search: PatientSearch | None = None) -> QuerySet[Patient]:
    """The newest records the person may see, narrowed by an exact-match search if given."""
    patients = patients_visible_to(user).select_related("home_location")
    if search is not None:
        match = Q()
        if search.email:
            match |= Q(email_bidx=identity.email_index(search.email))
        if search.phone:
            match |= Q(phone_bidx=identity.phone_index(search.phone))
        if search.last_name and search.date_of_birth:
            match |= Q(
                identity_bidx=identity.identity_index(search.last_name, search.date_of_birth)
            )
        patients = patients.filter(match)
    return patients.order_by("-created_at")[:PAGE_SIZE]
