"""Appointment emails and reminders, all through the outbox (clinic.core.outbox).

A booking's emails (confirmed, new time, cancelled) are queued in the booking's own
transaction. A Reminder row exists for every (booking, channel, hours before, start time); when
it is due it is handed to the outbox in one transaction (pending -> queued, with the message's
dedupe key `reminder:<code>`), so it is queued exactly once however many workers look at it,
and from then on the outbox delivers it, retries it across an outage, and shows staff what
could not be sent. The worker's sweep (every minute) hands over whatever reminder is due, so a
reminder does not depend on its own task surviving; with the database queue each reminder is
also queued to run at its due time.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.tasks import default_task_backend, task

from clinic.core import clock, outbox
from clinic.core.models import OutgoingMessage
from clinic.core.sms import sms_enabled
from clinic.core.timetext import when_text
from clinic.scheduling import ics
from clinic.scheduling.links import manage_url
from clinic.scheduling.models import Booking, BookingSeries, Reminder

log = logging.getLogger("clinic.reminders")

BOOKING_EMAILS = ("booking-confirmed", "booking-rescheduled", "booking-cancelled")
REMINDER_TEMPLATES = ("booking-reminder", "reminder-text")
LABELS = {
    "booking-confirmed": "Booking confirmation email",
    "series-confirmed": "Series confirmation email (every session)",
    "booking-rescheduled": "New-time email",
    "booking-cancelled": "Cancellation email",
    "booking-reminder": "Reminder email",
    "reminder-text": "Reminder text message",
}


def contact_of(booking: Booking) -> tuple[str, str, str]:
    """(first name, email, phone) of the person booked."""
    if booking.patient is not None:
        p = booking.patient
        return p.first_name, p.email, p.phone
    if booking.enquiry is not None:
        e = booking.enquiry
        return e.name.split(" ")[0], e.email, e.phone
    return "", "", ""


def _enqueue(reminder: Reminder) -> None:
    if default_task_backend.supports_defer:
        code = str(reminder.code)
        transaction.on_commit(lambda: send_reminder.using(run_after=reminder.due_at).enqueue(code))


def reminders_plan(booking: Booking, *, new: bool = False) -> list[Reminder]:
    """Create the reminders of a booking at its current start (called inside the booking's
    transaction); reminders for an earlier start time are cancelled."""
    existing: set[tuple[str, int]] = set()
    if not new:
        outbox.cancel(about=about(booking), templates=REMINDER_TEMPLATES)  # for the old time
        booking.reminders.filter(status=Reminder.Status.PENDING).exclude(
            for_start=booking.starts_at
        ).update(status=Reminder.Status.CANCELLED)
        existing = set(
            booking.reminders.filter(for_start=booking.starts_at).values_list(
                "channel", "hours_before"
            )
        )
    _, email, phone = contact_of(booking)
    now = clock.now()
    wanted = [
        Reminder(
            booking=booking,
            channel=channel,
            hours_before=hours,
            for_start=booking.starts_at,
            due_at=booking.starts_at - dt.timedelta(hours=hours),
        )
        for hours in booking.appointment_type.reminder_offsets
        for channel, address in (
            (Reminder.Channel.EMAIL, email),
            (Reminder.Channel.SMS, phone if sms_enabled() else ""),
        )
        if address
        and booking.starts_at - dt.timedelta(hours=hours) > now
        and (channel, hours) not in existing
    ]
    created = Reminder.objects.bulk_create(wanted)
    for reminder in created:
        _enqueue(reminder)
    return created


def reminders_cancel(booking: Booking) -> int:
    outbox.cancel(about=about(booking), templates=REMINDER_TEMPLATES)
    return booking.reminders.filter(status=Reminder.Status.PENDING).update(
        status=Reminder.Status.CANCELLED
    )


def _event(booking: Booking, *, cancelled: bool = False) -> ics.Event:
    kind, location = booking.appointment_type, booking.location
    return ics.Event(
        uid=f"{booking.code}@clinic",
        starts_at=booking.starts_at,
        ends_at=booking.ends_at,
        summary=f"{kind.name} - {settings.CLINIC_NAME}",
        location=("Telehealth" if kind.is_telehealth else location.one_line_address),
        description=kind.preparation,
        cancelled=cancelled,
        sequence=int(booking.updated_at.timestamp()) if booking.updated_at else 0,
    )


def series_email_queue(series: BookingSeries, bookings: Sequence[Booking]) -> bool:
    """Queue one email confirming every session booked in a series, with one calendar file
    holding them all, inside the transaction that booked them. False if there is no address
    or nothing was booked."""
    if not bookings:
        return False
    first = bookings[0]
    name, email, _ = contact_of(first)
    sessions = [
        {
            "when": when_text(b.starts_at, b.location.tz),
            "location": b.location.name,
            "manage_url": manage_url(b.code),
        }
        for b in bookings
    ]
    calendar = ics.calendar(
        [_event(b) for b in bookings], name=settings.CLINIC_NAME, now=clock.now(), method="PUBLISH"
    )
    return (
        outbox.email(
            "series-confirmed",
            to=[email],
            context=_email_context(first) | {"first_name": name, "sessions": sessions},
            attachments=[("appointments.ics", calendar, "text/calendar")],
            about=f"series:{series.code}",
        )
        is not None
    )


def _ics(booking: Booking, *, cancelled: bool = False) -> str:
    return ics.calendar(
        [_event(booking, cancelled=cancelled)],
        name=settings.CLINIC_NAME,
        now=clock.now(),
        method="CANCEL" if cancelled else "PUBLISH",
    )


def _email_context(booking: Booking) -> dict[str, object]:
    name, _, _ = contact_of(booking)
    return {
        "first_name": name,
        "type_name": booking.appointment_type.name,
        "when": when_text(booking.starts_at, booking.location.tz),
        "location": booking.location,
        "address": booking.location.one_line_address,
        "telehealth": booking.appointment_type.is_telehealth,
        "preparation": booking.appointment_type.preparation,
        "manage_url": manage_url(booking.code),
    }


def about(booking: Booking) -> str:
    return f"booking:{booking.code}"


def _booking_email(booking: Booking, name: str, *, dedupe_key: str | None = None) -> bool:
    _, email, _ = contact_of(booking)
    cancelled = name == "booking-cancelled"
    return (
        outbox.email(
            name,
            to=[email],
            context=_email_context(booking),
            attachments=[("appointment.ics", _ics(booking, cancelled=cancelled), "text/calendar")],
            about=about(booking),
            dedupe_key=dedupe_key,
        )
        is not None
    )


def booking_email_queue(booking: Booking, name: str) -> bool:
    """Queue the person's email about their booking (confirmed, new time, cancelled), inside
    the transaction that made the change. False if there is no address."""
    assert name in BOOKING_EMAILS  # noqa: S101 - a programming error, not input
    return _booking_email(booking, name)


def _queue(reminder: Reminder) -> OutgoingMessage | None:
    booking = reminder.booking
    key = f"reminder:{reminder.code}"
    if reminder.channel == Reminder.Channel.EMAIL:
        _booking_email(booking, "booking-reminder", dedupe_key=key)
        return OutgoingMessage.objects.filter(dedupe_key=key).first()
    _, _, phone = contact_of(booking)
    when = when_text(booking.starts_at, booking.location.tz, zone=False)
    return outbox.text(
        "reminder-text",
        to=phone,
        body=(
            f"{settings.CLINIC_NAME}: reminder of your appointment on {when} at "
            f"{booking.location.name}. To change it, use the link in your email or call "
            f"{booking.location.phone}."
        ),
        about=about(booking),
        dedupe_key=key,
    )


def reminder_send(code: str) -> str:
    """Hand one reminder to the outbox if it is due and still wanted. Returns what happened."""
    now = clock.now()
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update()
            .select_related("booking__appointment_type", "booking__location")
            .filter(code=code)
            .first()
        )
        if reminder is None or reminder.status != Reminder.Status.PENDING:
            return "skipped"
        if reminder.due_at > now:
            return "not due"
        booking = reminder.booking
        if not booking.is_active or booking.starts_at != reminder.for_start:
            reminder.status = Reminder.Status.CANCELLED
            reminder.save(update_fields=["status"])
            return "not needed"
        message = _queue(reminder)
        reminder.status = Reminder.Status.QUEUED if message else Reminder.Status.CANCELLED
        reminder.message = message
        reminder.attempts += 1
        reminder.save(update_fields=["status", "message", "attempts"])
    return "queued" if message else "not needed"


@task()
def send_reminder(code: str) -> str:
    return reminder_send(code)


def reminders_send_due() -> dict[str, int]:
    """Hand every due pending reminder to the outbox (run by the worker's sweep)."""
    counts: dict[str, int] = {}
    due = Reminder.objects.filter(
        status=Reminder.Status.PENDING, due_at__lte=clock.now()
    ).values_list("code", flat=True)
    for code in list(due):
        outcome = reminder_send(str(code))
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def message_problems(**booking_filter: object) -> list[dict]:
    """Messages that could not be sent, or may not have been, about the bookings matching
    `booking_filter`, for staff to act on (call the person, or send again). Starts from the
    few messages in trouble (two queries however many bookings there are)."""
    troubled = list(
        OutgoingMessage.objects.filter(
            Q(about__startswith="booking:") | Q(about__startswith="series:"),
            status__in=[OutgoingMessage.Status.FAILED, OutgoingMessage.Status.UNCERTAIN],
            created_at__gte=clock.now() - dt.timedelta(days=400),
        ).order_by("created_at")
    )
    if not troubled:
        return []
    codes = {m.about.removeprefix("booking:") for m in troubled if m.about.startswith("booking:")}
    series = {m.about.removeprefix("series:") for m in troubled if m.about.startswith("series:")}
    by_about: dict[str, Booking] = {}
    for booking in (
        Booking.objects.filter(Q(code__in=codes) | Q(series__code__in=series), **booking_filter)
        .select_related("series")
        .order_by("starts_at")
    ):
        by_about.setdefault(about(booking), booking)
        if booking.series is not None:  # a series' email is shown with its first session
            by_about.setdefault(f"series:{booking.series.code}", booking)
    return [
        {"message": m, "booking": by_about[m.about], "label": LABELS.get(m.template, m.template)}
        for m in troubled
        if m.about in by_about
    ]


def abouts(booking: Booking) -> list[str]:
    """What messages about the booking are filed under: its own, and its series' email."""
    keys = [about(booking)]
    if booking.series is not None:
        keys.append(f"series:{booking.series.code}")
    return keys


def messages_of(booking: Booking) -> list[dict]:
    """Every message about one booking, oldest first, for its page."""
    return [
        {"message": m, "label": LABELS.get(m.template, m.template)}
        for m in OutgoingMessage.objects.filter(about__in=abouts(booking)).order_by("created_at")
    ]
