"""The prescriber orders a course from the chart: signed with consent and eligibility in
place, or refused in words; only prescribers reach the form; another location gets 404;
the chart lists the plans for clinicians only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.accounts.tests.factories import make_user
from clinic.core import clock
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.patients.tests.factories import make_patient
from clinic.treatments.models import TreatmentPlan
from clinic.treatments.tests.test_plans import _ready

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient(plano: Location) -> Patient:
    return make_patient(plano, first_name="Course", last_name="Order")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


ORDER = {
    "route": "iv",
    "phase": "induction",
    "sessions": "6",
    "per_week": "2",
    "start_mg_per_kg": "0.5",
    "step_mg_per_kg": "0.25",
    "max_mg_per_kg": "1.0",
    "minutes": "40",
}


def test_a_prescriber_orders_an_iv_course(patient: Patient, prescriber: User, nurse: User) -> None:
    _ready(patient, prescriber)
    client = _client(prescriber)
    url = f"/patients/{patient.code}/plans/new/"
    page = client.get(url).content.decode()
    assert "IV ketamine" in page
    until = (clock.today() + dt.timedelta(days=60)).isoformat()
    response = client.post(url, ORDER | {"valid_until": until}, follow=True)
    assert "Treatment plan signed." in response.content.decode()
    plan = TreatmentPlan.objects.get()
    assert (plan.route, plan.sessions, plan.minutes) == ("iv", 6, 40)
    chart = _client(nurse).get(f"/patients/{patient.code}/").content.decode()
    assert "<strong>IV ketamine</strong>, induction: 6 sessions" in chart


def test_without_eligibility_the_refusal_is_in_words_and_nothing_is_signed(
    patient: Patient, prescriber: User
) -> None:
    until = (clock.today() + dt.timedelta(days=60)).isoformat()
    response = _client(prescriber).post(
        f"/patients/{patient.code}/plans/new/", ORDER | {"valid_until": until}
    )
    assert response.status_code == 400
    assert "or your written reason to go ahead" in response.content.decode()
    assert not TreatmentPlan.objects.exists()


def test_only_prescribers_of_the_location_reach_the_form(
    frisco: Location, patient: Patient, nurse: User, front_desk: User
) -> None:
    url = f"/patients/{patient.code}/plans/new/"
    for user in (nurse, front_desk, make_user(Role.PRESCRIBER, locations=[frisco])):
        assert _client(user).get(url).status_code == 404
    chart = _client(front_desk).get(f"/patients/{patient.code}/").content.decode()
    assert "Treatment plans" not in chart


def test_book_this_course_proposes_the_plans_sessions(
    plano: Location, patient: Patient, prescriber: User, front_desk: User
) -> None:
    from decimal import Decimal

    from clinic.scheduling.tests.factories import standard_types
    from clinic.treatments.selectors import course_shape

    standard_types()
    _ready(patient, prescriber)
    until = (clock.today() + dt.timedelta(days=60)).isoformat()
    _client(prescriber).post(f"/patients/{patient.code}/plans/new/", ORDER | {"valid_until": until})
    shape = course_shape(patient)
    assert shape is not None
    assert (shape.count, shape.weeks, shape.min_gap_days, shape.appointment_slug) == (
        6,
        3,
        3,
        "iv-ketamine-infusion",
    )
    assert shape.label == "6 sessions of IV ketamine, 2 a week"
    page = _client(front_desk).get(f"/schedule/series/?patient={patient.code}").content.decode()
    assert "From the treatment plan: 6 sessions of IV ketamine, 2 a week." in page
    assert 'name="weeks" value="3"' in page
    assert 'name="min_gap_days" value="3"' in page
    kinds = standard_types()
    assert f'<option value="{kinds["iv-ketamine-infusion"].pk}" selected>' in page
    assert Decimal(2) == TreatmentPlan.objects.get().per_week


def test_without_a_plan_the_series_page_is_as_before(
    plano: Location, patient: Patient, front_desk: User
) -> None:
    page = _client(front_desk).get(f"/schedule/series/?patient={patient.code}").content.decode()
    assert "From the treatment plan" not in page
