"""Reads about people and their places of work."""

from __future__ import annotations

from django.db.models import QuerySet

from clinic.accounts.models import User
from clinic.locations.models import Location


def locations_for_user(*, user: User) -> QuerySet[Location]:
    """The active locations a staff member works at."""
    return user.locations.filter(is_active=True).order_by("name")
