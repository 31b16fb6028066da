"""Writes for scheduling: book, reschedule, cancel, record attendance. Each is atomic with its
audit event.

No double booking: the service checks the resources inside the write transaction, and the
database has the last word. On PostgreSQL an exclusion constraint refuses overlapping active
holds of one resource (a losing concurrent insert raises IntegrityError, and the service tries
again with the fresh picture); on SQLite every write transaction is BEGIN IMMEDIATE, so
bookings are serialised and the check inside the transaction is exact.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction

from clinic.accounts.models import User
from clinic.audit.services import audit_record
from clinic.core import clock, outbox
from clinic.core.context import Acting
from clinic.core.models import OutgoingMessage
from clinic.enquiries.models import Enquiry
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.scheduling import availability as av
from clinic.scheduling import claims, reminders
from clinic.scheduling.audit_actions import SchedulingAction
from clinic.scheduling.models import AppointmentType, Booking, BookingSeries, Hold
from clinic.scheduling.selectors import network_load, open_times, rule_of


class SlotUnavailable(Exception):
    """The time cannot be booked. `taken` is True when someone else booked it first (or
    meanwhile); False when it is outside the rules (hours, notice, staff not working)."""

    def __init__(self, message: str, *, taken: bool, next_times: Sequence[dt.datetime] = ()):
        super().__init__(message)
        self.message = message
        self.taken = taken
        self.next_times = list(next_times)


class PersonBusy(SlotUnavailable):
    """The person already has an appointment overlapping that time. Staff may book anyway
    with a reason (kept with the booking and noted in the audit trail)."""

    def __init__(self, other: Booking):
        super().__init__("This person already has another appointment at that time.", taken=False)
        self.other = other


class BookingStateError(Exception):
    """The booking cannot change that way (already cancelled, in the past)."""


def next_open_times(
    *, kind: AppointmentType, location: Location, after: dt.datetime, count: int = 5
) -> list[dt.datetime]:
    now = clock.now()
    first = max(after, now).astimezone(location.tz).date()
    found = open_times(
        kind=kind,
        first_day=first,
        last_day=first + dt.timedelta(days=14),
        now=now,
        location_ids=[location.id],
    )
    return [t for t in found.get(location, []) if t > after][:count]


def _choose(
    *,
    kind: AppointmentType,
    location: Location,
    start: dt.datetime,
    check_notice: bool,
    ignore_booking: Booking | None = None,
    attempt: int = 0,
    prefer: str = "",
) -> dict[av.Need, str]:
    if start.second or start.microsecond:
        raise SlotUnavailable("Please choose one of the times offered.", taken=False)
    local_day = start.astimezone(location.tz).date()
    network = network_load(
        first_day=local_day - dt.timedelta(days=1),
        last_day=local_day + dt.timedelta(days=1),
        locations=[location],
    )
    bookings = network.bookings
    if ignore_booking is not None:  # rescheduling: its own holds do not count against it
        own = {(h.key, h.starts_at, h.ends_at) for h in ignore_booking.holds.filter(active=True)}
        bookings = {
            key: [span for span in spans if (key, *span) not in own]
            for key, spans in bookings.items()
        }
    now = clock.now()

    order = claims.spread(list(network.resources[location.id]), attempt)
    # The chair or room chosen on the day grid first (taken, it is passed over like any).
    order.sort(key=lambda r: r.id != prefer)

    def assign(held: Mapping[str, Sequence[av.Span]]) -> dict[av.Need, str] | None:
        return av.assign(
            site=network.sites[location.id],
            resources=order,
            bookings=held,
            rule=rule_of(kind),
            start=start,
            now=now,
            check_notice=check_notice,
        )

    chosen = assign(bookings)
    if chosen is not None:
        return chosen
    if assign({}) is None:  # not even on an empty schedule: outside the rules
        raise SlotUnavailable(
            "That time cannot be booked: the location is closed, the staff needed are not "
            "working, or it is outside the booking notice.",
            taken=False,
        )
    raise SlotUnavailable("That time was just taken.", taken=True)


def _hold_rows(
    booking: Booking, chosen: dict[av.Need, str], kind: AppointmentType, *, person: str | None
) -> list[Hold]:
    """One hold per exclusive resource (buffers included), and one for the person (the
    appointment itself) unless staff allowed an overlap."""
    rule = rule_of(kind)
    rows = []
    if person is not None:
        rows.append(
            Hold(
                booking=booking,
                location=booking.location,
                key=person,
                need=claims.PERSON_NEED,
                starts_at=booking.starts_at,
                ends_at=booking.ends_at,
            )
        )
    for need, key in chosen.items():
        if not need.exclusive:
            continue
        rows.append(
            Hold(
                booking=booking,
                location=booking.location,
                key=key,
                resource_id=int(key[1:]) if key.startswith("r") else None,
                staff_id=int(key[1:]) if key.startswith("u") else None,
                need=need.kind,
                starts_at=booking.starts_at - rule.buffer_before,
                ends_at=booking.ends_at + rule.buffer_after,
            )
        )
    return rows


@dataclass(frozen=True)
class Who:
    patient: Patient | None = None
    enquiry: Enquiry | None = None

    @property
    def patient_code(self) -> uuid.UUID | None:
        return self.patient.code if self.patient else None

    @property
    def key(self) -> str | None:
        return claims.person_key(
            patient_id=self.patient.pk if self.patient else None,
            enquiry_id=self.enquiry.pk if self.enquiry else None,
        )


def booking_create(
    *,
    kind: AppointmentType,
    location: Location,
    start: dt.datetime,
    who: Who,
    actor: User | None = None,
    ctx: Acting | None = None,
    idempotency_key: str | None = None,
    by_staff: bool = False,
    series: BookingSeries | None = None,
    overlap_reason: str = "",
    notify: bool = False,
    prefer: str = "",
) -> Booking:
    """Book `start` with every resource it needs, or raise SlotUnavailable (with the next
    open times when it was taken; PersonBusy when the person is already booked then, unless
    staff give `overlap_reason`). The same idempotency key books once and returns that
    booking again. `prefer`: a chair or room ("r12") to take first when it is free."""
    if idempotency_key:
        existing = Booking.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing

    def sent_before() -> Booking | None:
        # The same form sent twice at once: the other request's booking is the answer.
        if not idempotency_key:
            return None
        return Booking.objects.filter(idempotency_key=idempotency_key).first()

    return _retrying(
        lambda n: _book(
            kind=kind,
            location=location,
            start=start,
            who=who,
            actor=actor,
            ctx=ctx,
            idempotency_key=idempotency_key,
            by_staff=by_staff,
            series=series,
            overlap_reason=overlap_reason.strip() if by_staff else "",
            attempt=n,
            notify=notify,
            prefer=prefer,
        ),
        kind=kind,
        location=location,
        start=start,
        on_conflict=sent_before,
    )


def _retrying(
    attempt: Callable[[int], Booking],
    *,
    kind: AppointmentType,
    location: Location,
    start: dt.datetime,
    on_conflict: Callable[[], Booking | None] = lambda: None,
) -> Booking:
    """Run booking attempts (see clinic.scheduling.claims) until one holds what it needs or
    the fresh picture has no way left; a refusal says "taken" with the next open times."""
    try:
        return claims.run(
            attempt,
            on_conflict=on_conflict,
            exhausted=lambda: SlotUnavailable("That time was just taken.", taken=True),
        )
    except SlotUnavailable as refused:
        if refused.taken:
            refused.next_times = next_open_times(kind=kind, location=location, after=start)
        raise


def _book(
    *,
    kind: AppointmentType,
    location: Location,
    start: dt.datetime,
    who: Who,
    actor: User | None,
    ctx: Acting | None,
    idempotency_key: str | None,
    by_staff: bool,
    series: BookingSeries | None,
    overlap_reason: str,
    attempt: int,
    notify: bool = False,
    prefer: str = "",
) -> Booking:
    chosen = _choose(
        kind=kind,
        location=location,
        start=start,
        check_notice=not by_staff,
        attempt=attempt,
        prefer=prefer,
    )
    ends_at = start + dt.timedelta(minutes=kind.duration_minutes)
    person = None if overlap_reason else who.key
    claims.lock_keys([*chosen.values(), *([person] if person else [])])
    other = claims.person_busy(key=who.key, starts_at=start, ends_at=ends_at, ignore=None)
    if other is not None and not overlap_reason:
        raise PersonBusy(other)
    booking = Booking.objects.create(
        location=location,
        appointment_type=kind,
        starts_at=start,
        ends_at=ends_at,
        patient=who.patient,
        enquiry=who.enquiry,
        idempotency_key=idempotency_key or None,
        created_by=actor,
        series=series,
        overlap_reason=overlap_reason if other is not None else "",
    )
    rows = _hold_rows(booking, chosen, kind, person=person)
    claims.check_free(rows)
    Hold.objects.bulk_create(rows)
    reminders.reminders_plan(booking, new=True)
    if notify:
        reminders.booking_email_queue(booking, "booking-confirmed")
    audit_record(
        action=SchedulingAction.BOOKING_CREATED,
        actor=actor,
        ctx=ctx,
        obj=booking,
        patient_code=who.patient_code,
        details={
            "type": kind.slug,
            "location": str(location.code),
            "starts_at": start.isoformat(),
            "holds": sorted(chosen.values()),
            "by": "staff" if by_staff else "self-booking",
            **({"overlaps": str(other.code)} if other is not None else {}),
        },
    )
    return booking


def booking_reschedule(
    *,
    booking: Booking,
    start: dt.datetime,
    actor: User | None = None,
    ctx: Acting | None = None,
    by_staff: bool = False,
    notify: bool = False,
) -> Booking:
    """Move a booking to a new time at its location (the same rules as booking it); with
    `notify`, the person's email is queued in the same transaction."""
    if not booking.is_active:
        raise BookingStateError("This appointment is no longer booked.")
    kind = booking.appointment_type

    def attempt(n: int) -> Booking:
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        if not locked.is_active:
            raise BookingStateError("This appointment is no longer booked.")
        chosen = _choose(
            kind=kind,
            location=locked.location,
            start=start,
            check_notice=not by_staff,
            ignore_booking=locked,
            attempt=n,
        )
        ends_at = start + dt.timedelta(minutes=kind.duration_minutes)
        person = claims.person_key(patient_id=locked.patient_id, enquiry_id=locked.enquiry_id)
        claims.lock_keys([*chosen.values(), *([person] if person else [])])
        other = claims.person_busy(key=person, starts_at=start, ends_at=ends_at, ignore=locked)
        if other is not None:
            raise PersonBusy(other)
        before = locked.starts_at
        locked.holds.filter(active=True).update(active=False)
        locked.starts_at = start
        locked.ends_at = ends_at
        locked.save(update_fields=["starts_at", "ends_at", "updated_at"])
        rows = _hold_rows(locked, chosen, kind, person=person)
        claims.check_free(rows, ignore=locked)
        Hold.objects.bulk_create(rows)
        reminders.reminders_plan(locked)
        if notify:
            reminders.booking_email_queue(locked, "booking-rescheduled")
        audit_record(
            action=SchedulingAction.BOOKING_CHANGED,
            actor=actor,
            ctx=ctx,
            obj=locked,
            patient_code=locked.patient_code,
            details={"from": before.isoformat(), "to": start.isoformat()},
        )
        return locked

    return _retrying(attempt, kind=kind, location=booking.location, start=start)


@transaction.atomic
def booking_cancel(
    *,
    booking: Booking,
    reason: str,
    note: str = "",
    by_patient: bool,
    actor: User | None = None,
    ctx: Acting | None = None,
    notify: bool = False,
) -> Booking:
    """Cancel and free every resource at once. Within the type's late-cancel window it is
    recorded as a late cancellation."""
    locked = Booking.objects.select_for_update().get(pk=booking.pk)
    if not locked.is_active:
        raise BookingStateError("This appointment is already cancelled or over.")
    now = clock.now()
    if locked.starts_at <= now and by_patient:
        raise BookingStateError("This appointment has already started; please call us.")
    late = locked.starts_at - now < dt.timedelta(hours=locked.appointment_type.late_cancel_hours)
    locked.status = Booking.Status.CANCELLED
    locked.cancelled_at = now
    locked.cancel_reason = reason
    locked.cancel_note = note
    locked.cancelled_by_patient = by_patient
    locked.late_cancel = late
    locked.save()
    locked.holds.filter(active=True).update(active=False)
    reminders.reminders_cancel(locked)
    if notify:
        reminders.booking_email_queue(locked, "booking-cancelled")
    audit_record(
        action=SchedulingAction.BOOKING_CANCELLED,
        actor=actor,
        ctx=ctx,
        obj=locked,
        patient_code=locked.patient_code,
        details={"reason": reason, "late": late, "by": "patient" if by_patient else "staff"},
    )
    return locked


# A patient who arrives early can be checked in (and seated on the chair board).
CHECK_IN_EARLY = dt.timedelta(hours=2)


@transaction.atomic
def booking_mark(
    *, booking: Booking, status: str, actor: User, ctx: Acting | None = None
) -> Booking:
    """Record attendance: attended (checking the patient in, from two hours before), or did
    not attend (once the time has come; a no-show frees nothing in the past)."""
    if status not in (Booking.Status.ATTENDED, Booking.Status.NO_SHOW):
        raise BookingStateError("Unknown attendance.")
    locked = Booking.objects.select_for_update().get(pk=booking.pk)
    if locked.status not in (
        Booking.Status.BOOKED,
        Booking.Status.ATTENDED,
        Booking.Status.NO_SHOW,
    ):
        raise BookingStateError("A cancelled appointment has no attendance.")
    now = clock.now()
    if status == Booking.Status.ATTENDED and locked.starts_at - CHECK_IN_EARLY > now:
        raise BookingStateError("A patient can be checked in from two hours before the time.")
    if status == Booking.Status.NO_SHOW and locked.starts_at > now:
        raise BookingStateError("A no-show can be recorded once the appointment has started.")
    locked.status = status
    locked.save(update_fields=["status", "updated_at"])
    reminders.reminders_cancel(locked)
    audit_record(
        action=SchedulingAction.BOOKING_CHANGED,
        actor=actor,
        ctx=ctx,
        obj=locked,
        patient_code=locked.patient_code,
        details={"status": status},
    )
    return locked


@transaction.atomic
def booking_message_resend(
    *, booking: Booking, message_code: uuid.UUID, actor: User, ctx: Acting | None = None
) -> bool:
    """Staff send again a message about this booking that failed or may not have been sent
    (they checked it is still wanted). False if there is no such message in that state."""
    message = OutgoingMessage.objects.filter(
        code=message_code, about__in=reminders.abouts(booking)
    ).first()
    if message is None or not outbox.resend(message):
        return False
    audit_record(
        action=SchedulingAction.BOOKING_CHANGED,
        actor=actor,
        ctx=ctx,
        obj=booking,
        patient_code=booking.patient_code,
        details={"resent": message.template, "message": str(message.code)},
    )
    return True
