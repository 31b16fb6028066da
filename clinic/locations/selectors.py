"""Reads of locations: the active ones, and for the public pages their hours and today's
status in each location's zone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from clinic.locations.hours import Opening, OpenStatus, open_status, weekly_table
from clinic.locations.models import BusinessHours, Closure, Location


@dataclass(frozen=True)
class LocationCard:
    location: Location
    status: OpenStatus
    week: list[tuple[str, str]]
    upcoming_closures: list[Closure]


def location_cards(*, now: dt.datetime, slug: str | None = None) -> list[LocationCard]:
    """Active locations with their hours and open-now status (two queries in all)."""
    locations = (
        Location.objects.filter(is_active=True)
        .order_by("name")
        .prefetch_related(
            "hours",
            Prefetch(
                "closures",
                queryset=Closure.objects.filter(date__gte=now.date() - dt.timedelta(days=1)),
            ),
        )
    )
    if slug is not None:
        locations = locations.filter(slug=slug)
    cards = []
    for location in locations:
        local = now.astimezone(location.tz)
        openings = [Opening(h.weekday, h.opens, h.closes) for h in location.hours.all()]
        closures = list(location.closures.all())
        cards.append(
            LocationCard(
                location=location,
                status=open_status(local, openings, [c.date for c in closures]),
                week=weekly_table(openings),
                upcoming_closures=[c for c in closures if c.date >= local.date()][:5],
            )
        )
    return cards


def active_locations() -> QuerySet[Location]:
    return Location.objects.filter(is_active=True).order_by("name")


def active_location(slug: str) -> Location | None:
    return Location.objects.filter(slug=slug, is_active=True).first()


def opening_hours() -> dict[int, list[tuple[int, dt.time, dt.time]]]:
    """Each active location's weekly opening hours (weekday, opens, closes), by id."""
    found: dict[int, list[tuple[int, dt.time, dt.time]]] = {}
    rows = BusinessHours.objects.filter(location__is_active=True).values_list(
        "location_id", "weekday", "opens", "closes"
    )
    for pk, weekday, opens, closes in rows:
        found.setdefault(pk, []).append((weekday, opens, closes))
    return found
