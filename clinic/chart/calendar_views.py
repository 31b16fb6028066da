"""The staff calendar (day and week, per location, chair or person, with closed days and
absences marked) and the list of booked appointments that closures and leave have broken."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.http import HttpResponse
from django.shortcuts import render

from clinic.accounts.decorators import requires
from clinic.accounts.policy import Perm
from clinic.accounts.types import AuthenticatedRequest
from clinic.audit.decorators import shows_patient_data
from clinic.audit.models import Action
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.context import acting
from clinic.core.timetext import clock_text, day_text
from clinic.locations.models import Location
from clinic.patients import selectors as patient_selectors
from clinic.patients.forms import PatientSearchForm
from clinic.scheduling import access, conflicts, day_grid, selectors
from clinic.scheduling.audit_actions import SchedulingAction
from clinic.scheduling.claims import PERSON_NEED
from clinic.scheduling.forms import CalendarForm
from clinic.scheduling.models import Booking
from clinic.scheduling.reminders import message_problems
from clinic.scheduling.selectors import person_name


def _local_range(
    location: Location, first: dt.date, last: dt.date
) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(first, dt.time(), tzinfo=location.tz)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=location.tz)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def booking_rows(bookings: Iterable[Booking], location: Location) -> list[dict[str, object]]:
    rows = []
    for booking in bookings:
        holds = [
            h
            for h in booking.holds.all()
            if (h.active or not booking.is_active) and h.need != PERSON_NEED
        ]
        rows.append(
            {
                "booking": booking,
                "day": booking.starts_at.astimezone(location.tz).date(),
                "time": f"{clock_text(booking.starts_at.astimezone(location.tz))} - "
                f"{clock_text(booking.ends_at.astimezone(location.tz))}",
                "person": person_name(booking),
                "held": ", ".join(
                    (h.resource.name if h.resource else h.staff.display_name if h.staff else h.key)
                    for h in holds
                ),
            }
        )
    return rows


@requires(Perm.SCHEDULE_VIEW)
@shows_patient_data
def calendar(request: AuthenticatedRequest) -> HttpResponse:
    locations = access.schedule_locations(request.user)
    form = CalendarForm(request.GET or None, locations=locations)
    valid = form.is_valid() if request.GET else True
    data = form.cleaned_data if request.GET and valid else {}
    location = data.get("location") or locations.first()
    if location is None:
        audit_record(
            action=SchedulingAction.SCHEDULE_VIEWED, ctx=acting(request), details={"count": 0}
        )
        return render(request, "chart/calendar.html", {"form": form, "location": None})
    today = clock.now().astimezone(location.tz).date()
    day = data.get("day") or today
    view = data.get("view") or "day"
    one_day = view in ("day", "list")
    first = day if one_day else day - dt.timedelta(days=day.weekday())
    last = first if one_day else first + dt.timedelta(days=6)
    start, end = _local_range(location, first, last)
    found = selectors.calendar_bookings(
        access.bookings_visible_to(request.user),
        location=location,
        start=start,
        end=end,
        resource_key=data.get("resource", ""),
    )
    rows = booking_rows(found, location)
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    now = clock.now()
    problems = message_problems(
        location=location,
        starts_at__gte=now - dt.timedelta(days=7),
        starts_at__lt=now + dt.timedelta(days=120),
    )
    audit_record(
        action=SchedulingAction.SCHEDULE_VIEWED,
        ctx=acting(request),
        details={
            "location": str(location.code),
            "from": first.isoformat(),
            "to": last.isoformat(),
            "count": len(rows),
            "codes": [str(r["booking"].code) for r in rows],  # type: ignore[attr-defined]
        },
    )
    marks = conflicts.day_marks(location, first, last)
    broken = conflicts.bookings_in_conflict(
        access.bookings_visible_to(request.user), locations=[location], since=now
    )
    step = dt.timedelta(days=1 if one_day else 7)
    return render(
        request,
        "chart/calendar.html",
        {
            "form": form,
            "location": location,
            "view": view,
            "days": [(d, day_text(d), [r for r in rows if r["day"] == d], marks[d]) for d in days],
            "broken": broken,
            "grid": _grid(request, location, first, found, data.get("resource", ""))
            if view == "day"
            else None,
            "resources": selectors.calendar_resources(location),
            "resource": data.get("resource", ""),
            "previous": (first - step).isoformat(),
            "next": (first + step).isoformat(),
            "today": today.isoformat(),
            "problems": problems,
            "zone": dt.datetime.combine(first, dt.time(12), tzinfo=location.tz).tzname(),
        },
        status=200 if valid else 400,
    )


@requires(Perm.SCHEDULE_VIEW)
@shows_patient_data
def conflicts_list(request: AuthenticatedRequest) -> HttpResponse:
    """Booked appointments on closed days or with someone who is away, at every location of
    the person's, for someone to move or cancel (both tell the patient, as usual)."""
    locations = access.schedule_locations(request.user)
    broken = conflicts.bookings_in_conflict(
        access.bookings_visible_to(request.user), locations=locations, since=clock.now()
    )
    audit_record(
        action=SchedulingAction.SCHEDULE_VIEWED,
        ctx=acting(request),
        details={"count": len(broken), "codes": [str(c.booking.code) for c in broken]},
    )
    rows = [(c, person_name(c.booking)) for c in broken]
    return render(
        request,
        "chart/conflicts.html",
        {"rows": rows, "can_manage": request.user.can(Perm.SCHEDULE_MANAGE)},
    )


def _grid(
    request: AuthenticatedRequest,
    location: Location,
    day: dt.date,
    bookings: list[Booking],
    resource_key: str,
) -> dict[str, object]:
    """The day grid, ready to draw: each cell with its local time, and what a taken cell
    holds as (booking, who, times) so that the template only prints."""
    found = day_grid.day_grid(location, day, bookings, resource_key=resource_key)
    tz = location.tz
    shown: dict[int, tuple[Booking, str, str]] = {
        b.pk: (
            b,
            person_name(b),
            f"{clock_text(b.starts_at.astimezone(tz))} - {clock_text(b.ends_at.astimezone(tz))}",
        )
        for b in bookings
    }
    can_book = request.user.can(Perm.SCHEDULE_MANAGE)
    rows = [
        {
            "key": row.key,
            "label": row.label,
            "kind": row.kind,
            "cells": [
                {
                    "state": cell.state,
                    "span": cell.span,
                    "wall_clock": cell.start.astimezone(tz).strftime("%H:%M"),  # for links
                    "time": clock_text(cell.start.astimezone(tz)),
                    "items": [shown[b.pk] for b in cell.items if b.pk in shown],
                }
                for cell in row.cells
            ],
        }
        for row in found.rows
    ]
    return {
        "columns": [clock_text(c.astimezone(tz)) for c in found.columns],
        "rows": rows,
        "closed": found.closed,
        "can_book": can_book,
        "day": day.isoformat(),
    }


@requires(Perm.SCHEDULE_MANAGE)
@shows_patient_data
def book_find(request: AuthenticatedRequest) -> HttpResponse:
    """Booking a free cell of the day grid: find the patient (any part of the name, phone or
    birth date, in the body, never the address), then book them for that time."""
    form = PatientSearchForm(request.POST if request.method == "POST" else None)
    patients = []
    if form.is_bound and form.is_valid():
        patients = patient_selectors.patient_search(user=request.user, query=form.search())
        audit_record(
            action=Action.PATIENT_SEARCHED,
            ctx=acting(request),
            details={"count": len(patients), "codes": [str(p.code) for p in patients]},
        )
    else:
        audit_record(
            action=SchedulingAction.SCHEDULE_VIEWED, ctx=acting(request), details={"count": 0}
        )
    cell = grid_cell_query(request)
    return render(
        request,
        "chart/book_find.html",
        {"form": form, "patients": patients, "cell": cell},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def grid_cell_query(request: AuthenticatedRequest) -> str:
    """The free cell chosen on the day grid (location, day, time) as a query string, carried
    from page to page; only those three, only well-formed, and nothing about a person."""
    shapes = {
        "location": r"[0-9]{1,10}",
        "day": r"[0-9\-]{10}",
        "at": r"[0-9:]{5}",
        "prefer": r"[ru][0-9]{1,10}",
    }
    return "&".join(
        f"{name}={value}"
        for name, shape in shapes.items()
        if re.fullmatch(shape, value := request.GET.get(name, ""))
    )
