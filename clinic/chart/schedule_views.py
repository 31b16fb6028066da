"""Staff scheduling: the calendar (day and week, per location, chair or person), booking,
rescheduling, cancelling, attendance, series, and reminder problems."""

from __future__ import annotations

import datetime as dt
import re
import uuid

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from clinic.accounts.decorators import requires
from clinic.accounts.policy import Perm
from clinic.accounts.types import AuthenticatedRequest
from clinic.audit.decorators import shows_patient_data
from clinic.audit.services import audit_record
from clinic.chart.calendar_views import booking_rows, grid_cell_query
from clinic.core import clock
from clinic.core.context import acting
from clinic.core.timetext import slot_days, when_text
from clinic.locations.models import Location
from clinic.patients.access import get_patient_for_user
from clinic.patients.models import Patient
from clinic.scheduling import access, selectors, series_booking, services
from clinic.scheduling.audit_actions import SchedulingAction
from clinic.scheduling.forms import (
    AttendanceForm,
    CancelForm,
    SeriesForm,
    StaffBookForm,
    parse_start,
)
from clinic.scheduling.models import Booking
from clinic.scheduling.reminders import messages_of
from clinic.scheduling.selectors import open_times, person_name
from clinic.scheduling.series import plan_series
from clinic.treatments import selectors as treatment_selectors
from clinic.treatments import session_selectors


@requires(Perm.SCHEDULE_VIEW, not_found=True)
@shows_patient_data
def booking_detail(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    booking = access.get_booking_for_user(request.user, code, ctx=acting(request))
    audit_record(
        action=SchedulingAction.BOOKING_VIEWED,
        ctx=acting(request),
        obj=booking,
        patient_code=booking.patient_code,
    )
    when = when_text(booking.starts_at, booking.location.tz)
    done = DONE.get(request.GET.get("done", "")) if booking.is_active else None
    return render(
        request,
        "chart/booking_detail.html",
        _detail_context(booking)
        | {
            "done": done.format(when=when) if done else "",
            "can_chart": request.user.can(Perm.SESSION_CHART),
        },
    )


DONE = {"booked": "Booked for {when}.", "moved": "Moved to {when}."}


def _detail_context(booking: Booking, **extra: object) -> dict[str, object]:
    return {
        "booking": booking,
        "person": person_name(booking),
        "when": when_text(booking.starts_at, booking.location.tz),
        "held": booking_rows([booking], booking.location)[0]["held"],
        "reminders": selectors.reminders_for(booking),
        "messages_sent": messages_of(booking),
        "cancel_form": extra.get("cancel_form") or CancelForm(),
        "attendance_form": AttendanceForm(),
        "started": booking.starts_at <= clock.now(),
        "treatment": session_selectors.session_for_booking(booking.pk),
        "today": booking.starts_at.astimezone(booking.location.tz).date()
        == clock.today(booking.location.tz),
        "error": extra.get("error", ""),
    }


@requires(Perm.SCHEDULE_MANAGE, not_found=True)
@require_POST
def booking_cancel(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    booking = access.get_booking_for_user(request.user, code, write=True, ctx=acting(request))
    form = CancelForm(request.POST)
    if not form.is_valid():
        return _detail_again(request, booking, status=400, cancel_form=form)
    try:
        services.booking_cancel(
            booking=booking,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            by_patient=False,
            actor=request.user,
            ctx=acting(request),
            notify=True,
        )
    except services.BookingStateError as exc:
        return _detail_again(request, booking, status=409, error=str(exc))
    messages.success(request, "The appointment is cancelled and the person has been emailed.")
    return redirect("chart:booking_detail", code=booking.code)


@requires(Perm.SCHEDULE_MANAGE, not_found=True)
@require_POST
def booking_message_resend(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    booking = access.get_booking_for_user(request.user, code, write=True, ctx=acting(request))
    try:
        message_code = uuid.UUID(request.POST.get("message", ""))
    except ValueError:
        return _detail_again(request, booking, status=400, error="Choose a message to send.")
    if not services.booking_message_resend(
        booking=booking, message_code=message_code, actor=request.user, ctx=acting(request)
    ):
        return _detail_again(request, booking, status=409, error="That message is not waiting.")
    messages.success(request, "The message will be sent again.")
    return redirect("chart:booking_detail", code=booking.code)


@requires(Perm.SCHEDULE_MANAGE, not_found=True)
@require_POST
def booking_attendance(request: AuthenticatedRequest, code: uuid.UUID) -> HttpResponse:
    booking = access.get_booking_for_user(request.user, code, write=True, ctx=acting(request))
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        return _detail_again(
            request, booking, status=400, error="Choose attended or did not attend."
        )
    try:
        services.booking_mark(
            booking=booking,
            status=form.cleaned_data["status"],
            actor=request.user,
            ctx=acting(request),
        )
    except services.BookingStateError as exc:
        return _detail_again(request, booking, status=409, error=str(exc))
    messages.success(request, "Attendance recorded.")
    return redirect("chart:booking_detail", code=booking.code)


def _detail_again(
    request: AuthenticatedRequest, booking: Booking, *, status: int, **extra: object
) -> HttpResponse:
    """The booking page again with what went wrong (a refused change writes nothing)."""
    return render(
        request, "chart/booking_detail.html", _detail_context(booking, **extra), status=status
    )


def _open_for_day(form: StaffBookForm) -> list[tuple[str, list[tuple[str, str, str]]]]:
    location = form.cleaned_data["location"]
    day = form.cleaned_data["day"]
    times = open_times(
        kind=form.cleaned_data["appointment_type"],
        first_day=day,
        last_day=day,
        now=clock.now(),
        location_ids=[location.id],
        by_staff=True,
    )[location]
    return slot_days(times, location.tz)


@requires(Perm.SCHEDULE_MANAGE)
@shows_patient_data
def book(request: AuthenticatedRequest) -> HttpResponse:
    """Book a patient (from their record), or move a booking (`?move=<code>`)."""
    moving = _moving(request)
    patient = None
    if moving is None:
        if "patient" not in request.GET:
            # From a free cell of the day grid: first, who is it for?
            cell = grid_cell_query(request)
            return redirect(reverse("chart:book_find") + (f"?{cell}" if cell else ""))
        try:
            patient_code = uuid.UUID(request.GET.get("patient", ""))
        except ValueError:
            audit_record(
                action=SchedulingAction.SCHEDULE_VIEWED, ctx=acting(request), details={"count": 0}
            )
            return render(request, "chart/book.html", {"no_patient": True}, status=400)
        patient = get_patient_for_user(request.user, patient_code, write=True, ctx=acting(request))
    locations = access.schedule_locations(request.user)
    initial: dict[str, object] = {"day": clock.today()}
    if moving is not None:
        initial |= {"appointment_type": moving.appointment_type, "location": moving.location}
    elif patient is not None:
        initial |= {"location": patient.home_location}
    chosen_place, chosen_day, chosen_at = _chosen_cell(request, locations)
    if chosen_place is not None:
        initial["location"] = chosen_place
    where = initial.get("location")
    if isinstance(where, Location):  # today where the appointment will be
        initial["day"] = clock.today(where.tz)
    if chosen_day is not None:
        initial["day"] = chosen_day
    params = request.POST if request.method == "POST" else request.GET
    bound = "appointment_type" in params
    form = StaffBookForm(params if bound else None, locations=locations, initial=initial)
    prefer = _preferred(params)
    context: dict[str, object] = {
        "form": form,
        "patient": patient,
        "moving": moving,
        "wall_clock": chosen_at,  # "HH:MM" of the grid cell, local to the location
        "prefer": prefer,
    }
    status = 200
    if form.is_bound and form.is_valid():
        if request.method == "POST":
            result = _book_post(request, form, patient, moving)
            if isinstance(result, HttpResponse):
                return result
            context |= result
            status = 409
        context["days"] = _open_for_day(form)
        if chosen_at:
            context["chosen"] = next(
                (
                    slot
                    for _, slots in context["days"]  # type: ignore[attr-defined]
                    for slot in slots
                    if dt.datetime.fromisoformat(slot[0])
                    .astimezone(form.cleaned_data["location"].tz)
                    .strftime("%H:%M")
                    == chosen_at
                ),
                None,
            )
        data = form.cleaned_data
        context["action"] = reverse("chart:book") + (
            f"?move={moving.code}" if moving else f"?patient={patient.code if patient else ''}"
        )
        context["hidden"] = (
            [("idempotency_key", uuid.uuid4().hex)]
            + [
                ("appointment_type", data["appointment_type"].pk),
                ("location", data["location"].pk),
                ("day", data["day"].isoformat()),
            ]
            + ([("move", moving.code)] if moving else [])
            + ([("prefer", prefer)] if prefer else [])
        )
    elif form.is_bound:
        status = 400
    audit_record(
        action=SchedulingAction.SCHEDULE_VIEWED,
        ctx=acting(request),
        patient_code=patient.code if patient else (moving.patient_code if moving else None),
        details={"booking": str(moving.code) if moving else ""},
    )
    return render(request, "chart/book.html", context, status=status)


def _chosen_cell(
    request: AuthenticatedRequest, locations: QuerySet[Location]
) -> tuple[Location | None, dt.date | None, str]:
    """Location, day and "HH:MM" from a free cell of the grid, each only when valid."""
    place = request.GET.get("location", "")
    location = locations.filter(pk=int(place)).first() if place.isdigit() else None
    try:
        day = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = None
    at = request.GET.get("at", "")
    return location, day, at if re.fullmatch(r"[0-2][0-9]:[0-5][0-9]", at) else ""


def _preferred(params: QueryDict) -> str:
    """The chair, room or person of the grid cell chosen ("r12", "u7"), when well-formed."""
    value = params.get("prefer", "") or ""
    return value if re.fullmatch(r"[ru][0-9]{1,10}", value) else ""


def _form_key(request: AuthenticatedRequest) -> str | None:
    """The random key a booking form carries, so that a double click books once."""
    value = request.POST.get("idempotency_key", "")
    return value if re.fullmatch(r"[0-9a-f]{32}", value) else None


def _moving(request: AuthenticatedRequest) -> Booking | None:
    raw = request.GET.get("move") or request.POST.get("move")
    if not raw:
        return None
    try:
        code = uuid.UUID(raw)
    except ValueError:
        return access.get_booking_for_user(
            request.user, uuid.uuid4(), write=True, ctx=acting(request)
        )
    return access.get_booking_for_user(request.user, code, write=True, ctx=acting(request))


def _book_post(
    request: AuthenticatedRequest,
    form: StaffBookForm,
    patient: Patient | None,
    moving: Booking | None,
) -> HttpResponse | dict[str, object]:
    start = parse_start(request.POST.get("start"))
    if start is None:
        return {"error": "Choose a time from the list."}
    location = form.cleaned_data["location"]
    overlap_reason = request.POST.get("overlap_reason", "").replace("\x00", "").strip()[:500]
    if "overlap_reason" in request.POST and len(overlap_reason) < 3:
        return {
            "error": "Say why this person must be booked into two appointments at once.",
            "overlap": {"start": start.isoformat()},
        }
    try:
        if moving is not None:
            booking = services.booking_reschedule(
                booking=moving,
                start=start,
                actor=request.user,
                ctx=acting(request),
                by_staff=True,
                notify=True,
            )
        else:
            booking = services.booking_create(
                kind=form.cleaned_data["appointment_type"],
                location=location,
                start=start,
                who=services.Who(patient=patient),
                actor=request.user,
                ctx=acting(request),
                by_staff=True,
                idempotency_key=_form_key(request),
                overlap_reason=overlap_reason,
                notify=True,
                prefer=_preferred(request.POST),
            )
    except services.PersonBusy as busy:
        other = busy.other
        return {
            "error": f"{busy.message} {other.appointment_type.name}, "
            f"{when_text(other.starts_at, other.location.tz)} at {other.location.name}.",
            "overlap": None if moving is not None else {"start": start.isoformat()},
        }
    except services.SlotUnavailable as refused:
        return {"error": refused.message, "next_days": slot_days(refused.next_times, location.tz)}
    except services.BookingStateError as exc:
        return {"error": str(exc)}
    # Said by the page it leads to, from the address: a double click that books once (the
    # same key) can never stack two banners, and a move says "moved".
    done = "moved" if moving is not None else "booked"
    return redirect(reverse("chart:booking_detail", args=[booking.code]) + f"?done={done}")


@requires(Perm.SCHEDULE_MANAGE)
@shows_patient_data
def series(request: AuthenticatedRequest) -> HttpResponse:
    """Propose an induction series for a patient, then book it in one action."""
    try:
        patient_code = uuid.UUID(request.GET.get("patient", ""))
    except ValueError:
        audit_record(
            action=SchedulingAction.SCHEDULE_VIEWED, ctx=acting(request), details={"count": 0}
        )
        return render(request, "chart/series.html", {"no_patient": True}, status=400)
    patient = get_patient_for_user(request.user, patient_code, write=True, ctx=acting(request))
    locations = access.schedule_locations(request.user)
    params = request.POST if request.method == "POST" else request.GET
    course = treatment_selectors.course_shape(patient)
    initial: dict[str, object] = {
        "location": patient.home_location,
        "day": clock.today(patient.home_location.tz) + dt.timedelta(days=1),
    }
    if course is not None:  # proposed from the patient's treatment plan
        initial |= {
            "count": course.count,
            "weeks": course.weeks,
            "min_gap_days": course.min_gap_days,
            "appointment_type": selectors.appointment_type(course.appointment_slug),
        }
    form = SeriesForm(params if "day" in params else None, locations=locations, initial=initial)
    context: dict[str, object] = {"form": form, "patient": patient, "course": course}
    status = 200 if not form.is_bound or form.is_valid() else 400
    audit_record(
        action=SchedulingAction.SCHEDULE_VIEWED, ctx=acting(request), patient_code=patient.code
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        location, kind = data["location"], data["appointment_type"]
        if request.method == "POST":
            starts = [s for s in (parse_start(v) for v in request.POST.getlist("start")) if s]
            result = series_booking.series_book(
                kind=kind,
                location=location,
                starts=starts[:12],
                who=services.Who(patient=patient),
                actor=request.user,
                ctx=acting(request),
                idempotency_key=_form_key(request),
                notify=True,
            )
            context["result"] = {
                "booked": [when_text(b.starts_at, location.tz) for b in result.booked],
                "refused": [(when_text(s, location.tz), why) for s, why in result.refused],
            }
        else:
            last = data["day"] + dt.timedelta(days=7 * data["weeks"] - 1)
            times = open_times(
                kind=kind,
                first_day=data["day"],
                last_day=last,
                now=clock.now(),
                location_ids=[location.id],
                by_staff=True,
            )[location]
            plan = plan_series(
                [t.astimezone(location.tz) for t in times],
                count=data["count"],
                weekdays=data["weekdays"],
                preferred_time=data["preferred_time"],
                min_gap_days=data["min_gap_days"],
            )
            context["form_key"] = uuid.uuid4().hex
            context["plan"] = [(p.isoformat(), when_text(p, location.tz)) for p in plan.placed]
            context["missing"] = plan.missing
    return render(request, "chart/series.html", context, status=status)
