"""Issue 11, point 15: the day grid (chairs, rooms and people down the side, the day across,
free time visible, closed and off time shaded with words) and booking from a free cell."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from clinic.accounts.models import User
from clinic.audit.models import Action, AuditEvent
from clinic.locations.models import Closure, Location
from clinic.patients.tests.factories import make_patient
from clinic.scheduling import services
from clinic.scheduling.models import Booking, Resource, StaffException
from clinic.scheduling.tests.factories import open_location, standard_types

pytestmark = pytest.mark.django_db

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
NOW = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)  # Monday 8 am in Chicago


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=CHICAGO)


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def kinds(plano: Location, nurse: User, prescriber: User, front_desk: User) -> dict:
    open_location(plano, chairs=2, rooms=1, staff=(nurse, prescriber, front_desk))
    return standard_types()


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_grid_shows_every_chair_room_and_person_with_free_and_taken_time(
    kinds: dict, plano: Location, nurse: User, front_desk: User
) -> None:
    patient = make_patient(plano, first_name="Gia", last_name="Grid")
    services.booking_create(
        kind=kinds["iv-ketamine-infusion"],
        location=plano,
        start=at(4, 9),
        who=services.Who(patient=patient),
        by_staff=True,
    )
    StaffException.objects.create(user=nurse, kind="leave", starts_at=at(4, 13), ends_at=at(4, 18))
    page = _client(front_desk).get("/schedule/", {"day": "2026-03-04"}).content.decode()
    table = page[page.index('<table class="day-grid__table">') :]
    for label in ("Chair 1", "Chair 2", "Room 1", "Nina Nurse"):
        assert f'<th scope="row">{label}</th>' in table, label
    assert ">8:00 am</th>" in table
    assert ">5:30 pm</th>" in table
    assert "Gia Grid" in table
    assert "9:00 am - 9:40 am, IV ketamine infusion" in table
    assert 'aria-label="Book Chair 2 at 9:00 am"' in table  # the other chair is free
    assert 'aria-label="Book Chair 1 at 9:00 am"' not in table  # this one is taken
    assert f"?location={plano.pk}&amp;day=2026-03-04&amp;at=10:30" in table
    nurse_row = table[table.index('<th scope="row">Nina Nurse</th>') :].split("</tr>")[0]
    assert 'colspan="10" class="cell cell--off">Off' in nurse_row  # 1 pm to 6 pm: leave
    assert "Away: Nina Nurse (1:00 pm - 6:00 pm)" in page


def test_a_closed_day_is_marked_and_nothing_is_offered(
    kinds: dict, plano: Location, front_desk: User
) -> None:
    Closure.objects.create(location=plano, date=dt.date(2026, 3, 4), reason="Training")
    page = _client(front_desk).get("/schedule/", {"day": "2026-03-04"}).content.decode()
    assert "Closed: Training" in page
    assert "cell--free" not in page
    sunday = _client(front_desk).get("/schedule/", {"day": "2026-03-08"}).content.decode()
    assert "cell--free" not in sunday  # no opening hours on Sundays
    assert "badge--closed" in sunday


def test_an_owner_sees_the_grid_but_is_not_offered_booking(kinds: dict, owner: User) -> None:
    page = _client(owner).get("/schedule/", {"day": "2026-03-04"}).content.decode()
    assert "cell--free" in page
    assert 'aria-label="Book ' not in page


def test_the_grid_reads_a_fixed_number_of_queries_for_40_chairs(
    kinds: dict, plano: Location, front_desk: User
) -> None:
    client = _client(front_desk)
    with CaptureQueriesContext(connection) as few:
        client.get("/schedule/", {"day": "2026-03-04"})
    for n in range(40):
        Resource.objects.create(location=plano, kind=Resource.Kind.CHAIR, name=f"Extra {n:02}")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/schedule/", {"day": "2026-03-04"}).content.decode()
    assert "Extra 39" in page
    assert len(many) <= len(few) + 1  # the cached configuration is read again on SQLite


def test_booking_a_free_cell_finds_the_patient_and_books_that_time(
    kinds: dict, plano: Location, front_desk: User
) -> None:
    patient = make_patient(plano, first_name="Cato", last_name="Cellbook")
    client = _client(front_desk)
    chair2 = Resource.objects.get(location=plano, name="Chair 2")
    cell = f"location={plano.pk}&day=2026-03-04&at=10:30&prefer=r{chair2.pk}"
    who = client.get(f"/schedule/book/?{cell}")
    assert who.status_code == 302
    assert who["Location"] == f"/schedule/book/who/?{cell}"
    found = client.post(who["Location"], {"q": "cellb"}).content.decode()
    link = re.search(r'href="(/schedule/book/\?patient=[^"]+)"', found)
    assert link is not None
    assert "Cellbook, Cato" in found
    target = link.group(1).replace("&amp;", "&")
    assert "cellb" not in target.lower()  # the search never reaches an address
    form = client.get(target).content.decode()
    assert 'name="at" value="10:30"' in form
    kind = kinds["iv-ketamine-infusion"]
    times = client.get(
        target + f"&appointment_type={kind.pk}&location={plano.pk}&day=2026-03-04"
    ).content.decode()
    assert "The time you chose" in times
    chosen = re.search(r'name="start" value="([^"]+)">Book ', times)
    assert chosen is not None
    assert dt.datetime.fromisoformat(chosen.group(1)) == at(4, 10, 30)
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', times))
    booked = client.post(
        f"/schedule/book/?patient={patient.code}", {**hidden, "start": chosen.group(1)}
    )
    assert booked.status_code == 302
    booking = Booking.objects.get(patient=patient)
    assert booking.starts_at == at(4, 10, 30)
    assert booking.holds.filter(resource=chair2).exists()  # the chair of the cell
    assert AuditEvent.objects.filter(action=Action.PATIENT_SEARCHED).exists()


def test_a_time_that_is_not_open_says_so(kinds: dict, plano: Location, front_desk: User) -> None:
    patient = make_patient(plano, first_name="Ned", last_name="Late")
    kind = kinds["iv-ketamine-infusion"]
    page = _client(front_desk).get(
        f"/schedule/book/?patient={patient.code}&location={plano.pk}&day=2026-03-04"
        f"&at=17:45&appointment_type={kind.pk}"
    )
    assert "The time you chose is not open" in page.content.decode()


def test_hostile_cell_values_are_dropped_not_carried(kinds: dict, front_desk: User) -> None:
    client = _client(front_desk)
    response = client.get("/schedule/book/?location=1%3Cscript%3E&day=9999-12-31&at=99:99x")
    assert response.status_code == 302
    assert "script" not in response["Location"]
    assert client.get(response["Location"]).status_code == 200
    odd = client.get("/schedule/book/who/?location=abc&day=0001-01-01&at=%00")
    assert odd.status_code == 200


def test_a_patient_cannot_open_the_finder(patient_user: User) -> None:
    assert _client(patient_user).get("/schedule/book/who/").status_code == 403
