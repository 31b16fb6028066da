"""Booking a whole series (an induction course) in one action: every session it can, each
whole or not at all, with one confirmation email for them all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from clinic.accounts.models import User
from clinic.audit.services import audit_record
from clinic.core.context import Acting
from clinic.locations.models import Location
from clinic.scheduling import reminders
from clinic.scheduling.audit_actions import SchedulingAction
from clinic.scheduling.models import AppointmentType, Booking, BookingSeries
from clinic.scheduling.services import SlotUnavailable, Who, booking_create


@dataclass(frozen=True)
class SeriesResult:
    series: BookingSeries
    booked: list[Booking]
    refused: list[tuple[dt.datetime, str]]


def series_book(
    *,
    kind: AppointmentType,
    location: Location,
    starts: Sequence[dt.datetime],
    who: Who,
    actor: User,
    ctx: Acting | None = None,
    idempotency_key: str | None = None,
    notify: bool = False,
) -> SeriesResult:
    """Book the proposed sessions of a series in one action. Each session gets all its
    resources or none; a session taken since the proposal is reported, not half-booked.
    Sent twice with the same key, the series is booked once. With `notify`, one email
    confirms every session booked."""
    earlier = (
        Booking.objects.filter(idempotency_key__startswith=f"{idempotency_key}:")
        .exclude(series=None)
        .first()
        if idempotency_key
        else None
    )
    if earlier is not None and earlier.series is not None:
        return SeriesResult(
            series=earlier.series, booked=list(earlier.series.bookings.all()), refused=[]
        )
    # One transaction: the series, its event, every session that could be booked and the
    # one email confirming them all commit together (each session in its own savepoint, so
    # a session taken since the proposal is refused whole and reported).
    with transaction.atomic():
        series = BookingSeries.objects.create(created_by=actor, requested=len(starts))
        audit_record(
            action=SchedulingAction.SERIES_CREATED,
            actor=actor,
            ctx=ctx,
            obj=series,
            patient_code=who.patient_code,
            details={"requested": len(starts), "type": kind.slug},
        )
        booked, refused = [], []
        for n, start in enumerate(starts):
            try:
                booked.append(
                    booking_create(
                        kind=kind,
                        location=location,
                        start=start,
                        who=who,
                        actor=actor,
                        ctx=ctx,
                        by_staff=True,
                        series=series,
                        idempotency_key=f"{idempotency_key}:{n}" if idempotency_key else None,
                    )
                )
            except SlotUnavailable as exc:
                refused.append((start, exc.message))
        if notify:
            reminders.series_email_queue(series, booked)
    return SeriesResult(series=series, booked=booked, refused=refused)
