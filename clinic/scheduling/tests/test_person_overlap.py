"""A person cannot be in two appointments at once: the service refuses a second overlapping
booking (any type, any location), the staff page says what the other appointment is and
offers to book anyway with a reason, which is kept (encrypted) with the booking and noted in
the audit trail. Moving a booking is held to the same rule."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from clinic.accounts.models import User
from clinic.audit.models import AuditEvent
from clinic.locations.models import Location
from clinic.patients.tests.factories import make_patient
from clinic.scheduling import services
from clinic.scheduling.audit_actions import SchedulingAction
from clinic.scheduling.models import Booking
from clinic.scheduling.services import PersonBusy, Who
from clinic.scheduling.tests.factories import open_location, standard_types

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)  # Monday 8 am in Chicago


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def setting(plano: Location, nurse: User, prescriber: User, front_desk: User) -> dict:
    open_location(plano, chairs=2, rooms=2, staff=(nurse, prescriber, front_desk))
    return {"types": standard_types(), "patient": make_patient(plano)}


def _at(plano: Location, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, 4, hour, minute, tzinfo=plano.tz).astimezone(dt.UTC)


def _book(setting: dict, plano: Location, slug: str, start: dt.datetime, **extra):
    return services.booking_create(
        kind=setting["types"][slug],
        location=plano,
        start=start,
        who=Who(patient=setting["patient"]),
        by_staff=True,
        **extra,
    )


def test_three_appointments_at_the_same_minute_give_one(setting: dict, plano: Location) -> None:
    first = _book(setting, plano, "follow-up-visit", _at(plano, 9))
    for slug in ("free-phone-consultation", "iv-ketamine-infusion"):
        with pytest.raises(PersonBusy) as refused:
            _book(setting, plano, slug, _at(plano, 9))
        assert refused.value.other == first
    assert Booking.objects.count() == 1


def test_back_to_back_appointments_are_fine(setting: dict, plano: Location) -> None:
    first = _book(setting, plano, "follow-up-visit", _at(plano, 9))
    _book(setting, plano, "iv-ketamine-infusion", first.ends_at)
    assert Booking.objects.count() == 2


def test_staff_may_book_an_overlap_with_a_reason_kept_and_audited(
    setting: dict, plano: Location
) -> None:
    first = _book(setting, plano, "follow-up-visit", _at(plano, 9))
    second = _book(
        setting, plano, "free-phone-consultation", _at(plano, 9), overlap_reason="Family call"
    )
    second.refresh_from_db()
    assert second.overlap_reason == "Family call"
    event = (
        AuditEvent.objects.filter(action=SchedulingAction.BOOKING_CREATED).order_by("seq").last()
    )
    assert event is not None
    assert event.details["overlaps"] == str(first.code)
    assert "Family" not in str(event.details)


def test_a_move_onto_the_persons_other_appointment_is_refused(
    setting: dict, plano: Location
) -> None:
    _book(setting, plano, "follow-up-visit", _at(plano, 9))
    later = _book(setting, plano, "free-phone-consultation", _at(plano, 11))
    with pytest.raises(PersonBusy):
        services.booking_reschedule(booking=later, start=_at(plano, 9, 15), by_staff=True)
    moved = services.booking_reschedule(booking=later, start=_at(plano, 12), by_staff=True)
    assert moved.starts_at == _at(plano, 12)


def test_the_staff_page_explains_and_books_anyway_with_a_reason(
    setting: dict, plano: Location, front_desk: User
) -> None:
    _book(setting, plano, "follow-up-visit", _at(plano, 9))
    client = Client()
    client.force_login(front_desk)
    patient = setting["patient"]
    data = {
        "appointment_type": setting["types"]["free-phone-consultation"].pk,
        "location": plano.pk,
        "day": "2026-03-04",
        "start": _at(plano, 9).isoformat(),
    }
    refused = client.post(f"/schedule/book/?patient={patient.code}", data)
    assert refused.status_code == 409
    body = refused.content.decode()
    assert "already has another appointment" in body
    assert "Follow-up visit" in body
    assert 'name="overlap_reason"' in body
    empty = client.post(f"/schedule/book/?patient={patient.code}", {**data, "overlap_reason": ""})
    assert empty.status_code == 409
    assert Booking.objects.count() == 1
    booked = client.post(
        f"/schedule/book/?patient={patient.code}", {**data, "overlap_reason": "Joint review"}
    )
    assert booked.status_code == 302
    assert Booking.objects.count() == 2
