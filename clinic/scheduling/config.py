"""The slowly changing part of scheduling (locations, hours, closures, chairs and rooms, staff
hours, roles, leave), read with six queries and, on PostgreSQL, kept in each process until
`ScheduleVersion` moves (database triggers move it on any change to those tables, in the same
transaction as the change). Holds, which change with every booking, are never kept."""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection

from clinic.locations.models import BusinessHours, Closure, Location
from clinic.scheduling import availability as av
from clinic.scheduling.models import Resource, StaffException, StaffHours


@dataclass(frozen=True)
class ScheduleConfig:
    locations: dict[int, Location]  # active locations, by id, in name order
    opening: dict[int, tuple[av.WeeklyHours, ...]]
    closures: dict[int, frozenset[dt.date]]
    resources: dict[int, tuple[tuple[int, str], ...]]  # location -> (id, kind), name order
    staff_hours: dict[tuple[int, int], tuple[av.WeeklyHours, ...]]  # (user, location)
    roles: dict[int, frozenset[str]]
    extra: dict[tuple[int, int], tuple[av.Span, ...]]  # one-off hours (user, location)
    away: dict[int, tuple[av.Span, ...]]  # leave, by user


_lock = threading.Lock()
_kept: tuple[int, ScheduleConfig] | None = None


def _version() -> int | None:
    """The current version on PostgreSQL; None where nothing is kept (SQLite, or a database
    whose version row is missing)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM scheduling_scheduleversion WHERE id = 1")
        row = cursor.fetchone()
    return int(row[0]) if row else None


def schedule_config() -> ScheduleConfig:
    global _kept
    version = _version()
    kept = _kept
    if version is not None and kept is not None and kept[0] == version:
        return kept[1]
    config = _load()
    if version is not None:
        with _lock:
            _kept = (version, config)
    return config


def _sorted(hours: set[av.WeeklyHours] | list[av.WeeklyHours]) -> tuple[av.WeeklyHours, ...]:
    return tuple(sorted(hours, key=lambda h: (h.weekday, h.opens)))


def _load() -> ScheduleConfig:
    locations = {loc.id: loc for loc in Location.objects.filter(is_active=True).order_by("name")}
    opening: dict[int, list[av.WeeklyHours]] = defaultdict(list)
    for loc_id, weekday, opens, closes in BusinessHours.objects.filter(
        location__is_active=True
    ).values_list("location_id", "weekday", "opens", "closes"):
        opening[loc_id].append(av.WeeklyHours(weekday, opens, closes))
    closures: dict[int, set[dt.date]] = defaultdict(set)
    for loc_id, date in Closure.objects.filter(location__is_active=True).values_list(
        "location_id", "date"
    ):
        closures[loc_id].add(date)
    resources: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for rid, loc_id, kind in (
        Resource.objects.filter(location__is_active=True, is_active=True)
        .order_by("name", "id")
        .values_list("id", "location_id", "kind")
    ):
        resources[loc_id].append((rid, kind))
    hours: dict[tuple[int, int], set[av.WeeklyHours]] = defaultdict(set)
    roles: dict[int, set[str]] = defaultdict(set)
    for user_id, loc_id, weekday, starts, ends, role in StaffHours.objects.filter(
        location__is_active=True, user__is_active=True
    ).values_list("user_id", "location_id", "weekday", "starts", "ends", "user__role_grants__role"):
        hours[(user_id, loc_id)].add(av.WeeklyHours(weekday, starts, ends))
        if role:
            roles[user_id].add(role)
    extra: dict[tuple[int, int], list[av.Span]] = defaultdict(list)
    away: dict[int, list[av.Span]] = defaultdict(list)
    for user_id, loc_id, kind, starts_at, ends_at in StaffException.objects.filter(
        user__is_active=True
    ).values_list("user_id", "location_id", "kind", "starts_at", "ends_at"):
        if kind == StaffException.Kind.EXTRA:
            extra[(user_id, loc_id)].append((starts_at, ends_at))
        else:
            away[user_id].append((starts_at, ends_at))
    return ScheduleConfig(
        locations=locations,
        opening={k: _sorted(v) for k, v in opening.items()},
        closures={k: frozenset(v) for k, v in closures.items()},
        resources={k: tuple(v) for k, v in resources.items()},
        staff_hours={k: _sorted(v) for k, v in hours.items()},
        roles={k: frozenset(v) for k, v in roles.items()},
        extra={k: tuple(v) for k, v in extra.items()},
        away={k: tuple(v) for k, v in away.items()},
    )
