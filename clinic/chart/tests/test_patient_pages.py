"""Patient pages: creating, editing, duplicates, searching, and one read event per view."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from clinic.accounts.models import User
from clinic.audit.models import Action, AuditEvent
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.patients.tests.factories import make_patient

pytestmark = pytest.mark.django_db

VALID = {
    "first_name": "Jordan",
    "last_name": "O'Neill-Avery",
    "date_of_birth": "1984-05-17",
    "phone": "(214) 555-0142",
    "email": "Jordan.Avery@Example.org",
}


@pytest.fixture
def nurse_client(nurse: User) -> Client:
    client = Client()
    client.force_login(nurse)
    return client


def test_create_a_patient(nurse_client: Client, plano: Location) -> None:
    response = nurse_client.post(
        reverse("chart:patient_create"), {**VALID, "home_location": plano.pk}
    )
    assert response.status_code == 302
    patient = Patient.objects.get()
    assert patient.email == "jordan.avery@example.org"
    assert patient.last_name == "O'Neill-Avery"
    event = AuditEvent.objects.get(action=Action.PATIENT_CREATED)
    assert event.patient_code == patient.code


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "", "required"),
        ("first_name", "J0rdan", "letters"),
        ("first_name", "x" * 101, "at most 100"),
        ("date_of_birth", "2999-01-01", "future"),
        ("date_of_birth", "1850-01-01", "year of birth"),
        ("date_of_birth", "17/05/1984", "valid date"),
        ("phone", "call me", "phone number"),
        ("phone", "123", "phone number"),
        ("email", "not-an-email", "valid email"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_saved(
    nurse_client: Client, plano: Location, field: str, value: str, message: str
) -> None:
    data = {**VALID, "home_location": plano.pk, field: value}
    response = nurse_client.post(reverse("chart:patient_create"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Patient.objects.count() == 0
    assert not AuditEvent.objects.filter(action=Action.PATIENT_CREATED).exists()


def test_a_location_outside_yours_cannot_be_chosen(nurse_client: Client, frisco: Location) -> None:
    response = nurse_client.post(
        reverse("chart:patient_create"), {**VALID, "home_location": frisco.pk}
    )
    assert response.status_code == 400
    assert Patient.objects.count() == 0


@pytest.mark.parametrize(
    "same",
    [
        {"last_name": "o'neill-avery", "date_of_birth": "1984-05-17", "email": "", "phone": ""},
        {
            "last_name": "Other",
            "date_of_birth": "1990-01-01",
            "email": "JORDAN.avery@example.org",
            "phone": "",
        },
        {"last_name": "Other", "date_of_birth": "1990-01-01", "email": "", "phone": "214-555-0142"},
    ],
)
def test_duplicates_are_found_through_the_blind_index(
    nurse_client: Client, plano: Location, same: dict[str, str]
) -> None:
    nurse_client.post(reverse("chart:patient_create"), {**VALID, "home_location": plano.pk})
    response = nurse_client.post(
        reverse("chart:patient_create"), {**VALID, **same, "home_location": plano.pk}
    )
    assert response.status_code == 400
    assert b"already knows" in response.content
    assert Patient.objects.count() == 1
    confirmed = nurse_client.post(
        reverse("chart:patient_create"),
        {**VALID, **same, "home_location": plano.pk, "not_a_duplicate": "on"},
    )
    assert confirmed.status_code == 302
    assert Patient.objects.count() == 2


@pytest.mark.parametrize(
    "same",
    [
        {},  # last name and date of birth
        {"last_name": "Different", "email": "jordan.avery@example.org"},
        {"last_name": "Different", "phone": "214-555-0142"},
    ],
)
def test_duplicates_elsewhere_are_not_revealed_but_sent_for_review(
    nurse_client: Client, plano: Location, frisco: Location, same: dict[str, str]
) -> None:
    """A Plano nurse learns nothing of a Frisco record (the page is exactly as for a new
    person); the possible duplicate goes to the audit trail for the owner to review."""
    elsewhere = make_patient(
        frisco,
        first_name="Hiddenname",
        last_name="O'Neill-Avery",
        email="jordan.avery@example.org",
        phone="(214) 555-0142",
    )
    response = nurse_client.post(
        reverse("chart:patient_create"), {**VALID, **same, "home_location": plano.pk}
    )
    assert response.status_code == 302
    page = nurse_client.get(response["Location"]).content
    for hint in (b"Hiddenname", b"outside yours", b"already knows", b"Frisco", b"duplicate"):
        assert hint not in page
    created = Patient.objects.exclude(pk=elsewhere.pk).get()
    event = AuditEvent.objects.get(action=Action.PATIENT_DUPLICATE_SUSPECTED)
    assert event.patient_code == created.code
    assert event.details == {"needs_review": True, "matches": [str(elsewhere.code)]}


def test_edit_records_which_fields_changed_but_not_their_values(
    nurse_client: Client, plano: Location
) -> None:
    patient = make_patient(plano, first_name="Jordan", last_name="Avery", phone="(214) 555-0100")
    url = reverse("chart:patient_edit", kwargs={"code": patient.code})
    data = {
        "first_name": "Jordan",
        "last_name": "Avery",
        "date_of_birth": "1984-05-17",
        "phone": "(214) 555-0199",
        "email": "",
        "home_location": plano.pk,
    }
    assert nurse_client.post(url, data).status_code == 302
    patient.refresh_from_db()
    assert patient.phone == "(214) 555-0199"
    event = AuditEvent.objects.get(action=Action.PATIENT_UPDATED)
    assert event.details == {"fields": ["phone"]}


def test_search_by_any_part_of_a_name_phone_birth_date_or_an_exact_email(
    nurse_client: Client, plano: Location, frisco: Location
) -> None:
    """Issue 11, point 16: first names, parts of names, the end of a phone number and a
    birth date alone all find the record; only records of the person's locations."""
    make_patient(
        plano,
        first_name="Findme",
        last_name="Avery-Delgado",
        email="find@example.org",
        phone="(214) 555-0111",
        date_of_birth=dt.date(1984, 5, 17),
    )
    make_patient(
        plano,
        first_name="Notme",
        last_name="Other",
        phone="(972) 555-0199",
        date_of_birth=dt.date(1990, 1, 2),
    )
    make_patient(frisco, first_name="Findme", last_name="Elsewhere")
    url = reverse("chart:patient_list")
    for typed in (
        "findme",
        "Find",
        "delg",
        "avery delgado",
        "FI AV",  # the starts of two words
        "0111",
        "214.555.0111",
        "1984-05-17",
        "5/17/1984",
        "FIND@example.org",
        "very 0111",
    ):
        body = nurse_client.post(url, {"q": typed}).content.decode()
        assert "Findme" in body, typed
        assert "Notme" not in body, typed
        assert "Elsewhere" not in body, typed
    for typed in ("delgadoz", "0112", "1984-05-18", "me av"):
        body = nurse_client.post(url, {"q": typed}).content.decode()
        assert "Findme" not in body, typed
        assert "No patient at your locations matches that." in body
    for refused in ("", "   ", "12", "2026-02-30", "\x00"):
        response = nurse_client.post(url, {"q": refused})
        assert response.status_code == 400, refused
    event = AuditEvent.objects.filter(action=Action.PATIENT_SEARCHED).latest("pk")
    assert "q" not in event.details
    assert "delg" not in str(event.details)


def test_search_terms_in_a_url_are_ignored(nurse_client: Client, plano: Location) -> None:
    """Terms never travel in a URL (proxy logs, browser history): a query string is not a
    search, and is not recorded as one."""
    make_patient(plano, first_name="Findme", last_name="Avery", email="find@example.org")
    make_patient(plano, first_name="Notme", last_name="Other")
    response = nurse_client.get(reverse("chart:patient_list"), {"email": "find@example.org"})
    assert response.status_code == 200
    assert b"Notme" in response.content  # the plain list, not a search
    assert b'method="post"' in response.content
    assert not AuditEvent.objects.filter(action=Action.PATIENT_SEARCHED).exists()


def test_a_record_of_another_location_offers_emergency_access_to_clinicians(
    plano: Location, nurse: User, front_desk: User
) -> None:
    from clinic.locations.tests.factories import make_location

    elsewhere = make_patient(make_location(name="Frisco", slug="frisco"))
    for user, offered in ((nurse, True), (front_desk, False)):
        client = Client()
        client.force_login(user)
        for code in (elsewhere.code, uuid.uuid4()):  # a real record or none: the same page
            response = client.get(f"/patients/{code}/")
            assert response.status_code == 404
            page = response.content.decode()
            assert elsewhere.last_name not in page
            assert (f"/patients/{code}/emergency-access/" in page) is offered
