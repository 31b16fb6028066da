"""Staff scheduling pages: calendar, booking, moving, cancelling, attendance, series, chair
board and calendar feeds, with allowed and denied cases."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.test import Client

from clinic.accounts.models import User
from clinic.audit.models import Action, AuditEvent
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.patients.tests.factories import make_patient
from clinic.scheduling import services
from clinic.scheduling.models import AppointmentType, Booking, Reminder, StaffFeed
from clinic.scheduling.tests.factories import open_location, standard_types

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
NOW = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)  # Monday 8 am in Chicago


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=CHICAGO).astimezone(dt.UTC)


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def kinds(
    plano: Location, nurse: User, prescriber: User, front_desk: User
) -> dict[str, AppointmentType]:
    open_location(plano, chairs=2, rooms=1, staff=(nurse, prescriber, front_desk))
    return standard_types()


@pytest.fixture
def patient(plano: Location) -> Patient:
    return make_patient(plano, first_name="Quinn", last_name="Calendar", email="q@example.org")


def book_for(patient: Patient, kind: AppointmentType, start: dt.datetime) -> Booking:
    return services.booking_create(
        kind=kind,
        location=patient.home_location,
        start=start,
        who=services.Who(patient=patient),
        by_staff=True,
    )


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_day_calendar_lists_bookings_with_their_chairs_and_staff(
    kinds: dict, patient: Patient, nurse: User
) -> None:
    book_for(patient, kinds["iv-ketamine-infusion"], at(3, 9))
    page = signed_in(nurse).get("/schedule/", {"day": "2026-03-03"}).content.decode()
    assert "Quinn Calendar" in page
    assert "9:00 am - 9:40 am" in page
    assert "Chair 1" in page
    assert "Nina Nurse" in page
    week = signed_in(nurse).get("/schedule/", {"day": "2026-03-04", "view": "week"})
    assert "Quinn Calendar" in week.content.decode()
    by_chair = signed_in(nurse).get("/schedule/", {"day": "2026-03-03", "resource": "r999999"})
    assert "Quinn Calendar" not in by_chair.content.decode()
    assert signed_in(nurse).get("/schedule/", {"day": "not-a-date"}).status_code == 400


def test_staff_of_another_location_get_404_for_a_booking(
    kinds: dict, patient: Patient, frisco: Location
) -> None:
    from clinic.accounts.policy import Role
    from clinic.accounts.tests.factories import make_user

    booking = book_for(patient, kinds["follow-up-visit"], at(3, 10))
    stranger = make_user(Role.NURSE, locations=[frisco], full_name="Far Nurse")
    assert signed_in(stranger).get(f"/schedule/{booking.code}/").status_code == 404
    response = signed_in(stranger).post(f"/schedule/{booking.code}/cancel/", {"reason": "other"})
    assert response.status_code == 404
    assert AuditEvent.objects.filter(action=Action.ACCESS_DENIED, actor=stranger).count() == 2
    booking.refresh_from_db()
    assert booking.is_active


def test_owners_see_the_schedule_but_may_not_book(owner: User, patient: Patient) -> None:
    client = signed_in(owner)
    assert client.get("/schedule/").status_code == 200
    assert client.get(f"/schedule/book/?patient={patient.code}").status_code == 403


def test_front_desk_books_from_the_patient_record(
    kinds: dict, patient: Patient, front_desk: User
) -> None:
    client = signed_in(front_desk)
    kind = kinds["iv-ketamine-infusion"]
    url = f"/schedule/book/?patient={patient.code}"
    page = client.get(
        "/schedule/book/",
        {
            "patient": patient.code,
            "appointment_type": kind.pk,
            "location": patient.home_location.pk,
            "day": "2026-03-03",
        },
    ).content.decode()
    assert 'aria-label="Tuesday 3 March 2026, 9:00 am CST"' in page
    response = client.post(
        url,
        {
            "appointment_type": kind.pk,
            "location": patient.home_location.pk,
            "day": "2026-03-03",
            "start": at(3, 9).isoformat(),
        },
    )
    assert response.status_code == 302
    shown = client.get(response["Location"]).content.decode()
    assert shown.count("Booked for Tuesday 3 March 2026, 9:00 am CST") == 1


def test_a_double_click_on_book_says_booked_once(
    kinds: dict, patient: Patient, front_desk: User
) -> None:
    client = signed_in(front_desk)
    kind = kinds["iv-ketamine-infusion"]
    payload = {
        "appointment_type": kind.pk,
        "location": patient.home_location.pk,
        "day": "2026-03-03",
        "start": at(3, 9).isoformat(),
        "idempotency_key": "d" * 32,
    }
    first = client.post(f"/schedule/book/?patient={patient.code}", payload)
    second = client.post(f"/schedule/book/?patient={patient.code}", payload)
    assert first["Location"] == second["Location"]
    shown = client.get(second["Location"]).content.decode()
    assert shown.count("Booked for Tuesday 3 March 2026, 9:00 am CST") == 1
    assert Booking.objects.count() == 1
    booking = Booking.objects.get()
    assert booking.created_by == front_desk
    assert "booked" in mail.outbox[-1].subject
    assert client.get("/schedule/book/?patient=junk").status_code == 400


def test_move_cancel_and_attendance_from_the_booking_page(
    kinds: dict, patient: Patient, nurse: User
) -> None:
    client = signed_in(nurse)
    booking = book_for(patient, kinds["iv-ketamine-infusion"], at(2, 10))
    moved = client.post(
        f"/schedule/book/?move={booking.code}",
        {
            "appointment_type": booking.appointment_type.pk,
            "location": booking.location.pk,
            "day": "2026-03-02",
            "start": at(2, 11).isoformat(),
        },
    )
    assert moved.status_code == 302
    shown = client.get(moved["Location"]).content.decode()
    assert shown.count("Moved to Monday 2 March 2026, 11:00 am CST") == 1
    assert "Booked for" not in shown
    # Only the reminders of the new time are listed (the old ones are no longer needed).
    assert "Not needed" not in shown
    assert (
        shown.count("h before:")
        == Reminder.objects.filter(booking=booking, for_start=at(2, 11)).count()
    )
    booking.refresh_from_db()
    assert booking.starts_at == at(2, 11)
    early = client.post(f"/schedule/{booking.code}/attendance/", {"status": "attended"})
    assert early.status_code == 409
    with time_machine.travel(at(2, 11, 5), tick=False):
        client = signed_in(nurse)
        assert (
            client.post(f"/schedule/{booking.code}/attendance/", {"status": "no_show"}).status_code
            == 302
        )
    booking.refresh_from_db()
    assert booking.status == Booking.Status.NO_SHOW
    other = book_for(patient, kinds["iv-ketamine-infusion"], at(4, 10))
    client = signed_in(nurse)
    assert client.post(f"/schedule/{other.code}/cancel/", {"reason": "nope"}).status_code == 400
    assert client.post(f"/schedule/{other.code}/cancel/", {"reason": "clinic"}).status_code == 302
    other.refresh_from_db()
    assert other.status == Booking.Status.CANCELLED
    assert not other.cancelled_by_patient


def test_a_series_is_proposed_then_booked_at_most_one_a_day(
    kinds: dict, patient: Patient, nurse: User
) -> None:
    client = signed_in(nurse)
    kind = kinds["iv-ketamine-infusion"]
    params = {
        "appointment_type": kind.pk,
        "location": patient.home_location.pk,
        "day": "2026-03-03",
        "count": "6",
        "weeks": "3",
        "weekdays": ["0", "2", "4"],
        "preferred_time": "10:00",
        "min_gap_days": "1",
    }
    url = f"/schedule/series/?patient={patient.code}"
    page = client.get("/schedule/series/", {**params, "patient": patient.code}).content.decode()
    proposed = re.findall(r'name="start" value="([^"]+)"', page)
    assert len(proposed) == 6
    assert "Wednesday 4 March 2026, 10:00 am CST" in page
    # Someone takes the third proposed session meanwhile (the one nurse is busy then).
    services.booking_create(
        kind=kind,
        location=patient.home_location,
        start=dt.datetime.fromisoformat(proposed[2]),
        who=services.Who(patient=make_patient(patient.home_location)),
        by_staff=True,
    )
    mail.outbox.clear()
    result = client.post(url, {**params, "start": proposed}).content.decode()
    assert "Booked 5 sessions" in result
    assert "Could not be booked" in result
    # One email confirms the five sessions booked, each with its own link, in one calendar.
    (message,) = mail.outbox
    assert message.to == [patient.email]
    assert "5 appointments are booked" in message.subject
    assert message.body.count("To see, move or cancel it:") == 5
    ((name, calendar, kind_of),) = message.attachments
    assert (name, kind_of) == ("appointments.ics", "text/calendar")
    assert calendar.count("BEGIN:VEVENT") == 5
    # Its page lists the confirmation with the session's other messages.
    session = Booking.objects.filter(patient=patient).order_by("starts_at").last()
    assert session is not None
    shown = client.get(f"/schedule/{session.code}/").content.decode()
    assert "Series confirmation email (every session)" in shown
    days = [b.starts_at.astimezone(CHICAGO).date() for b in Booking.objects.filter(patient=patient)]
    assert len(days) == len(set(days)) == 5


def test_the_chair_board_shows_who_sits_where_and_time_left(
    kinds: dict, patient: Patient, nurse: User
) -> None:
    booking = book_for(patient, kinds["iv-ketamine-infusion"], at(2, 10))
    with time_machine.travel(at(2, 9, 50), tick=False):  # arrived early: checked in
        services.booking_mark(booking=booking, status=Booking.Status.ATTENDED, actor=nurse)
    with time_machine.travel(at(2, 10, 15), tick=False):
        page = signed_in(nurse).get("/schedule/board/").content.decode()
    assert "Quinn Calendar" in page
    assert "25</span> min left" in page
    assert "Free now" in page  # the second chair


def test_the_chair_board_never_seats_a_patient_who_has_not_arrived(
    kinds: dict, patient: Patient, nurse: User
) -> None:
    booking = book_for(patient, kinds["iv-ketamine-infusion"], at(2, 10))
    with time_machine.travel(at(2, 9, 51), tick=False):  # the chair is held, no one is in it
        before = signed_in(nurse).get("/schedule/board/").content.decode()
    assert "min left" not in before
    assert "No one checked in yet" in before
    assert "Expected 10:00 am:" in before
    with time_machine.travel(at(2, 10, 12), tick=False):
        late = signed_in(nurse).get("/schedule/board/").content.decode()
    assert "min left" not in late
    assert "Expected 10:00 am, 12 min late:" in late
    with time_machine.travel(at(2, 10, 13), tick=False):
        services.booking_mark(booking=booking, status=Booking.Status.ATTENDED, actor=nurse)
        seated = signed_in(nurse).get("/schedule/board/").content.decode()
    assert "Not checked in" not in seated
    assert "</span> min left" in seated


def test_check_in_opens_two_hours_before_and_a_no_show_waits_for_the_time(
    kinds: dict, patient: Patient, nurse: User
) -> None:
    booking = book_for(patient, kinds["iv-ketamine-infusion"], at(2, 10))
    with time_machine.travel(at(2, 7, 59), tick=False), pytest.raises(services.BookingStateError):
        services.booking_mark(booking=booking, status=Booking.Status.ATTENDED, actor=nurse)
    with time_machine.travel(at(2, 9, 59), tick=False):
        with pytest.raises(services.BookingStateError):
            services.booking_mark(booking=booking, status=Booking.Status.NO_SHOW, actor=nurse)
        services.booking_mark(booking=booking, status=Booking.Status.ATTENDED, actor=nurse)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.ATTENDED


def test_a_calendar_feed_works_until_revoked_and_names_no_patient(
    kinds: dict, patient: Patient, nurse: User
) -> None:
    book_for(patient, kinds["iv-ketamine-infusion"], at(3, 9))
    client = signed_in(nurse)
    page = client.post("/schedule/feeds/", {"action": "create"}).content.decode()
    found = re.search(r'value="http://[^/]+(/calendar/[^"]+\.ics)"', page)
    assert found is not None
    url = found.group(1)
    feed = Client().get(url)
    assert feed.status_code == 200
    body = feed.content.decode()
    assert "BEGIN:VEVENT" in body
    assert "IV ketamine infusion" in body
    assert "Quinn" not in body
    assert "Calendar" not in body.replace("VCALENDAR", "")
    revoke = client.post(
        "/schedule/feeds/", {"action": "revoke", "feed": StaffFeed.objects.get().pk}
    )
    assert revoke.status_code == 302
    assert Client().get(url).status_code == 404
    assert Client().get("/calendar/not-a-real-token.ics").status_code == 404


def test_a_double_click_books_once_and_odd_seconds_are_refused(
    kinds: dict, patient: Patient, front_desk: User
) -> None:
    client = signed_in(front_desk)
    kind = kinds["follow-up-visit"]
    url = f"/schedule/book/?patient={patient.code}"
    payload = {
        "appointment_type": kind.pk,
        "location": patient.home_location.pk,
        "day": "2026-03-03",
        "start": at(3, 9).isoformat(),
        "idempotency_key": "f" * 32,
    }
    assert client.post(url, payload).status_code == 302
    assert client.post(url, payload).status_code == 302
    assert Booking.objects.count() == 1
    odd = {
        **payload,
        "start": (at(3, 11) + dt.timedelta(seconds=7)).isoformat(),
        "idempotency_key": "",
    }
    assert client.post(url, odd).status_code == 409
    assert Booking.objects.count() == 1


def test_a_series_sent_twice_is_booked_once(kinds: dict, patient: Patient, nurse: User) -> None:
    client = signed_in(nurse)
    kind = kinds["iv-ketamine-infusion"]
    params = {
        "appointment_type": kind.pk,
        "location": patient.home_location.pk,
        "day": "2026-03-03",
        "count": "3",
        "weeks": "2",
        "preferred_time": "10:00",
        "min_gap_days": "2",
    }
    url = f"/schedule/series/?patient={patient.code}"
    page = client.get("/schedule/series/", {**params, "patient": patient.code}).content.decode()
    proposed = re.findall(r'name="start" value="([^"]+)"', page)
    key = re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', page)
    assert key is not None
    payload = {**params, "start": proposed, "idempotency_key": key.group(1)}
    assert "Booked 3 sessions" in client.post(url, payload).content.decode()
    assert "Booked 3 sessions" in client.post(url, payload).content.decode()
    assert Booking.objects.filter(patient=patient).count() == 3


def test_the_booking_access_helpers_answer_every_role_directly(
    plano: Location, frisco: Location, nurse: User, patient_user: User
) -> None:
    """Below the views: a booking at one's own location is reachable, one elsewhere, a
    patient's account or a signed link to nothing is not (404, and refused reads are audited)."""
    import uuid

    from django.http import Http404

    from clinic.audit.models import Action, AuditEvent
    from clinic.patients.tests.factories import make_patient
    from clinic.scheduling import access
    from clinic.scheduling.tests.factories import make_booking

    here = make_booking(plano, make_patient(plano, first_name="Here"))
    there = make_booking(frisco, make_patient(frisco, first_name="There"))
    assert access.get_booking_for_user(nurse, here.code) == here
    with pytest.raises(Http404):
        access.get_booking_for_user(nurse, there.code)
    with pytest.raises(Http404):
        access.get_booking_for_user(patient_user, here.code, write=True)
    assert not access.bookings_visible_to(patient_user).exists()
    assert not access.schedule_locations(patient_user).exists()
    assert access.get_location_for_user(nurse, plano.code) == plano
    assert access.get_location_for_user(nurse, frisco.code) is None
    assert access.booking_by_link(there.code) == there
    with pytest.raises(Http404):
        access.booking_by_link(uuid.uuid4())
    assert AuditEvent.objects.filter(action=Action.ACCESS_DENIED).count() == 2


# Every time staff see is in the location's zone, labelled.


def test_the_patient_record_lists_an_infusion_at_its_local_time(
    kinds: dict,
    patient: Patient,
    nurse: User,
) -> None:
    book_for(patient, kinds["iv-ketamine-infusion"], at(3, 13))  # 1 pm in Chicago, 7 pm UTC
    page = signed_in(nurse).get(f"/patients/{patient.code}/").content.decode()
    assert "Tue 3 Mar 2026, 1:00 pm CST" in page
    assert "7:00" not in page


def test_the_booking_form_proposes_today_where_the_clinic_is(
    kinds: dict,
    patient: Patient,
    front_desk: User,
) -> None:
    # 7 pm on Monday 2 March in Chicago is already Tuesday in UTC.
    with time_machine.travel(dt.datetime(2026, 3, 3, 1, 0, tzinfo=dt.UTC), tick=False):
        page = signed_in(front_desk).get(f"/schedule/book/?patient={patient.code}")
        assert page.context["form"]["day"].value() == dt.date(2026, 3, 2)
        series = signed_in(front_desk).get(f"/schedule/series/?patient={patient.code}")
        assert series.context["form"]["day"].value() == dt.date(2026, 3, 3)
