"""Reads of patient records (always within the person's scope)."""

from __future__ import annotations

import uuid

from django.db.models import Count, QuerySet

from clinic.accounts.models import User
from clinic.locations.models import Location
from clinic.patients import identity, search
from clinic.patients.access import patients_visible_to
from clinic.patients.models import BreakGlassGrant, Patient, PatientSearchToken

PAGE_SIZE = 50


def patient_list_for_user(*, user: User) -> list[Patient]:
    """The newest records the person may see."""
    return list(
        patients_visible_to(user)
        .select_related("home_location")
        .order_by("-created_at")[:PAGE_SIZE]
    )


def patient_search(*, user: User, query: search.Query, limit: int = PAGE_SIZE) -> list[Patient]:
    """Records in the person's scope that hold every searched piece (one indexed query over
    the keyed tokens), then checked against the decrypted record; best-known names first.
    An address with @ is looked up exactly through its blind index."""
    visible = patients_visible_to(user)
    if query.email:
        return list(
            visible.filter(email_bidx=identity.email_index(query.email)).select_related(
                "home_location"
            )[:limit]
        )
    wanted = sorted(query.tokens)
    holding = (
        PatientSearchToken.objects.filter(token__in=wanted, patient__in=visible.values("pk"))
        .values("patient")
        .annotate(found=Count("token"))
        .filter(found=len(wanted))
        .values("patient")
    )
    # Tokens can match pieces in another order: a few more than needed are read and checked.
    candidates = Patient.objects.filter(pk__in=holding).select_related("home_location")
    found = [
        p
        for p in candidates.order_by("-created_at")[: limit * 4]
        if search.matches(
            query,
            first_name=p.first_name,
            last_name=p.last_name,
            phone=p.phone,
            date_of_birth=p.date_of_birth,
        )
    ]
    return sorted(found, key=lambda p: (p.last_name.casefold(), p.first_name.casefold()))[:limit]


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
