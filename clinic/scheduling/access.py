"""The only way to reach bookings. Staff see bookings at their own locations; anything else
answers 404 and leaves an access-denied event. People who booked reach their own booking
through a signed link (clinic.scheduling.links), not through an account."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import Http404

from clinic.accounts.models import User
from clinic.accounts.policy import Perm
from clinic.audit.models import Action
from clinic.audit.services import audit_record
from clinic.core.context import Acting
from clinic.locations.models import Location
from clinic.scheduling.models import Booking

_RELATED = ("appointment_type", "location", "patient", "enquiry")


def schedule_locations(user: User) -> QuerySet[Location]:
    if not user.can(Perm.SCHEDULE_VIEW):
        return Location.objects.none()
    return user.locations.filter(is_active=True).order_by("name")


def bookings_visible_to(user: User) -> QuerySet[Booking]:
    if not user.can(Perm.SCHEDULE_VIEW):
        return Booking.objects.none()
    return Booking.objects.filter(location__in=schedule_locations(user)).select_related(*_RELATED)


def get_booking_for_user(
    user: User, code: uuid.UUID, *, write: bool = False, ctx: Acting | None = None
) -> Booking:
    allowed = user.can(Perm.SCHEDULE_MANAGE) if write else True
    found = bookings_visible_to(user).filter(code=code).first() if allowed else None
    if found is None:
        audit_record(
            action=Action.ACCESS_DENIED,
            actor=user,
            ctx=ctx,
            details={"requested": "booking", "code": str(code), "write": write},
        )
        raise Http404("No such appointment.")
    return found


def get_location_for_user(user: User, code: uuid.UUID | None) -> Location | None:
    """One of the person's locations (their first when no code is given), or None."""
    mine = schedule_locations(user)
    return (mine.filter(code=code) if code else mine).first()


def booking_by_link(code: uuid.UUID) -> Booking:
    """The booking a signed link names (the signature was checked by the caller)."""
    found = Booking.objects.select_related(*_RELATED).filter(code=code).first()
    if found is None:
        raise Http404("No such appointment.")
    return found
