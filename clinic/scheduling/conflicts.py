"""Reads: booked appointments that a closure or a staff member's leave has broken.

A closure or leave added after the fact does not cancel anything by itself (a person decides
whether to move or cancel, and the patient is told); these selectors find what needs that
decision, for the administration pages after a save, the calendar and the review list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from clinic.core.timetext import clock_text
from clinic.locations.models import Closure, Location
from clinic.scheduling.models import Booking, Hold, StaffException, StaffHours


@dataclass(frozen=True)
class Conflict:
    booking: Booking
    reason: str  # what broke it, as staff read it


@dataclass(frozen=True)
class DayMarks:
    """What the calendar shades on one local day at one location."""

    closed: str | None  # the reason, "" when none was given; None when open
    away: list[tuple[int, str, dt.datetime, dt.datetime, str]]  # user id, name, from, to, text


def _local_day(location: Location, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time(), tzinfo=location.tz)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=location.tz)
    return start, end


def _closure_conflicts(closures: Iterable[Closure], visible: QuerySet[Booking]) -> list[Conflict]:
    closures = list(closures)
    if not closures:
        return []
    match = Q()
    for closure in closures:
        start, end = _local_day(closure.location, closure.date)
        match |= Q(location_id=closure.location_id, starts_at__lt=end, ends_at__gt=start)
    found = []
    for booking in visible.filter(match, status=Booking.Status.BOOKED).select_related(
        "location", "appointment_type", "patient", "enquiry"
    ):
        day = booking.starts_at.astimezone(booking.location.tz).date()
        reason = next(
            (c.reason for c in closures if c.location_id == booking.location_id and c.date == day),
            "",
        )
        why = f" ({reason})" if reason else ""
        found.append(Conflict(booking, f"{booking.location.name} is closed that day{why}"))
    return found


def _leave_conflicts(
    leaves: Iterable[StaffException], visible: QuerySet[Booking]
) -> list[Conflict]:
    leaves = [leave for leave in leaves if leave.kind == StaffException.Kind.LEAVE]
    if not leaves:
        return []
    match = Q()
    for leave in leaves:
        one = Q(staff_id=leave.user_id, starts_at__lt=leave.ends_at, ends_at__gt=leave.starts_at)
        if leave.location_id is not None:
            one &= Q(location_id=leave.location_id)
        match |= one
    holds = (
        Hold.objects.filter(match, active=True, booking__in=visible)
        .filter(booking__status=Booking.Status.BOOKED)
        .select_related(
            "staff",
            "booking__location",
            "booking__appointment_type",
            "booking__patient",
            "booking__enquiry",
        )
    )
    return [Conflict(h.booking, f"{h.staff.display_name} is away") for h in holds if h.staff]


def _merge(conflicts: Iterable[Conflict]) -> list[Conflict]:
    """One line per booking (all its reasons), earliest first."""
    by_booking: dict[int, tuple[Booking, list[str]]] = {}
    for c in conflicts:
        _, reasons = by_booking.setdefault(c.booking.pk, (c.booking, []))
        if c.reason not in reasons:
            reasons.append(c.reason)
    rows = [Conflict(b, "; ".join(r)) for b, r in by_booking.values()]
    return sorted(rows, key=lambda c: c.booking.starts_at)


def bookings_broken_by_closure(closure: Closure) -> list[Conflict]:
    """Booked appointments on a closed day (just saved in the administration pages)."""
    return _merge(_closure_conflicts([closure], Booking.objects.all()))


def bookings_broken_by_leave(leave: StaffException) -> list[Conflict]:
    """Booked appointments that hold a person during their leave."""
    return _merge(_leave_conflicts([leave], Booking.objects.all()))


def bookings_in_conflict(
    visible: QuerySet[Booking], *, locations: Iterable[Location], since: dt.datetime
) -> list[Conflict]:
    """Every booked appointment among `visible` (the access helper's) from `since` that falls
    on a closure of its location or holds someone during their leave."""
    locations = list(locations)
    earliest = min((since.astimezone(loc.tz).date() for loc in locations), default=since.date())
    closures = Closure.objects.filter(location__in=locations, date__gte=earliest).select_related(
        "location"
    )
    leaves = StaffException.objects.filter(
        Q(location__isnull=True) | Q(location__in=locations),
        kind=StaffException.Kind.LEAVE,
        ends_at__gt=since,
    )
    future = visible.filter(location__in=locations, ends_at__gt=since)
    return _merge([*_closure_conflicts(closures, future), *_leave_conflicts(leaves, future)])


def day_marks(location: Location, first: dt.date, last: dt.date) -> dict[dt.date, DayMarks]:
    """Closed days and absences at a location, by local day, for the calendar to shade."""
    start, _ = _local_day(location, first)
    _, end = _local_day(location, last)
    closed = dict(
        Closure.objects.filter(location=location, date__range=(first, last)).values_list(
            "date", "reason"
        )
    )
    leaves = list(
        StaffException.objects.filter(
            Q(location__isnull=True) | Q(location=location),
            kind=StaffException.Kind.LEAVE,
            starts_at__lt=end,
            ends_at__gt=start,
            user__in=StaffHours.objects.filter(location=location).values("user_id"),
        ).select_related("user")
    )
    marks = {}
    day = first
    while day <= last:
        day_start, day_end = _local_day(location, day)
        away = []
        for leave in leaves:
            if leave.starts_at < day_end and leave.ends_at > day_start:
                since, until = max(leave.starts_at, day_start), min(leave.ends_at, day_end)
                text = (
                    "all day"
                    if (since, until) == (day_start, day_end)
                    else f"{clock_text(since.astimezone(location.tz))} - "
                    f"{clock_text(until.astimezone(location.tz))}"
                )
                away.append((leave.user_id, leave.user.display_name, since, until, text))
        marks[day] = DayMarks(closed=closed.get(day), away=away)
        day += dt.timedelta(days=1)
    return marks
