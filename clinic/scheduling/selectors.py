"""Reads for scheduling: the inputs of the pure availability functions, loaded with a fixed
number of queries whatever the number of locations, chairs, staff or days."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from clinic.accounts.policy import Role
from clinic.locations.models import BusinessHours, Closure, Location
from clinic.scheduling import availability as av
from clinic.scheduling.models import AppointmentType, Hold, Resource, StaffException, StaffHours

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


def network_load(
    *,
    first_day: dt.date,
    last_day: dt.date,
    location_ids: Sequence[int] | None = None,
    locations: Sequence[Location] | None = None,
) -> Network:
    """Seven queries (six when the caller has the locations), whatever the size of the
    network or the range. Rows are read as plain values: building model objects for every
    hour and hold would cost more than the availability arithmetic itself."""
    start = dt.datetime.combine(first_day - dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    end = dt.datetime.combine(last_day + dt.timedelta(days=2), dt.time(), tzinfo=dt.UTC)
    if locations is None:
        found = Location.objects.filter(is_active=True)
        if location_ids is not None:
            found = found.filter(id__in=location_ids)
        locations = list(found)
    network = Network(locations=list(locations))
    ids = [loc.id for loc in network.locations]
    opening: dict[int, list[av.WeeklyHours]] = defaultdict(list)
    for loc_id, weekday, opens, closes in BusinessHours.objects.filter(
        location_id__in=ids
    ).values_list("location_id", "weekday", "opens", "closes"):
        opening[loc_id].append(av.WeeklyHours(weekday, opens, closes))
    closed: dict[int, set[dt.date]] = defaultdict(set)
    for loc_id, date in Closure.objects.filter(
        location_id__in=ids, date__gte=first_day - dt.timedelta(days=1), date__lte=last_day
    ).values_list("location_id", "date"):
        closed[loc_id].add(date)
    for loc in network.locations:
        network.sites[loc.id] = av.Site(
            tz=loc.tz,
            hours=tuple(sorted(opening[loc.id], key=lambda h: (h.weekday, h.opens))),
            closures=frozenset(closed[loc.id]),
        )
        network.resources[loc.id] = []
    # Chairs and rooms follow their location's hours.
    for rid, loc_id, kind in (
        Resource.objects.filter(location_id__in=ids, is_active=True)
        .order_by("name", "id")
        .values_list("id", "location_id", "kind")
    ):
        network.resources[loc_id].append(
            av.Resource(
                id=resource_key(resource_id=rid), kind=kind, hours=network.sites[loc_id].hours
            )
        )
    hours: dict[tuple[int, int], set[av.WeeklyHours]] = defaultdict(set)
    roles: dict[int, set[str]] = defaultdict(set)
    for user_id, loc_id, weekday, starts, ends, role in StaffHours.objects.filter(
        location_id__in=ids, user__is_active=True
    ).values_list("user_id", "location_id", "weekday", "starts", "ends", "user__role_grants__role"):
        hours[(user_id, loc_id)].add(av.WeeklyHours(weekday, starts, ends))
        roles[user_id].add(role)
    extra: dict[tuple[int, int], list[av.Span]] = defaultdict(list)
    away: dict[int, list[av.Span]] = defaultdict(list)
    for user_id, loc_id, kind, starts_at, ends_at in StaffException.objects.filter(
        user_id__in=StaffHours.objects.filter(location_id__in=ids).values("user_id"),
        starts_at__lt=end,
        ends_at__gt=start,
    ).values_list("user_id", "location_id", "kind", "starts_at", "ends_at"):
        if kind == StaffException.Kind.EXTRA:
            extra[(user_id, loc_id)].append((starts_at, ends_at))
            hours.setdefault((user_id, loc_id), set())
        else:
            away[user_id].append((starts_at, ends_at))
    for (user_id, loc_id), weekly in sorted(hours.items()):
        if loc_id not in network.resources:
            continue
        for need, role in NEED_ROLES.items():
            if role in roles[user_id]:
                network.resources[loc_id].append(
                    av.Resource(
                        id=resource_key(user_id=user_id),
                        kind=need,
                        hours=tuple(sorted(weekly, key=lambda h: (h.weekday, h.opens))),
                        extra=tuple(extra[(user_id, loc_id)]),
                        away=tuple(away[user_id]),
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
