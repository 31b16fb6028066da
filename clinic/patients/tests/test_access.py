"""Who reaches which patient record: in scope, out of scope (404, nothing leaks), break-glass."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.accounts.tests.factories import make_user
from clinic.audit.models import Action, AuditEvent
from clinic.core import clock
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.patients.tests.factories import make_patient

pytestmark = pytest.mark.django_db

SECRET_NAME = "Quillonbert"


@pytest.fixture
def far_patient(frisco: Location) -> Patient:
    """A patient at a location none of the personas work at."""
    return make_patient(
        frisco, first_name=SECRET_NAME, last_name="Faraway", email="far@example.org"
    )


@pytest.fixture
def near_patient(plano: Location, patient_user: User) -> Patient:
    return make_patient(plano, first_name="Nearby", user=patient_user)


def _object_urls(patient: Patient) -> list[str]:
    return [
        reverse("chart:patient_detail", kwargs={"code": patient.code}),
        reverse("chart:patient_edit", kwargs={"code": patient.code}),
    ]


@pytest.mark.parametrize("role", list(Role))
def test_out_of_scope_records_answer_404_and_leak_nothing(
    role: Role, personas: dict[Role, User], far_patient: Patient
) -> None:
    client = Client()
    client.force_login(personas[role])
    for url in _object_urls(far_patient):
        for response in (client.get(url), client.post(url, {"first_name": "X"})):
            assert response.status_code == 404, (role, url)
            body = response.content.decode()
            assert SECRET_NAME not in body
            assert "Faraway" not in body
            assert "far@example.org" not in body
    assert AuditEvent.objects.filter(action=Action.ACCESS_DENIED).count() >= 2
    assert not AuditEvent.objects.filter(
        action=Action.PATIENT_VIEWED, patient_code=far_patient.code
    ).exists()
    listing = client.get(reverse("chart:patient_list"))
    assert SECRET_NAME.encode() not in listing.content


def test_an_unknown_code_answers_exactly_like_an_out_of_scope_one(
    nurse: User, far_patient: Patient
) -> None:
    client = Client()
    client.force_login(nurse)
    hidden = client.get(reverse("chart:patient_detail", kwargs={"code": far_patient.code}))
    unknown = client.get(
        reverse("chart:patient_detail", kwargs={"code": "00000000-0000-4000-8000-000000000001"})
    )
    assert hidden.status_code == unknown.status_code == 404

    def without_nonce(body: bytes) -> bytes:
        """The per-response CSP nonce and CSRF mask differ on every page, and each page's
        emergency-access link carries the code that was asked for."""
        body = re.sub(rb'nonce="[^"]+"', b"", body)
        body = body.replace(str(far_patient.code).encode(), b"CODE")
        body = body.replace(b"00000000-0000-4000-8000-000000000001", b"CODE")
        return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", body)

    assert without_nonce(hidden.content) == without_nonce(unknown.content)


@pytest.mark.parametrize("role", [Role.PRESCRIBER, Role.NURSE, Role.FRONT_DESK])
def test_staff_reach_patients_at_their_locations(
    role: Role, personas: dict[Role, User], near_patient: Patient
) -> None:
    client = Client()
    client.force_login(personas[role])
    for url in _object_urls(near_patient):
        response = client.get(url)
        assert response.status_code == 200
        assert b"Nearby" in response.content


def test_owner_alone_is_not_a_clinical_user(owner: User, near_patient: Patient) -> None:
    client = Client()
    client.force_login(owner)
    assert client.get(_object_urls(near_patient)[0]).status_code == 404
    assert client.get(reverse("chart:patient_list")).status_code == 403


def test_a_patient_sees_only_their_own_record(
    patient_user: User, near_patient: Patient, far_patient: Patient, plano: Location
) -> None:
    other = make_patient(plano, first_name="Someoneelse")
    client = Client()
    client.force_login(patient_user)
    mine = client.get(reverse("patients:my_record"))
    assert b"Nearby" in mine.content
    assert b"Someoneelse" not in mine.content
    for patient in (near_patient, other, far_patient):
        assert client.get(_object_urls(patient)[0]).status_code == 404


def test_a_patient_without_a_linked_record_sees_a_kind_message() -> None:
    user = make_user(Role.PATIENT, mfa=False)
    client = Client()
    client.force_login(user)
    response = client.get(reverse("patients:my_record"))
    assert response.status_code == 200
    assert b"not linked to a record yet" in response.content


def test_break_glass_needs_a_reason_expires_after_an_hour_and_is_flagged(
    nurse: User, far_patient: Patient
) -> None:
    client = Client()
    client.force_login(nurse)
    url = reverse("chart:break_glass", kwargs={"code": far_patient.code})
    detail = _object_urls(far_patient)[0]

    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "because"}).status_code == 400  # too short to explain
    assert client.get(detail).status_code == 404

    start = clock.now()
    response = client.post(url, {"reason": "Covering the Frisco clinic today; patient is here."})
    assert response.status_code == 302
    assert client.get(detail).status_code == 200
    event = AuditEvent.objects.get(action=Action.BREAK_GLASS)
    assert event.details["needs_review"] is True
    assert event.patient_code == far_patient.code
    assert "Covering" not in str(event.details)  # the reason is kept encrypted, not in the trail

    with time_machine.travel(start + dt.timedelta(minutes=59), tick=False):
        client.force_login(nurse)
        assert client.get(detail).status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=61), tick=False):
        client.force_login(nurse)
        assert client.get(detail).status_code == 404


def test_front_desk_cannot_break_glass(front_desk: User, far_patient: Patient) -> None:
    client = Client()
    client.force_login(front_desk)
    url = reverse("chart:break_glass", kwargs={"code": far_patient.code})
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "I would like to see this one please."}).status_code == 404


def _grant(client: Client, patient: Patient) -> None:
    url = reverse("chart:break_glass", kwargs={"code": patient.code})
    response = client.post(url, {"reason": "Covering the Frisco clinic today; patient is here."})
    assert response.status_code == 302


def _edit_data(patient: Patient, location: Location) -> dict[str, object]:
    return {
        "first_name": patient.first_name,
        "last_name": patient.last_name,
        "date_of_birth": patient.date_of_birth,
        "phone": patient.phone,
        "email": patient.email,
        "home_location": location.pk,
    }


def test_emergency_access_cannot_move_the_record_into_its_own_scope(
    prescriber: User, plano: Location, frisco: Location, far_patient: Patient
) -> None:
    """A Plano prescriber with a one-hour grant on a Frisco patient cannot make the record
    Plano's: the Frisco nurse keeps her patient, and the grant still ends after an hour."""
    frisco_nurse = make_user(Role.NURSE, locations=[frisco], full_name="Fran Frisco")
    client = Client()
    client.force_login(prescriber)
    _grant(client, far_patient)
    edit = reverse("chart:patient_edit", kwargs={"code": far_patient.code})
    assert str(plano.pk) not in re.findall(r'<option value="(\d+)"', client.get(edit).text)

    response = client.post(edit, _edit_data(far_patient, plano))
    assert response.status_code == 400
    far_patient.refresh_from_db()
    assert far_patient.home_location_id == frisco.pk

    other = Client()
    other.force_login(frisco_nurse)
    assert other.get(_object_urls(far_patient)[0]).status_code == 200
    with time_machine.travel(clock.now() + dt.timedelta(minutes=61), tick=False):
        client.force_login(prescriber)
        assert client.get(_object_urls(far_patient)[0]).status_code == 404


def test_the_service_refuses_a_move_by_someone_without_ordinary_scope(
    prescriber: User, plano: Location, frisco: Location, far_patient: Patient
) -> None:
    """The guarantee holds below the form: the write itself refuses."""
    from clinic.patients import services
    from clinic.patients.forms import PatientForm

    form = PatientForm(
        _edit_data(far_patient, plano), locations=Location.objects.filter(pk=plano.pk)
    )
    assert form.is_valid(), form.errors
    with pytest.raises(services.ScopeChangeRefused):
        services.patient_update(patient=far_patient, details=form.details(), actor=prescriber)
    far_patient.refresh_from_db()
    assert far_patient.home_location_id == frisco.pk


def test_own_staff_can_still_move_a_record_between_their_locations(
    plano: Location, frisco: Location, far_patient: Patient
) -> None:
    both = make_user(Role.NURSE, locations=[plano, frisco], full_name="Bea Both")
    client = Client()
    client.force_login(both)
    edit = reverse("chart:patient_edit", kwargs={"code": far_patient.code})
    assert client.post(edit, _edit_data(far_patient, plano)).status_code == 302
    far_patient.refresh_from_db()
    assert far_patient.home_location_id == plano.pk


def test_the_access_helpers_answer_every_role_directly(
    nurse: User, owner: User, patient_user: User, near_patient: Patient, far_patient: Patient
) -> None:
    """The helpers themselves, below the views: staff by location, a patient their own record
    (read only), anyone else nothing."""
    from clinic.patients import access

    assert set(access.patients_visible_to(nurse)) == {near_patient}
    assert list(access.patients_visible_to(patient_user)) == [near_patient]
    assert not access.patients_visible_to(patient_user, write=True).exists()
    assert not access.patients_visible_to(owner).exists()
    assert access.get_own_record(patient_user) == near_patient
    assert access.get_own_record(nurse) is None
    assert access.patient_exists(far_patient.code) == far_patient
