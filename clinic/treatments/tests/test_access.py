"""Sessions and plans are reached only by clinicians of the patient's location (or with
emergency access); front desk, owners, patients and other locations get 404, as for a code
that does not exist."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import time_machine
from django.http import Http404

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.accounts.tests.factories import make_user
from clinic.locations.models import Location
from clinic.patients.tests.factories import make_patient
from clinic.scheduling.tests.factories import make_booking
from clinic.treatments import access, sessions
from clinic.treatments.tests.test_session_flow import _ready

pytestmark = pytest.mark.django_db


def test_clinicians_of_the_location_reach_sessions_and_plans_and_no_one_else(
    plano: Location,
    frisco: Location,
    prescriber: User,
    nurse: User,
    front_desk: User,
    owner: User,
    patient_user: User,
) -> None:
    patient = make_patient(plano, first_name="Reach", last_name="Me", user=patient_user)
    plan = _ready(patient, prescriber)
    booking = make_booking(plano, patient)
    with time_machine.travel(booking.starts_at - dt.timedelta(minutes=20), tick=False):
        session = sessions.session_check_in(booking=booking, actor=nurse)
    for allowed in (nurse, prescriber):
        assert access.session_for_user(allowed, session.code, write=True) == session
        assert access.plan_for_user(allowed, plan.code) == plan
    elsewhere = make_user(Role.NURSE, locations=[frisco])
    for denied in (front_desk, owner, patient_user, elsewhere):
        with pytest.raises(Http404):
            access.session_for_user(denied, session.code)
        with pytest.raises(Http404):
            access.plan_for_user(denied, plan.code)
    for missing in (access.session_for_user, access.plan_for_user):
        with pytest.raises(Http404):
            missing(nurse, uuid.uuid4())


def test_running_sessions_are_listed_only_for_clinicians_and_their_locations(
    plano: Location, frisco: Location, nurse: User, front_desk: User
) -> None:
    from clinic.treatments.access import session_locations

    assert list(session_locations(nurse)) == [plano]
    assert list(session_locations(front_desk)) == []
