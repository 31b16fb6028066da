"""Self-booking from the public site and managing the booking from the emailed link."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from clinic.accounts.models import User
from clinic.audit.models import AuditEvent
from clinic.enquiries.models import Enquiry
from clinic.locations.models import Location
from clinic.scheduling.audit_actions import SchedulingAction
from clinic.scheduling.links import manage_token
from clinic.scheduling.models import Booking, Reminder
from clinic.scheduling.tests.factories import open_location, standard_types

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
NOW = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)  # Monday 8 am in Chicago


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def bookable(plano: Location, front_desk: User, prescriber: User, nurse: User) -> Location:
    open_location(plano, chairs=1, rooms=1, staff=(front_desk, prescriber, nurse))
    standard_types()
    return plano


def details_payload(start: str, key: str = "a" * 32, **extra: str) -> dict[str, str]:
    return {
        "start": start,
        "idempotency_key": key,
        "name": "Robin Example",
        "phone": "(972) 555-0101",
        "email": "robin@example.org",
        "payment": "self_pay",
        "consent": "on",
        **extra,
    }


SLOTS = reverse("public:book_slots", args=["plano", "free-phone-consultation"])
DETAILS = reverse("public:book_details", args=["plano", "free-phone-consultation"])


def test_slots_are_buttons_with_full_date_labels_in_local_time(
    client: Client, bookable: Location
) -> None:
    page = client.get(SLOTS).content.decode()
    # 8 am + 2 hours' notice: the first phone call is at 10:00 local on Monday 2 March.
    assert 'aria-label="Monday 2 March 2026, 10:00 am CST"' in page
    assert 'value="2026-03-02T16:00:00+00:00"' in page
    assert "8:00 am" not in page.split("Monday 2 March")[1].split("</section>")[0]
    assert 'aria-label="Monday 2 March 2026, 9:45 am CST"' not in page


def test_a_visitor_books_and_gets_an_email_with_a_calendar_file_and_a_link(
    client: Client, bookable: Location
) -> None:
    response = client.post(DETAILS, details_payload("2026-03-03T15:00:00+00:00"))
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.enquiry is not None
    assert booking.enquiry.preferred_location == bookable
    assert booking.starts_at == dt.datetime(2026, 3, 3, 15, tzinfo=dt.UTC)
    assert {h.need for h in booking.holds.all()} == {"coordinator", "person"}
    (message,) = mail.outbox
    assert message.to == ["robin@example.org"]
    assert "Tuesday 3 March 2026, 9:00 am CST" in message.subject
    assert message.attachments[0][0] == "appointment.ics"
    assert "DTSTART:20260303T150000Z" in message.attachments[0][1]
    assert manage_token(booking.code) in message.body
    assert response["Location"].startswith(
        reverse("public:manage_booking", args=[manage_token(booking.code)])
    )
    assert Reminder.objects.filter(booking=booking).count() == 4  # 24 h and 1 h, email and SMS


def test_the_same_form_sent_twice_books_once(client: Client, bookable: Location) -> None:
    payload = details_payload("2026-03-03T15:00:00+00:00")
    first = client.post(DETAILS, payload)
    second = client.post(DETAILS, payload)
    assert first["Location"] == second["Location"]
    assert Booking.objects.count() == 1
    assert Enquiry.objects.count() == 1


def test_a_taken_time_says_so_offers_the_next_times_and_stores_nothing(
    client: Client, bookable: Location
) -> None:
    client.post(DETAILS, details_payload("2026-03-03T15:00:00+00:00"))
    response = client.post(DETAILS, details_payload("2026-03-03T15:00:00+00:00", key="b" * 32))
    assert response.status_code == 409
    page = response.content.decode()
    assert "That time was just taken" in page
    assert 'aria-label="Tuesday 3 March 2026, 9:15 am CST"' in page
    assert Booking.objects.count() == 1
    assert Enquiry.objects.count() == 1


@pytest.mark.parametrize(
    "extra",
    [{"message": "I want to kill myself"}, {"concerns": "suicidal"}],
    ids=["crisis-statement", "suicidal-thoughts-chosen"],
)
def test_a_taken_time_still_sends_a_crisis_message_to_clinicians(
    client: Client, bookable: Location, extra: dict[str, str]
) -> None:
    client.post(DETAILS, details_payload("2026-03-03T15:00:00+00:00"))
    mail.outbox.clear()
    response = client.post(
        DETAILS,
        details_payload("2026-03-03T15:00:00+00:00", key="c" * 32, **extra),
    )
    assert response.status_code == 409
    assert "988" in response.content.decode()
    kept = Enquiry.objects.get(urgent=True)
    assert not Booking.objects.filter(enquiry=kept).exists()
    assert any("urgent" in m.subject.lower() for m in mail.outbox)


@pytest.mark.parametrize(
    "start",
    [
        "",
        "tomorrow",
        "2026-03-03T15:00:00",
        "9999-12-31T23:59:59+00:00",
        "2026-03-08T15:00:00+00:00",
    ],
)
def test_bad_or_closed_times_get_a_clear_4xx(
    client: Client, bookable: Location, start: str
) -> None:
    response = client.post(DETAILS, details_payload(start))
    assert response.status_code in (400, 409)
    assert not Booking.objects.exists()
    assert not Enquiry.objects.exists()


def test_unknown_location_or_a_type_that_is_not_self_bookable_is_404(
    client: Client, bookable: Location
) -> None:
    assert (
        client.get(
            reverse("public:book_slots", args=["nowhere", "free-phone-consultation"])
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("public:book_slots", args=["plano", "iv-ketamine-infusion"])).status_code
        == 404
    )


def _booked(client: Client) -> tuple[Booking, str]:
    client.post(DETAILS, details_payload("2026-03-03T15:00:00+00:00"))
    booking = Booking.objects.get()
    return booking, reverse("public:manage_booking", args=[manage_token(booking.code)])


def test_the_emailed_link_shows_the_booking_and_its_reading_is_audited(
    client: Client, bookable: Location
) -> None:
    booking, url = _booked(client)
    page = client.get(url).content.decode()
    assert "Tuesday 3 March 2026, 9:00 am CST" in page
    event = AuditEvent.objects.filter(action=SchedulingAction.BOOKING_VIEWED).latest("seq")
    assert event.object_code == str(booking.code)


def test_cancel_from_the_link_with_a_reason(client: Client, bookable: Location) -> None:
    booking, url = _booked(client)
    mail.outbox.clear()
    assert client.post(url, {"reason": ""}).status_code == 400
    # Refused from the page reached right after booking: no "You are booked" over the error.
    refused = client.post(url + "?booked=1", {"reason": ""})
    assert refused.status_code == 400
    assert "You are booked" not in refused.content.decode()
    assert "<title>Error: " in refused.content.decode()
    response = client.post(url, {"reason": "schedule", "note": "work trip"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert booking.cancelled_by_patient
    assert not booking.late_cancel  # 25 hours ahead
    assert booking.cancel_note == "work trip"
    assert "cancelled" in mail.outbox[0].subject
    assert "STATUS:CANCELLED" in mail.outbox[0].attachments[0][1]
    assert not Reminder.objects.filter(status=Reminder.Status.PENDING).exists()
    assert client.post(url, {"reason": "schedule"}).status_code == 409


def test_reschedule_from_the_link(client: Client, bookable: Location) -> None:
    booking, url = _booked(client)
    page = client.get(url + "reschedule/").content.decode()
    assert "Choose another time" in page
    response = client.post(url + "reschedule/", {"start": "2026-03-04T16:00:00+00:00"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.starts_at == dt.datetime(2026, 3, 4, 16, tzinfo=dt.UTC)
    assert "moved" in mail.outbox[-1].subject
    assert client.post(url + "reschedule/", {"start": "junk"}).status_code == 400


@pytest.mark.parametrize("token", ["nonsense", "a" * 300, "eyJ0ZXN0IjoxfQ:abc:def"])
def test_a_forged_or_broken_link_is_404(client: Client, bookable: Location, token: str) -> None:
    assert client.get(reverse("public:manage_booking", args=[token])).status_code == 404


def test_the_manage_page_never_lands_in_a_cache(client: Client, bookable: Location) -> None:
    _, url = _booked(client)
    assert "no-store" in client.get(url)["Cache-Control"]
    assert re.search(r"no-store", client.get(SLOTS)["Cache-Control"])


def test_the_link_stops_working_a_week_after_the_appointment(
    client: Client, bookable: Location
) -> None:
    booking, url = _booked(client)
    with time_machine.travel(booking.ends_at + dt.timedelta(days=6), tick=False):
        assert Client().get(url).status_code == 200
    with time_machine.travel(booking.ends_at + dt.timedelta(days=8), tick=False):
        assert Client().get(url).status_code == 404


def test_a_booking_follows_its_request_into_the_new_patient_record(
    client: Client, bookable: Location, front_desk: User
) -> None:
    from clinic.scheduling.conversion import enquiry_convert

    booking, _ = _booked(client)
    assert booking.enquiry is not None
    patient = enquiry_convert(
        enquiry=booking.enquiry,
        first_name="Robin",
        last_name="Example",
        date_of_birth=dt.date(1990, 1, 2),
        home_location=bookable,
        actor=front_desk,
    )
    booking.refresh_from_db()
    assert booking.patient == patient
    # The move is scheduling's write, with its own event naming the appointment.
    moved = AuditEvent.objects.get(action=SchedulingAction.BOOKINGS_MOVED)
    assert moved.patient_code == patient.code
    assert moved.details["bookings"] == [str(booking.code)]
    assert moved.actor_id == front_desk.pk
    front = Client()
    front.force_login(front_desk)
    page = front.get(f"/patients/{patient.code}/").content.decode()
    assert "Free phone consultation" in page


def test_a_time_outside_the_rules_says_so_rather_than_taken(
    client: Client, bookable: Location
) -> None:
    response = client.post(DETAILS, details_payload("2026-03-08T15:00:00+00:00"))  # Sunday
    assert response.status_code == 409
    page = response.content.decode()
    assert "That time cannot be booked" in page
    assert "was just taken" not in page


def test_a_request_booked_online_is_labelled_with_what_was_booked(
    client: Client, bookable: Location, front_desk: User
) -> None:
    details = reverse("public:book_details", args=["plano", "psychiatric-evaluation"])
    # Wednesday 4 March, 9:00 am in Chicago: more than 24 hours' notice, the room free.
    response = client.post(details, details_payload("2026-03-04T15:00:00+00:00"))
    assert response.status_code == 302
    enquiry = Booking.objects.get().enquiry
    assert enquiry is not None
    assert enquiry.kind == Enquiry.Kind.BOOKING
    desk = Client()
    desk.force_login(front_desk)
    inbox = desk.get("/requests/").content.decode()
    assert "Booked online: Psychiatric evaluation" in inbox
    assert "Free consultation" not in inbox
    page = desk.get(f"/requests/{enquiry.code}/").content.decode()
    assert "Booked online: Psychiatric evaluation" in page
    # The time booked, and the time received, in the location's zone with its label.
    assert "Wednesday 4 March 2026, 9:00 am CST" in page
    assert "received Mon 2 Mar 2026, 8:00 am CST" in page
    assert "Free consultation" not in page
