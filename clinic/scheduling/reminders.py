"""Appointment emails and reminders.

A Reminder row exists for every (booking, channel, hours before, start time). The task that
sends it claims the row first (pending -> sending, committed), then sends, then marks it sent:
a reminder is never sent twice, even if two workers pick it up. A failure goes back to
pending with a later due time, up to MAX_ATTEMPTS, then stays failed and is listed for staff.
With a task backend that can defer (the database queue), each reminder is enqueued to run at
its due time; `manage.py send_due_reminders` sends any that are due (a safety net, and the way
to send them with a backend that cannot defer).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.tasks import default_task_backend, task

from clinic.core import clock
from clinic.core.mail import send_templated
from clinic.scheduling import ics
from clinic.scheduling.formatting import when_text
from clinic.scheduling.links import manage_url
from clinic.scheduling.models import Booking, Reminder
from clinic.scheduling.sms import send_sms, sms_enabled

log = logging.getLogger("clinic.reminders")

MAX_ATTEMPTS = 3
RETRY_AFTER = dt.timedelta(minutes=10)


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
    return booking.reminders.filter(status=Reminder.Status.PENDING).update(
        status=Reminder.Status.CANCELLED
    )


def _ics(booking: Booking, *, cancelled: bool = False) -> str:
    kind, location = booking.appointment_type, booking.location
    return ics.calendar(
        [
            ics.Event(
                uid=f"{booking.code}@clinic",
                starts_at=booking.starts_at,
                ends_at=booking.ends_at,
                summary=f"{kind.name} - {settings.CLINIC_NAME}",
                location=("Telehealth" if kind.is_telehealth else location.one_line_address),
                description=kind.preparation,
                cancelled=cancelled,
                sequence=int(booking.updated_at.timestamp()) if booking.updated_at else 0,
            )
        ],
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


def booking_email_send(booking: Booking, name: str) -> bool:
    """Email the person about their booking: confirmed, changed, cancelled or a reminder."""
    _, email, _ = contact_of(booking)
    if not email:
        return False
    cancelled = name == "booking-cancelled"
    send_templated(
        name,
        to=[email],
        context=_email_context(booking),
        attachments=[("appointment.ics", _ics(booking, cancelled=cancelled), "text/calendar")],
    )
    return True


@task()
def send_booking_email(code: str, name: str) -> bool:
    booking = (
        Booking.objects.select_related("appointment_type", "location", "patient", "enquiry")
        .filter(code=code)
        .first()
    )
    return booking_email_send(booking, name) if booking is not None else False


def _deliver(reminder: Reminder) -> None:
    booking = reminder.booking
    if reminder.channel == Reminder.Channel.EMAIL:
        booking_email_send(booking, "booking-reminder")
        return
    _, _, phone = contact_of(booking)
    when = when_text(booking.starts_at, booking.location.tz, zone=False)
    send_sms(
        phone,
        f"{settings.CLINIC_NAME}: reminder of your appointment on {when} at "
        f"{booking.location.name}. To change it, use the link in your email or call "
        f"{booking.location.phone}.",
    )


def reminder_send(code: str) -> str:
    """Send one reminder if it is due and still wanted. Returns what happened."""
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
        reminder.status = Reminder.Status.SENDING
        reminder.attempts += 1
        reminder.save(update_fields=["status", "attempts"])
    try:
        _deliver(reminder)
    except Exception as exc:
        log.warning("reminder %s failed: %s", code, type(exc).__name__)
        with transaction.atomic():
            reminder.last_error = f"{type(exc).__name__}: {exc}"[:200]
            if reminder.attempts < MAX_ATTEMPTS:
                reminder.status = Reminder.Status.PENDING
                reminder.due_at = now + RETRY_AFTER * reminder.attempts
                _enqueue(reminder)
            else:
                reminder.status = Reminder.Status.FAILED
            reminder.save(update_fields=["status", "last_error", "due_at"])
        return "failed"
    reminder.status = Reminder.Status.SENT
    reminder.sent_at = clock.now()
    reminder.save(update_fields=["status", "sent_at"])
    return "sent"


@task()
def send_reminder(code: str) -> str:
    return reminder_send(code)


def reminders_send_due() -> dict[str, int]:
    """Send every pending reminder that is due (safety net and non-deferring backends)."""
    counts: dict[str, int] = {}
    due = Reminder.objects.filter(
        status=Reminder.Status.PENDING, due_at__lte=clock.now()
    ).values_list("code", flat=True)
    for code in list(due):
        outcome = reminder_send(str(code))
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts
