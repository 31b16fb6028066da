"""Reads of patient records (always within the person's scope)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from clinic.accounts.models import User
from clinic.locations.models import Location
from clinic.patients import identity
from clinic.patients.access import patients_visible_to
from clinic.patients.models import BreakGlassGrant, Patient

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


def grants_waiting_review(*, limit: int = 100) -> list[BreakGlassGrant]:
    """Emergency accesses not yet reviewed, oldest first (the owner's review queue)."""
    return list(
        BreakGlassGrant.objects.filter(reviewed_at__isnull=True)
        .select_related("user", "patient")
        .order_by("created_at")[:limit]
    )


def grant_waiting_review(code: uuid.UUID) -> BreakGlassGrant | None:
    return (
        BreakGlassGrant.objects.select_related("patient")
        .filter(code=code, reviewed_at__isnull=True)
        .first()
    )


def home_location_choices(*, user: User, patient: Patient) -> tuple[QuerySet[Location], bool]:
    """The locations the record may be given, and whether the person holds it only through
    emergency access. Staff's own locations plus the record's current one; under emergency
    access only the current one (the record cannot be moved into the grant holder's scope)."""
    own = user.locations.filter(is_active=True)
    by_emergency_access = not own.filter(pk=patient.home_location_id).exists()
    current = Location.objects.filter(pk=patient.home_location_id)
    return (current if by_emergency_access else (own | current).distinct()), by_emergency_access
