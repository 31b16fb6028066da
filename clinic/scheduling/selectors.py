"""Reads for scheduling: the inputs of the pure availability functions, loaded with a fixed
number of queries whatever the number of locations, chairs, staff or days."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.enquiries.models import Enquiry
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.scheduling import availability as av
from clinic.scheduling.config import schedule_config
from clinic.scheduling.models import (
    AppointmentType,
    Booking,
    Hold,
    Reminder,
    Resource,
    StaffHours,
)

# Which role serves which staff need of an appointment type.
NEED_ROLES: dict[str, Role] = {
    "nurse": Role.NURSE,
    "prescriber": Role.PRESCRIBER,
    "coordinator": Role.FRONT_DESK,
}


def needs_of(kind: AppointmentType) -> tuple[av.Need, ...]:
    needs = []
    if kind.needs_chair:
        needs.append(av.Need("chair"))
    if kind.needs_room and not kind.is_telehealth:
        needs.append(av.Need("room"))
    if kind.needs_nurse:
        needs.append(av.Need("nurse"))
    if kind.needs_coordinator:
        needs.append(av.Need("coordinator"))
    if kind.prescriber == AppointmentType.Prescriber.EXCLUSIVE:
        needs.append(av.Need("prescriber"))
    elif kind.prescriber == AppointmentType.Prescriber.ON_SITE:
        needs.append(av.Need("prescriber", exclusive=False))
    return tuple(needs)


def rule_of(kind: AppointmentType) -> av.AppointmentRule:
    return av.AppointmentRule(
        duration=dt.timedelta(minutes=kind.duration_minutes),
        needs=needs_of(kind),
        buffer_before=dt.timedelta(minutes=kind.buffer_before_minutes),
        buffer_after=dt.timedelta(minutes=kind.buffer_after_minutes),
        min_notice=dt.timedelta(hours=kind.min_notice_hours),
        max_ahead=dt.timedelta(days=kind.max_ahead_days),
    )


@dataclass
class Network:
    """Locations with their sites and resources, and every active hold in the range."""

    locations: list[Location]
    sites: dict[int, av.Site] = field(default_factory=dict)
    resources: dict[int, list[av.Resource]] = field(default_factory=dict)
    bookings: dict[str, list[av.Span]] = field(default_factory=dict)


def resource_key(*, resource_id: int | None = None, user_id: int | None = None) -> str:
    return f"r{resource_id}" if resource_id is not None else f"u{user_id}"


def _within(
    spans: tuple[av.Span, ...], start: dt.datetime, end: dt.datetime
) -> tuple[av.Span, ...]:
    return tuple(span for span in spans if span[0] < end and start < span[1])


def network_load(
    *,
    first_day: dt.date,
    last_day: dt.date,
    location_ids: Sequence[int] | None = None,
    locations: Sequence[Location] | None = None,
) -> Network:
    """The inputs of the availability arithmetic for some locations (all active ones by
    default) and a range of days: the schedule's slowly changing part (`config.py`: six
    queries, or one version check when it is kept) and the holds in the range (one query),
    whatever the size of the network or the range."""
    start = dt.datetime.combine(first_day - dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    end = dt.datetime.combine(last_day + dt.timedelta(days=2), dt.time(), tzinfo=dt.UTC)
    config = schedule_config()
    if locations is None:
        locations = [
            loc
            for loc_id, loc in config.locations.items()
            if location_ids is None or loc_id in location_ids
        ]
    network = Network(locations=list(locations))
    for loc in network.locations:
        network.sites[loc.id] = av.Site(
            tz=loc.tz,
            hours=config.opening.get(loc.id, ()),
            closures=config.closures.get(loc.id, frozenset()),
        )
        # Chairs and rooms follow their location's hours.
        network.resources[loc.id] = [
            av.Resource(
                id=resource_key(resource_id=rid), kind=kind, hours=network.sites[loc.id].hours
            )
            for rid, kind in config.resources.get(loc.id, ())
        ]
    places = set(network.resources)
    people = set(config.staff_hours) | set(config.extra)
    for user_id, loc_id in sorted(people):
        if loc_id not in places:
            continue
        for need, role in NEED_ROLES.items():
            if role in config.roles.get(user_id, ()):
                network.resources[loc_id].append(
                    av.Resource(
                        id=resource_key(user_id=user_id),
                        kind=need,
                        hours=config.staff_hours.get((user_id, loc_id), ()),
                        extra=_within(config.extra.get((user_id, loc_id), ()), start, end),
                        away=_within(config.away.get(user_id, ()), start, end),
                    )
                )
    # Holds of these resources wherever they are: a nurse busy in Plano is not free in Frisco.
    keys = None
    if location_ids is not None:
        keys = sorted({r.id for rs in network.resources.values() for r in rs})
    for key, starts_at, ends_at in _hold_rows(start, end, keys):
        network.bookings.setdefault(key, []).append((starts_at, ends_at))
    return network


_EPOCH = {
    "postgresql": "EXTRACT(EPOCH FROM {})::bigint",
    "sqlite": "CAST(strftime('%%s', {}) AS INTEGER)",
}


def _hold_rows(
    start: dt.datetime, end: dt.datetime, keys: Sequence[str] | None
) -> list[tuple[str, dt.datetime, dt.datetime]]:
    """Active holds overlapping [start, end), read as whole seconds since the epoch with one
    plain query: converting thousands of timestamps through the ORM's per-value converters
    costs more than the whole availability computation on a busy network. (Holds start and
    end on whole minutes.)"""
    epoch = _EPOCH[connection.vendor]
    ops = connection.ops
    columns = f"key, {epoch.format('starts_at')}, {epoch.format('ends_at')}"
    where = "active AND starts_at < %s AND ends_at > %s"
    sql = f"SELECT {columns} FROM {Hold._meta.db_table} WHERE {where}"  # noqa: S608 - constants
    params: list[Any] = [
        ops.adapt_datetimefield_value(end),
        ops.adapt_datetimefield_value(start),
    ]
    if keys is not None:
        if not keys:
            return []
        sql += f" AND key IN ({', '.join(['%s'] * len(keys))})"
        params += list(keys)
    stamp = dt.datetime.fromtimestamp
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(key, stamp(a, dt.UTC), stamp(b, dt.UTC)) for key, a, b in cursor.fetchall()]


def open_times(
    *,
    kind: AppointmentType,
    first_day: dt.date,
    last_day: dt.date,
    now: dt.datetime,
    location_ids: Sequence[int] | None = None,
    network: Network | None = None,
    by_staff: bool = False,
) -> dict[Location, list[dt.datetime]]:
    """Every open start time (UTC) of one appointment type at one location or all. Staff
    may book inside the minimum notice (a same-day slot for someone in the waiting room)."""
    network = network or network_load(
        first_day=first_day, last_day=last_day, location_ids=location_ids
    )
    rule = rule_of(kind)
    if by_staff:
        rule = dataclasses.replace(rule, min_notice=dt.timedelta(0))
    step = dt.timedelta(minutes=kind.step_minutes)
    return {
        loc: av.open_slots(
            site=network.sites[loc.id],
            resources=network.resources[loc.id],
            bookings=network.bookings,
            rule=rule,
            first_day=first_day,
            last_day=last_day,
            step=step,
            now=now,
        )
        for loc in network.locations
        if location_ids is None or loc.id in location_ids
    }


def self_bookable_types() -> list[AppointmentType]:
    return list(AppointmentType.objects.filter(is_active=True, self_bookable=True))


def appointment_type(slug: str) -> AppointmentType | None:
    """An active appointment type by its slug."""
    return AppointmentType.objects.filter(slug=slug, is_active=True).first() if slug else None


def self_bookable_type(slug: str) -> AppointmentType | None:
    return AppointmentType.objects.filter(slug=slug, is_active=True, self_bookable=True).first()


def person_name(booking: Booking) -> str:
    """Who the booking is for, as staff see it (decrypted from the patient or the request)."""
    if booking.patient is not None:
        return f"{booking.patient.first_name} {booking.patient.last_name}"
    if booking.enquiry is not None:
        return f"{booking.enquiry.name} (new enquiry)"
    return ""


def bookings_for_patient(patient: Patient, *, limit: int = 50) -> list[Booking]:
    """A patient's appointments, latest first, for the chart."""
    return list(
        Booking.objects.filter(patient=patient)
        .select_related("appointment_type", "location")
        .order_by("-starts_at")[:limit]
    )


def bookings_for_enquiry(enquiry: Enquiry) -> list[Booking]:
    """The appointments booked online together with a website request."""
    return list(
        Booking.objects.filter(enquiry=enquiry)
        .select_related("appointment_type", "location")
        .order_by("starts_at")
    )


def chairs_today(location: Location, *, now: dt.datetime) -> list[tuple[Resource, list[Hold]]]:
    """The location's active chairs, each with its appointments' holds from `now` to the
    end of the local day (booked or attended), earliest first: the chair board."""
    local_now = now.astimezone(location.tz)
    day_end = dt.datetime.combine(
        local_now.date() + dt.timedelta(days=1), dt.time(), tzinfo=location.tz
    )
    holds = list(
        Hold.objects.filter(
            location=location,
            resource__kind=Resource.Kind.CHAIR,
            active=True,
            ends_at__gt=now,
            starts_at__lt=day_end,
            booking__status__in=[Booking.Status.BOOKED, Booking.Status.ATTENDED],
        )
        .select_related("booking__patient", "booking__enquiry", "booking__appointment_type")
        .order_by("starts_at")
    )
    chairs = Resource.objects.filter(
        location=location, kind=Resource.Kind.CHAIR, is_active=True
    ).order_by("name")
    return [(chair, [h for h in holds if h.resource_id == chair.id]) for chair in chairs]


def calendar_bookings(
    visible: QuerySet[Booking],
    *,
    location: Location,
    start: dt.datetime,
    end: dt.datetime,
    resource_key: str = "",
) -> list[Booking]:
    """The bookings among `visible` (the access helper's) at the location overlapping
    [start, end), with their holds; only those holding `resource_key` when given."""
    found = visible.filter(location=location, starts_at__lt=end, ends_at__gt=start)
    if resource_key:
        found = found.filter(holds__key=resource_key).distinct()
    return list(found.prefetch_related("holds__resource", "holds__staff").order_by("starts_at"))


def calendar_resources(location: Location) -> list[tuple[str, str]]:
    """(key, label) of the chairs, rooms and people who work at the location."""
    rows = [
        (f"r{r.id}", r.name)
        for r in Resource.objects.filter(location=location, is_active=True).order_by("kind", "name")
    ]
    people = User.objects.filter(
        id__in=StaffHours.objects.filter(location=location).values("user_id"), is_active=True
    )
    named = sorted((p.display_name, p.id) for p in people)  # names are encrypted: sort here
    return rows + [(f"u{pk}", name) for name, pk in named]


def booked_types(enquiries: Sequence[Enquiry]) -> dict[int, str]:
    """For requests booked online: the appointment type booked with each (one query)."""
    rows = (
        Booking.objects.filter(enquiry__in=[e.pk for e in enquiries])
        .order_by("starts_at")
        .values_list("enquiry_id", "appointment_type__name")
    )
    found: dict[int, str] = {}
    for enquiry_id, name in rows:
        found.setdefault(enquiry_id, name)
    return found


def reminders_for(booking: Booking) -> list[Reminder]:
    """The reminders of the booking as it stands: after a move, those planned for the
    earlier time (no longer needed) are left out; a cancelled booking shows all of them."""
    found = Reminder.objects.filter(booking=booking).select_related("message").order_by("due_at")
    if booking.is_active:
        found = found.filter(for_start=booking.starts_at)
    return list(found)
