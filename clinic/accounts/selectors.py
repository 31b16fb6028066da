"""Reads about people and their places of work."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from clinic.accounts.models import User
from clinic.accounts.policy import CLINICAL_ROLES, STAFF_ROLES, Perm, Role, roles_for
from clinic.locations.models import Location


def locations_for_user(*, user: User) -> QuerySet[Location]:
    """The active locations a staff member works at."""
    return user.locations.filter(is_active=True).order_by("name")


def clinician_emails(*, location_id: int | None = None) -> list[str]:
    """Who to alert about a sign of suicidal thoughts: the active prescribers and nurses of
    the location, or of every location when it has none (or none is given)."""
    clinicians = User.objects.filter(
        is_active=True, role_grants__role__in=[Role.PRESCRIBER, Role.NURSE]
    ).distinct()
    if location_id is not None:
        at_location = clinicians.filter(locations=location_id)
        if at_location.exists():
            clinicians = at_location
    return sorted({person.email for person in clinicians})  # decrypted one by one


def colleagues_for(*, user: User, perm: Perm) -> QuerySet[User]:
    """Active people who share a location with `user` and hold `perm` (whom work can be
    handed to)."""
    roles = list(roles_for(perm))
    return User.objects.filter(
        is_active=True,
        locations__in=user.locations.filter(is_active=True),
        role_grants__role__in=roles,
    ).distinct()


def people_with_roles(roles: Iterable[Role]) -> QuerySet[User]:
    """Active people who hold any of `roles`."""
    return User.objects.filter(is_active=True, role_grants__role__in=list(roles)).distinct()


def staff_people() -> QuerySet[User]:
    return people_with_roles(STAFF_ROLES)


def clinicians() -> QuerySet[User]:
    """Prescribers and nurses: who may be named as a page's clinical reviewer."""
    return people_with_roles(CLINICAL_ROLES)
