"""Open start times for an appointment type: pure interval arithmetic, no database or clock.

Rules are in each location's own zone (opening hours, staff hours as wall-clock times);
everything is computed and returned in UTC, so a day that springs forward or falls back
has exactly the hours the clinic's clock shows.

A slot start `s` is open when, for the whole held window [s - buffer_before, s + duration +
buffer_after): the location is open, and for every need of the appointment type at least one
resource of that kind is working and, for an exclusive need (a chair, a nurse), not booked.
A non-exclusive need (a prescriber on site for esketamine) only has to be working.

Approach: for each resource, the set of slot starts it could serve is a union of ranges; a
need is the union over its resources; the appointment type is the intersection over its
needs and the location's hours. Enumerating the step grid inside the final ranges is then
linear, so the cost grows with the number of intervals, not with resources times slots.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

UTC = dt.UTC

Span = tuple[dt.datetime, dt.datetime]  # half-open [start, end), aware UTC


@dataclass(frozen=True)
class WeeklyHours:
    """One wall-clock interval on one weekday (0 Monday .. 6 Sunday)."""

    weekday: int
    opens: dt.time
    closes: dt.time


@dataclass(frozen=True)
class Resource:
    """A chair, a room, or a staff member with their working hours at one location."""

    id: str
    kind: str
    hours: tuple[WeeklyHours, ...]
    extra: tuple[Span, ...] = ()  # one-off extra hours
    away: tuple[Span, ...] = ()  # leave, maintenance


@dataclass(frozen=True)
class Need:
    kind: str
    exclusive: bool = True  # False: must be on site, may be busy with others


@dataclass(frozen=True)
class AppointmentRule:
    duration: dt.timedelta
    needs: tuple[Need, ...]
    buffer_before: dt.timedelta = dt.timedelta(0)
    buffer_after: dt.timedelta = dt.timedelta(0)
    min_notice: dt.timedelta = dt.timedelta(0)
    max_ahead: dt.timedelta = dt.timedelta(days=365)

    @property
    def held(self) -> dt.timedelta:
        return self.buffer_before + self.duration + self.buffer_after


@dataclass(frozen=True)
class Site:
    """A location: its zone, opening hours and closure dates."""

    tz: zoneinfo.ZoneInfo
    hours: tuple[WeeklyHours, ...]
    closures: frozenset[dt.date] = field(default_factory=frozenset)


def local_to_utc(day: dt.date, moment: dt.time, tz: zoneinfo.ZoneInfo) -> dt.datetime:
    """Wall-clock time at a place to UTC (PEP 495, fold=0): a repeated fall-back time means
    its first occurrence; a time skipped by spring-forward is read with the offset before the
    change, so it lands an hour later on the wall clock (clinic hours do not start at 2 am)."""
    return dt.datetime.combine(day, moment).replace(tzinfo=tz, fold=0).astimezone(UTC)


def _days(start: dt.date, end: dt.date) -> Iterable[dt.date]:
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


def weekly_spans(
    hours: Sequence[WeeklyHours],
    tz: zoneinfo.ZoneInfo,
    first: dt.date,
    last: dt.date,
    closed: frozenset[dt.date] = frozenset(),
) -> list[Span]:
    spans = []
    for day in _days(first, last):
        if day in closed:
            continue
        for h in hours:
            if h.weekday == day.weekday():
                spans.append((local_to_utc(day, h.opens, tz), local_to_utc(day, h.closes, tz)))
    return normalise(spans)


def normalise(spans: Iterable[Span]) -> list[Span]:
    """Sorted, merged, non-empty spans."""
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def subtract(spans: Sequence[Span], holes: Iterable[Span]) -> list[Span]:
    result: list[Span] = []
    cuts = normalise(holes)
    index = 0
    for start, end in spans:
        current = start
        while index < len(cuts) and cuts[index][1] <= current:
            index += 1
        probe = index
        while probe < len(cuts) and cuts[probe][0] < end:
            cut_start, cut_end = cuts[probe]
            if cut_start > current:
                result.append((current, cut_start))
            current = max(current, cut_end)
            probe += 1
        if current < end:
            result.append((current, end))
    return result


def intersect(first: Sequence[Span], second: Sequence[Span]) -> list[Span]:
    result: list[Span] = []
    i = j = 0
    while i < len(first) and j < len(second):
        start = max(first[i][0], second[j][0])
        end = min(first[i][1], second[j][1])
        if start < end:
            result.append((start, end))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return result


def start_ranges(free: Sequence[Span], rule: AppointmentRule) -> list[Span]:
    """Slot starts s whose held window fits inside a free span, as [first, last] ranges
    (stored half-open with one microsecond added, so they combine like the other spans)."""
    tiny = dt.timedelta(microseconds=1)
    ranges = []
    for start, end in free:
        first = start + rule.buffer_before
        last = end - rule.duration - rule.buffer_after
        if first <= last:
            ranges.append((first, last + tiny))
    return ranges


def open_slots(
    *,
    site: Site,
    resources: Sequence[Resource],
    bookings: Mapping[str, Sequence[Span]],
    rule: AppointmentRule,
    first_day: dt.date,
    last_day: dt.date,
    step: dt.timedelta,
    now: dt.datetime,
) -> list[dt.datetime]:
    """Every open start time (UTC) from `first_day` to `last_day` (the site's local dates),
    on a grid of `step` from each opening time."""
    opening = weekly_spans(site.hours, site.tz, first_day, last_day, site.closures)
    allowed = intersect(
        start_ranges(opening, rule),
        [(now + rule.min_notice, now + rule.max_ahead + dt.timedelta(microseconds=1))],
    )
    weekly: dict[tuple[WeeklyHours, ...], list[Span]] = {}  # chairs and staff share hours
    for need in rule.needs:
        candidates = [r for r in resources if r.kind == need.kind]
        served: list[Span] = []
        for resource in candidates:
            if resource.hours not in weekly:
                weekly[resource.hours] = weekly_spans(resource.hours, site.tz, first_day, last_day)
            working = weekly[resource.hours]
            if resource.extra:
                working = normalise(working + list(resource.extra))
            working = subtract(working, resource.away)
            if need.exclusive:
                working = subtract(working, bookings.get(resource.id, ()))
            served.extend(start_ranges(working, rule))
        allowed = intersect(allowed, normalise(served))
        if not allowed:
            return []
    return _grid(allowed, opening, step)


def _grid(
    allowed: Sequence[Span], opening: Sequence[Span], step: dt.timedelta
) -> list[dt.datetime]:
    """Grid points inside the allowed ranges, counted from the start of each opening span."""
    slots: list[dt.datetime] = []
    j = 0
    for open_start, open_end in opening:
        while j < len(allowed) and allowed[j][1] <= open_start:
            j += 1
        k = j
        while k < len(allowed) and allowed[k][0] < open_end:
            start, end = allowed[k]
            offset = max(dt.timedelta(0), start - open_start)
            steps = -(-offset // step)  # ceiling division
            moment = open_start + steps * step
            while moment < end:
                slots.append(moment)
                moment += step
            k += 1
    return slots


def _covers(spans: Sequence[Span], window: Span) -> bool:
    return any(start <= window[0] and window[1] <= end for start, end in spans)


def _overlaps(spans: Iterable[Span], window: Span) -> bool:
    return any(start < window[1] and window[0] < end for start, end in spans)


def assign(
    *,
    site: Site,
    resources: Sequence[Resource],
    bookings: Mapping[str, Sequence[Span]],
    rule: AppointmentRule,
    start: dt.datetime,
    now: dt.datetime,
    check_notice: bool = True,
) -> dict[Need, str] | None:
    """The resources one booking at `start` would hold (need -> resource id, the first free
    one in the order given), or None when the location is shut, the time is outside the
    notice rules, or a need cannot be met. The same rules as `open_slots`, for one start."""
    window = (start - rule.buffer_before, start + rule.duration + rule.buffer_after)
    if check_notice and not (now + rule.min_notice <= start <= now + rule.max_ahead):
        return None
    first = window[0].astimezone(site.tz).date() - dt.timedelta(days=1)
    last = window[1].astimezone(site.tz).date() + dt.timedelta(days=1)
    if not _covers(weekly_spans(site.hours, site.tz, first, last, site.closures), window):
        return None
    chosen: dict[Need, str] = {}
    used: set[str] = set()
    for need in rule.needs:
        for resource in resources:
            if resource.kind != need.kind or (need.exclusive and resource.id in used):
                continue
            working = normalise(
                weekly_spans(resource.hours, site.tz, first, last) + list(resource.extra)
            )
            if not _covers(subtract(working, resource.away), window):
                continue
            if need.exclusive and _overlaps(bookings.get(resource.id, ()), window):
                continue
            chosen[need] = resource.id
            if need.exclusive:
                used.add(resource.id)
            break
        else:
            return None
    return chosen
