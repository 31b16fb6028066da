"""Booking online from the public site: the website request and the appointment are
written together, with their emails, in one transaction, or not at all.

One exception: a request that shows a sign of suicidal thoughts is kept even when the time
is refused, so that it reaches a clinician (the alert is queued with it)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from clinic.core.context import Acting
from clinic.core.safety import mentions_self_harm
from clinic.enquiries.services import EnquiryDetails, enquiry_acknowledge, enquiry_submit
from clinic.locations.models import Location
from clinic.scheduling import services
from clinic.scheduling.models import AppointmentType, Booking


class SelfBookingRefused(Exception):
    """The time could not be booked (`refused` says why, with the next open times).
    `urgent`: the request showed a sign of suicidal thoughts, so it was kept."""

    def __init__(self, refused: services.SlotUnavailable, *, urgent: bool):
        super().__init__(refused.message)
        self.refused = refused
        self.urgent = urgent


def self_book(
    *,
    details: EnquiryDetails,
    kind: AppointmentType,
    location: Location,
    start: dt.datetime,
    idempotency_key: str,
    ctx: Acting | None = None,
) -> Booking:
    """Store the request and book `start` for it, queueing the confirmation email (and
    the clinicians' alert for an urgent request) in the same transaction. The same key
    books once: sending the form again returns the first booking. Raises
    SelfBookingRefused when the time cannot be booked."""
    existing = Booking.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    crisis = mentions_self_harm(details.message)
    refused: services.SlotUnavailable | None = None
    with transaction.atomic():
        enquiry = enquiry_submit(
            details=details, ctx=ctx, crisis_statement=crisis, acknowledge=False
        )
        try:
            booking = services.booking_create(
                kind=kind,
                location=location,
                start=start,
                who=services.Who(enquiry=enquiry),
                ctx=ctx,
                idempotency_key=idempotency_key,
                notify=True,
            )
        except services.SlotUnavailable as exc:
            refused = exc
            if enquiry.urgent:
                enquiry_acknowledge(enquiry)  # kept: the person hears it reached the clinic
            else:
                transaction.set_rollback(True)
        else:
            if booking.enquiry_id != enquiry.pk:  # sent twice at once: the first one stands
                transaction.set_rollback(True)
    if refused is not None:
        raise SelfBookingRefused(refused, urgent=enquiry.urgent)
    return booking
