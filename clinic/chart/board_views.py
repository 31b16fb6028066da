"""The chair board (today's chairs at a location) and private calendar feeds for staff."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from clinic.accounts.decorators import requires
from clinic.accounts.policy import Perm
from clinic.accounts.types import AuthenticatedRequest
from clinic.audit.decorators import shows_patient_data
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.context import acting
from clinic.core.ratelimit import rate_limited
from clinic.core.timetext import clock_text
from clinic.scheduling import access, ics, selectors
from clinic.scheduling import feeds as feeds_service
from clinic.scheduling.audit_actions import SchedulingAction
from clinic.scheduling.models import Booking, Hold, Resource
from clinic.scheduling.selectors import person_name
from clinic.treatments import selectors as treatment_selectors
from clinic.treatments.lines import current as current_lines


def _minutes(delta: dt.timedelta) -> int:
    return max(0, int(delta.total_seconds() // 60))


def _chair_card(
    chair: Resource, holds: list[Hold], *, now: dt.datetime, tz: zoneinfo.ZoneInfo
) -> dict[str, object]:
    """One chair now. Someone is in the chair only once checked in (marked attended): the
    clock alone never seats a patient. A booking whose time has come but who has not been
    checked in shows as expected, with how late they are."""

    def brief(hold: Hold) -> dict[str, object]:
        booking = hold.booking
        return {
            "booking": booking,
            "person": person_name(booking),
            "type": booking.appointment_type.name,
            "time": clock_text(booking.starts_at.astimezone(tz)),
        }

    seated = next(
        (h for h in holds if h.booking.status == Booking.Status.ATTENDED and h.starts_at <= now),
        None,
    )
    expected = next(
        (h for h in holds if h.booking.status == Booking.Status.BOOKED and h.starts_at <= now),
        None,
    )
    upcoming = [h for h in holds if h.starts_at > now]
    current = seated and brief(seated) | {
        "left": _minutes(seated.booking.ends_at - now),
        "free_from": clock_text(seated.ends_at.astimezone(tz)),
        "recovering": seated.booking.ends_at <= now,
    }
    waiting = expected and brief(expected) | {
        "late": _minutes(now - expected.booking.starts_at),
    }
    return {
        "chair": chair,
        "current": current,
        "waiting": waiting,
        "next": brief(upcoming[0]) if upcoming else None,
        "later": len(upcoming) - 1 if upcoming else 0,
    }


@requires(Perm.SCHEDULE_VIEW)
@shows_patient_data
def board(request: AuthenticatedRequest) -> HttpResponse:
    try:
        code = uuid.UUID(request.GET["location"]) if request.GET.get("location") else None
    except ValueError:
        code = uuid.uuid4()  # unknown: answers "no location" below
    location = access.get_location_for_user(request.user, code)
    now = clock.now()
    chairs: list[dict[str, object]] = []
    if location is not None:
        for chair, mine in selectors.chairs_today(location, now=now):
            chairs.append(_chair_card(chair, mine, now=now, tz=location.tz))
        seated = [c["current"]["booking"].pk for c in chairs if c["current"]]  # type: ignore[index]
        states = treatment_selectors.chair_states(seated, now=now, lines=current_lines())
        for card in chairs:
            current = card["current"]
            card["state"] = states.get(current["booking"].pk) if current else None  # type: ignore[index]
    audit_record(
        action=SchedulingAction.SCHEDULE_VIEWED,
        ctx=acting(request),
        details={"board": str(location.code) if location else "", "chairs": len(chairs)},
    )
    return render(
        request,
        "chart/board.html",
        {
            "location": location,
            "locations": access.schedule_locations(request.user),
            "chairs": chairs,
            "time_now": clock_text(now.astimezone(location.tz)) if location else "",
            "can_chart": request.user.can(Perm.SESSION_CHART),
        },
    )


@requires(Perm.SCHEDULE_VIEW)
def feeds(request: AuthenticatedRequest) -> HttpResponse:
    """The person's own calendar feeds: create one (its address is shown once), revoke."""
    new_url = ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            _, token = feeds_service.feed_create(user=request.user, ctx=acting(request))
            new_url = settings.CLINIC_BASE_URL + reverse("chart:feed", args=[token])
        elif action == "revoke":
            revoked = feeds_service.feed_revoke(
                user=request.user, feed_id=str(request.POST.get("feed", "")), ctx=acting(request)
            )
            if revoked:
                messages.success(request, "The feed is revoked; its address no longer works.")
            return redirect("chart:feeds")
        else:
            return render(
                request,
                "chart/feeds.html",
                {"feeds": feeds_service.feeds_of(request.user), "error": True},
                status=400,
            )
    return render(
        request,
        "chart/feeds.html",
        {"feeds": feeds_service.feeds_of(request.user), "new_url": new_url},
    )


@login_not_required
@require_safe
@rate_limited("calendar-feed", limit=120, window=3600, methods=("GET",))
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """A staff member's appointments as iCalendar. No names or clinical details: a feed
    leaves the clinic's systems, so it says what, where and which chair only."""
    found = feeds_service.feed_open(token)
    if found is None:
        raise Http404("No such calendar.")
    now = clock.now()
    events = feeds_service.feed_events(found, now=now)
    body = ics.calendar(events, name=f"{settings.CLINIC_NAME} - my appointments", now=now)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
