"""Self-booking as one service, called without a web request (a script context)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from clinic.accounts.models import User
from clinic.audit.models import AuditEvent
from clinic.core.context import Acting
from clinic.core.models import OutgoingMessage
from clinic.enquiries.models import Enquiry
from clinic.enquiries.services import EnquiryDetails
from clinic.locations.models import Location
from clinic.scheduling.models import AppointmentType, Booking
from clinic.scheduling.self_booking import SelfBookingRefused, self_book
from clinic.scheduling.tests.factories import open_location, standard_types

NOW = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)  # Monday 8 am in Chicago
TUESDAY_9AM = dt.datetime(2026, 3, 3, 15, 0, tzinfo=dt.UTC)
SUNDAY = dt.datetime(2026, 3, 8, 15, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def phone_call(plano: Location, front_desk: User, prescriber: User, nurse: User) -> AppointmentType:
    open_location(plano, chairs=1, rooms=1, staff=(front_desk, prescriber, nurse))
    standard_types()
    return AppointmentType.objects.get(slug="free-phone-consultation")


def _details(plano: Location, message: str = "") -> EnquiryDetails:
    return EnquiryDetails(
        kind=Enquiry.Kind.CONSULTATION,
        name="Robin Example",
        phone="(972) 555-0101",
        email="robin@example.org",
        preferred_location=plano,
        preferred_times=(),
        payment="self_pay",
        insurance_payer="",
        insurance_member_id="",
        concerns=(),
        message=message,
    )


def _book(plano: Location, kind: AppointmentType, start: dt.datetime, **kw: str) -> Booking:
    return self_book(
        details=_details(plano, **kw),
        kind=kind,
        location=plano,
        start=start,
        idempotency_key="k" * 32,
        ctx=Acting.script(),
    )


def test_books_the_request_and_queues_its_confirmation_together(
    plano: Location, phone_call: AppointmentType
) -> None:
    booking = _book(plano, phone_call, TUESDAY_9AM)
    assert booking.enquiry is not None
    assert booking.starts_at == TUESDAY_9AM
    # The confirmation, not the "request received" note: one email for one booking.
    assert list(OutgoingMessage.objects.values_list("template", flat=True)) == ["booking-confirmed"]
    created = AuditEvent.objects.get(action="booking_created")
    assert created.ip is None
    assert created.actor_id is None
    # Sent again (a double tap): the first booking is the answer, nothing new is written.
    assert _book(plano, phone_call, TUESDAY_9AM) == booking
    assert Enquiry.objects.count() == 1


def test_a_refused_time_leaves_nothing_behind(plano: Location, phone_call: AppointmentType) -> None:
    with pytest.raises(SelfBookingRefused) as refused:
        _book(plano, phone_call, SUNDAY)
    assert refused.value.urgent is False
    assert not Enquiry.objects.exists()
    assert not OutgoingMessage.objects.exists()


def test_a_refused_urgent_request_is_kept_and_reaches_a_clinician(
    plano: Location, phone_call: AppointmentType
) -> None:
    with pytest.raises(SelfBookingRefused) as refused:
        _book(plano, phone_call, SUNDAY, message="I want to kill myself")
    assert refused.value.urgent is True
    kept = Enquiry.objects.get()
    assert kept.urgent
    assert not Booking.objects.exists()
    assert sorted(OutgoingMessage.objects.values_list("template", flat=True)) == [
        "request-received",
        "urgent-request",
    ]
