"""Self-booking on the public site, and managing a booking from the emailed link.

Location, then a time (a list of real buttons, each labelled with the full date), then the
consultation details of the public request form. Nothing is stored until the details are
sent; the booking and the request are written together or not at all (scheduling.
self_booking)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.context import acting
from clinic.core.formfields import in_calendar
from clinic.core.ratelimit import rate_limited
from clinic.core.timetext import day_text, slot_days, when_text
from clinic.locations import selectors as location_selectors
from clinic.locations.models import Location
from clinic.scheduling import access, links, self_booking, services
from clinic.scheduling.audit_actions import SchedulingAction
from clinic.scheduling.forms import CancelForm, SelfBookingForm, parse_start
from clinic.scheduling.models import AppointmentType, Booking
from clinic.scheduling.selectors import open_times, self_bookable_type, self_bookable_types

DAYS_SHOWN = 14


def _private(request: HttpRequest) -> None:
    request.private = True  # type: ignore[attr-defined]  # never cached, never stored


@login_not_required
@require_safe
def book_start(request: HttpRequest) -> HttpResponse:
    """Choose a location and what to book."""
    locations = location_selectors.active_locations()
    kinds = self_bookable_types()
    return render(
        request,
        "public/booking/start.html",
        {
            "locations": locations,
            "kinds": kinds,
            # A call is the same wherever: listed once, with the nearest location to choose.
            "phone_kinds": [k for k in kinds if k.is_telehealth],
            "visit_kinds": [k for k in kinds if not k.is_telehealth],
        },
    )


def _bookable(location_slug: str, kind_slug: str) -> tuple[Location, AppointmentType]:
    location = location_selectors.active_location(location_slug)
    kind = self_bookable_type(kind_slug)
    if location is None or kind is None:
        raise Http404("No such location or appointment type.")
    return location, kind


def _window(request: HttpRequest, location: Location) -> tuple[dt.date, dt.date]:
    today = clock.now().astimezone(location.tz).date()
    try:
        first = dt.date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        first = today
    first = min(max(first, today), today + dt.timedelta(days=366))
    return first, first + dt.timedelta(days=DAYS_SHOWN - 1)


def _chosen_day(request: HttpRequest) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return None
    return day if in_calendar(day) else None


def _slot_context(
    request: HttpRequest, location: Location, kind: AppointmentType
) -> dict[str, object]:
    """Two weeks of days to choose from, and the open times of one day: short enough for a
    phone, and every time a real button labelled with its full date."""
    first, last = _window(request, location)
    times = open_times(
        kind=kind, first_day=first, last_day=last, now=clock.now(), location_ids=[location.id]
    )[location]
    by_day: dict[dt.date, list[dt.datetime]] = {}
    for moment in times:
        by_day.setdefault(moment.astimezone(location.tz).date(), []).append(moment)
    wanted = _chosen_day(request)
    chosen = wanted if wanted in by_day else next(iter(sorted(by_day)), None)
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    today = clock.now().astimezone(location.tz).date()
    return {
        "location": location,
        "kind": kind,
        "choices": [
            {
                "iso": day.isoformat(),
                "label": day_text(day, year=False),
                "count": len(by_day.get(day, [])),
                "chosen": day == chosen,
            }
            for day in days
        ],
        "days": slot_days(by_day.get(chosen, []), location.tz) if chosen else [],
        "from": first.isoformat(),
        "earlier": (first - dt.timedelta(days=DAYS_SHOWN)).isoformat() if first > today else "",
        "later": (last + dt.timedelta(days=1)).isoformat(),
        "zone": dt.datetime.combine(first, dt.time(12), tzinfo=location.tz).tzname(),
    }


@login_not_required
@require_safe
def book_slots(request: HttpRequest, location_slug: str, kind_slug: str) -> HttpResponse:
    location, kind = _bookable(location_slug, kind_slug)
    _private(request)
    return render(request, "public/booking/slots.html", _slot_context(request, location, kind))


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("self-booking", limit=10, window=3600)
def book_details(request: HttpRequest, location_slug: str, kind_slug: str) -> HttpResponse:
    location, kind = _bookable(location_slug, kind_slug)
    _private(request)
    if request.method != "POST":
        start = parse_start(request.GET.get("start"))
        if start is None:
            return redirect("public:book_slots", location_slug, kind_slug)
        form = SelfBookingForm(
            location=location,
            initial={"start": start.isoformat(), "idempotency_key": uuid.uuid4().hex},
        )
        return _details_page(request, form, location, kind, start)
    form = SelfBookingForm(request.POST, location=location)
    if not form.is_valid():
        start = parse_start(request.POST.get("start"))
        return _details_page(request, form, location, kind, start, status=400)
    try:
        booking = self_booking.self_book(
            details=form.details(),
            kind=kind,
            location=location,
            start=form.cleaned_data["start"],
            idempotency_key=form.cleaned_data["idempotency_key"],
            ctx=acting(request),
        )
    except self_booking.SelfBookingRefused as exc:
        context = {
            "location": location,
            "kind": kind,
            "refused": exc.refused,
            "next_days": slot_days(exc.refused.next_times, location.tz),
            "crisis": exc.urgent,
            "kept": exc.urgent,
        }
        return render(request, "public/booking/taken.html", context, status=409)
    return _to_manage(booking, "booked")


def _to_manage(booking: Booking, flag: str) -> HttpResponse:
    token = links.manage_token(booking.code)
    return redirect(reverse("public:manage_booking", args=[token]) + f"?{flag}=1")


def _details_page(
    request: HttpRequest,
    form: SelfBookingForm,
    location: Location,
    kind: AppointmentType,
    start: dt.datetime | None,
    *,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "public/booking/details.html",
        {
            "form": form,
            "location": location,
            "kind": kind,
            "when": when_text(start, location.tz) if start else "",
        },
        status=status,
    )


def _linked(request: HttpRequest, token: str) -> Booking:
    code = links.booking_code_from(token)
    if code is None:
        raise Http404("This link is not valid.")
    _private(request)
    booking = access.booking_by_link(code)
    if booking.ends_at < clock.now() - links.VALID_AFTER_END:
        raise Http404("This link has expired.")
    return booking


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("manage-booking", limit=20, window=3600)
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """The person's own booking: see it, cancel it with a reason, or move it."""
    booking = _linked(request, token)
    form = CancelForm(request.POST or None)
    status = 200
    error = ""
    if request.method == "POST":
        if form.is_valid():
            try:
                services.booking_cancel(
                    booking=booking,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                    by_patient=True,
                    ctx=acting(request),
                    notify=True,
                )
                return redirect(reverse("public:manage_booking", args=[token]) + "?cancelled=1")
            except services.BookingStateError as exc:
                error, status = str(exc), 409
        else:
            status = 400
    audit_record(
        action=SchedulingAction.BOOKING_VIEWED,
        ctx=acting(request),
        obj=booking,
        patient_code=booking.patient_code,
        details={"via": "emailed link"},
    )
    if request.method == "POST":
        booking.refresh_from_db()  # a refused change: show the booking as it is now

    def shown_after(flag: str) -> bool:
        return request.method != "POST" and request.GET.get(flag) == "1"

    return render(
        request,
        "public/booking/manage.html",
        {
            "booking": booking,
            "when": when_text(booking.starts_at, booking.location.tz),
            "form": form,
            "error": error,
            "token": token,
            "can_change": booking.is_active and booking.starts_at > clock.now(),
            # What just happened, said once after the redirect; never over a refused form.
            "booked": shown_after("booked"),
            "cancelled": shown_after("cancelled"),
            "moved": shown_after("moved"),
        },
        status=status,
    )


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("manage-booking", limit=20, window=3600)
def manage_reschedule(request: HttpRequest, token: str) -> HttpResponse:
    booking = _linked(request, token)
    if not (booking.is_active and booking.starts_at > clock.now()):
        return redirect("public:manage_booking", token)
    context = _slot_context(request, booking.location, booking.appointment_type) | {
        "booking": booking,
        "token": token,
        "when": when_text(booking.starts_at, booking.location.tz),
    }
    if request.method == "POST":
        start = parse_start(request.POST.get("start"))
        if start is None:
            return render(
                request,
                "public/booking/reschedule.html",
                context | {"error": "Please choose a time from the list."},
                status=400,
            )
        try:
            services.booking_reschedule(
                booking=booking, start=start, ctx=acting(request), notify=True
            )
        except services.SlotUnavailable as refused:
            context |= {
                "refused": refused,
                "next_days": slot_days(refused.next_times, booking.location.tz),
            }
            return render(request, "public/booking/reschedule.html", context, status=409)
        except services.BookingStateError as exc:
            return render(
                request,
                "public/booking/reschedule.html",
                context | {"error": str(exc)},
                status=409,
            )
        return redirect(reverse("public:manage_booking", args=[token]) + "?moved=1")
    audit_record(
        action=SchedulingAction.BOOKING_VIEWED,
        ctx=acting(request),
        obj=booking,
        patient_code=booking.patient_code,
        details={"via": "emailed link", "page": "reschedule"},
    )
    return render(request, "public/booking/reschedule.html", context)
