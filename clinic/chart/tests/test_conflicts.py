"""Issue 11, point 3: a closure or leave added after appointments were booked shows those
appointments (after the save, on the calendar and in a list) for staff to move or cancel,
and the calendar marks closed days and absences."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client

from clinic.accounts.models import User
from clinic.locations.models import Closure, Location
from clinic.patients.tests.factories import make_patient
from clinic.scheduling import conflicts, services
from clinic.scheduling.models import Booking, StaffException
from clinic.scheduling.tests.factories import open_location, standard_types

pytestmark = pytest.mark.django_db

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
NOW = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)  # Monday 8 am in Chicago


def at(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, tzinfo=CHICAGO)


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def booked(plano: Location, nurse: User, prescriber: User, front_desk: User) -> Booking:
    open_location(plano, chairs=2, rooms=1, staff=(nurse, prescriber, front_desk))
    kind = standard_types()["iv-ketamine-infusion"]
    patient = make_patient(plano, first_name="Rory", last_name="Closure", email="r@example.org")
    return services.booking_create(
        kind=kind,
        location=plano,
        start=at(4, 9),
        who=services.Who(patient=patient),
        by_staff=True,
    )


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_saving_a_closure_names_the_bookings_it_breaks(owner: User, booked: Booking) -> None:
    response = _client(owner).post(
        f"/{settings.ADMIN_URL}locations/closure/add/",
        {"location": booked.location.pk, "date": "2026-03-04", "reason": "Burst pipe"},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 booked appointment falls in it" in page
    assert "/schedule/needs-moving/" in page
    booked.refresh_from_db()
    assert booked.status == Booking.Status.BOOKED  # nothing cancelled behind anyone's back
    # A closure on another day breaks nothing and says nothing.
    quiet = _client(owner).post(
        f"/{settings.ADMIN_URL}locations/closure/add/",
        {"location": booked.location.pk, "date": "2026-03-05", "reason": ""},
        follow=True,
    )
    assert "booked appointment" not in quiet.content.decode()


def test_saving_leave_names_the_bookings_that_hold_the_person(
    owner: User, nurse: User, booked: Booking
) -> None:
    response = _client(owner).post(
        f"/{settings.ADMIN_URL}scheduling/staffexception/add/",
        {
            "user": nurse.pk,
            "location": "",
            "kind": "leave",
            "starts_at_0": "2026-03-04",
            "starts_at_1": "08:00",
            "ends_at_0": "2026-03-04",
            "ends_at_1": "12:00",
            "note": "",
        },
        follow=True,
    )
    assert "1 booked appointment falls in it" in response.content.decode()
    leave = StaffException.objects.get()
    assert [c.booking for c in conflicts.bookings_broken_by_leave(leave)] == [booked]
    # Leave in the afternoon does not touch a 9 am infusion.
    leave.starts_at = at(4, 13)
    leave.ends_at = at(4, 18)
    leave.save()
    assert conflicts.bookings_broken_by_leave(leave) == []


def test_the_calendar_marks_the_closed_day_and_absences_and_lists_what_to_move(
    front_desk: User, nurse: User, booked: Booking
) -> None:
    Closure.objects.create(location=booked.location, date=dt.date(2026, 3, 4), reason="Pipe")
    StaffException.objects.create(
        user=nurse, kind="leave", starts_at=at(5, 8), ends_at=at(5, 12), note=""
    )
    client = _client(front_desk)
    week = client.get("/schedule/", {"day": "2026-03-02", "view": "week"}).content.decode()
    assert "Closed: Pipe" in week
    assert "Away: Nina Nurse (8:00 am - 12:00 pm)" in week
    assert "1 booked appointment falls on a closure" in week
    listed = client.get("/schedule/needs-moving/").content.decode()
    assert "Rory Closure" in listed
    assert "Plano is closed that day (Pipe)" in listed
    assert f"?move={booked.code}" in listed
    # Cancelling it (or moving it) clears the list.
    mail.outbox.clear()
    services.booking_cancel(booking=booked, reason="clinic", by_patient=False, actor=front_desk)
    assert "Nothing to move" in client.get("/schedule/needs-moving/").content.decode()


def test_the_list_shows_only_the_persons_own_locations(frisco: Location, booked: Booking) -> None:
    from clinic.accounts.policy import Role
    from clinic.accounts.tests.factories import make_user

    elsewhere = make_user(Role.FRONT_DESK, locations=[frisco])
    Closure.objects.create(location=booked.location, date=dt.date(2026, 3, 4))
    page = _client(elsewhere).get("/schedule/needs-moving/").content.decode()
    assert "Rory Closure" not in page
    assert "Nothing to move" in page


def test_a_patient_cannot_open_the_list(patient_user: User) -> None:
    assert _client(patient_user).get("/schedule/needs-moving/").status_code == 403
