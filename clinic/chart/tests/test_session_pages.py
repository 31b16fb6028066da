"""The session chart at the chair through its pages: check-in from the booking, each step
posted to the one page and saved, refusals shown in words with a 400 and nothing stored,
front desk and another location's staff get 404, and every view is in the audit trail."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import pytest
import time_machine
from django.core import mail
from django.test import Client

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.accounts.tests.factories import make_user
from clinic.audit.models import AuditEvent
from clinic.core import clock
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.patients.tests.factories import make_patient
from clinic.scheduling.models import Booking
from clinic.scheduling.tests.factories import make_booking
from clinic.treatments.models import (
    ClinicalSettings,
    Dose,
    SessionAddendum,
    SessionEvent,
    TreatmentSession,
    VitalAlert,
    VitalReading,
)
from clinic.treatments.tests.factories import make_plan

pytestmark = pytest.mark.django_db

CHECKS = {
    "step": "checks",
    "identity_confirmed": "on",
    "fasting": "on",
    "escort_name": "Luis Reyes",
    "weight": "70",
    "weight_unit": "kg",
    "systolic": "124",
    "diastolic": "80",
    "pulse": "70",
    "spo2": "98",
}


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def patient(plano: Location) -> Patient:
    return make_patient(plano, first_name="Tablet", last_name="Chair")


@pytest.fixture
def booking(plano: Location, patient: Patient) -> Iterator[Booking]:
    made = make_booking(plano, patient)
    with time_machine.travel(made.starts_at - dt.timedelta(minutes=5), tick=False):
        yield made


@pytest.fixture
def second_nurse(plano: Location) -> User:
    return make_user(Role.NURSE, locations=[plano], full_name="Nora Second")


def _checked_in(booking: Booking, nurse: User) -> tuple[Client, str]:
    client = _client(nurse)
    response = client.post(f"/schedule/{booking.code}/check-in/")
    assert response.status_code == 302
    session = TreatmentSession.objects.get(booking=booking)
    assert response["Location"] == f"/sessions/{session.code}/"
    return client, response["Location"]


def _reading(client: Client, url: str, **values: str) -> str:
    data = {"step": "reading", "key": str(uuid.uuid4())} | values
    return client.post(url, data, follow=True).content.decode()


def test_a_whole_iv_session_through_the_pages(
    booking: Booking,
    patient: Patient,
    nurse: User,
    second_nurse: User,
    prescriber: User,
) -> None:
    make_plan(patient, prescriber)
    client, url = _checked_in(booking, nurse)
    assert "Before the session" in client.get(url).content.decode()
    page = client.post(url, CHECKS | {"key": str(uuid.uuid4())}, follow=True).content.decode()
    assert "Checks saved: Proceed." in page
    assert "Prepare the dose" in page
    page = client.post(
        url,
        {
            "step": "prepare",
            "lot": "KET-2291",
            "expires_on": (clock.today() + dt.timedelta(days=200)).isoformat(),
            "mg_per_kg": "0.50",
            "concentration": "10",
            "diluent_ml": "96.5",
        },
        follow=True,
    ).content.decode()
    assert "Dose prepared: 35.0 mg" in page
    assert "150.0 mL/h" in page  # (3.5 + 96.5) mL over 40 min
    # the one who prepared it cannot check it: the button is not offered, the post refused
    assert "I have checked this dose" not in page
    refused = client.post(url, {"step": "check_dose"})
    assert refused.status_code == 400
    assert "someone other than who prepared it" in refused.content.decode()
    second = _client(second_nurse)
    assert "Dose checked." in second.post(url, {"step": "check_dose"}, follow=True).content.decode()
    page = client.post(url, {"step": "start"}, follow=True).content.decode()
    assert "Dose started at" in page
    with time_machine.travel(clock.now() + dt.timedelta(minutes=10), tick=False):
        client.force_login(nurse)  # the idle sign-out would otherwise end the session
        page = _reading(client, url, systolic="186", diastolic="100", pulse="88", spo2="97")
        assert "Out of range: acknowledge the alert below." in page
        alert = VitalAlert.objects.get()
        page = client.post(
            url,
            {"step": "acknowledge", "alert": str(alert.code), "action": "paused", "note": "Paused"},
            follow=True,
        ).content.decode()
        assert "Alert acknowledged." in page
        key = str(uuid.uuid4())
        event = {"step": "event", "key": key, "kind": "intervention", "what": "Labetalol 10 mg IV"}
        client.post(url, event)
        client.post(url, event)  # sent twice: stored once
        assert SessionEvent.objects.count() == 1
    with time_machine.travel(clock.now() + dt.timedelta(minutes=42), tick=False):
        client.force_login(nurse)
        page = client.post(
            url, {"step": "stop", "given_mg": "35", "waste_mg": "0"}, follow=True
        ).content.decode()
        assert "recovery begun" in page
        _reading(client, url, systolic="130", diastolic="82", pulse="72", spo2="98")
        page = client.post(
            url,
            {
                "step": "discharge",
                "alert_and_oriented": "on",
                "walking_steadily": "on",
                "escort_present": "Luis Reyes",
                "instructions_given": "on",
            },
            follow=True,
        ).content.decode()
        assert "Patient discharged." in page
    assert "Note signed." in client.post(url, {"step": "sign"}, follow=True).content.decode()
    page = _client(prescriber).post(url, {"step": "sign"}, follow=True).content.decode()
    assert "Note signed and locked." in page
    assert TreatmentSession.objects.get().is_locked
    page = (
        _client(prescriber)
        .post(url, {"step": "addendum", "text": "Called next day: well."}, follow=True)
        .content.decode()
    )
    assert "Called next day: well." in page
    assert SessionAddendum.objects.count() == 1
    # the course at a glance shows the session with its BP peak and intervention
    course = _client(prescriber).get(f"/plans/{TreatmentSession.objects.get().plan.code}/")
    text = course.content.decode()
    assert "186/100" in text
    assert "Labetalol 10 mg IV" in text
    views = AuditEvent.objects.filter(action="session_viewed", patient_code=patient.code)
    assert views.exists()


def test_a_refused_step_keeps_what_was_typed_and_stores_nothing(
    booking: Booking, patient: Patient, nurse: User, prescriber: User
) -> None:
    make_plan(patient, prescriber)
    client, url = _checked_in(booking, nurse)
    response = client.post(url, CHECKS | {"key": str(uuid.uuid4()), "weight": "0"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Not saved" in page
    assert 'value="Luis Reyes"' in page  # what was typed is still there
    assert VitalReading.objects.count() == 0
    assert client.post(url, {"step": "launch"}).status_code == 400
    assert client.post(url, {"step": "reading", "systolic": "abc"}).status_code == 400


def test_a_high_baseline_waits_for_the_prescriber(
    booking: Booking, patient: Patient, nurse: User, prescriber: User
) -> None:
    make_plan(patient, prescriber)
    client, url = _checked_in(booking, nurse)
    page = client.post(
        url, CHECKS | {"key": str(uuid.uuid4()), "systolic": "150"}, follow=True
    ).content.decode()
    assert "Prescriber must approve" in page
    assert "Waiting for a prescriber" in page
    assert "Prepare the dose" not in page
    doctor = _client(prescriber)
    assert "Approve going ahead" in doctor.get(url).content.decode()
    approved = doctor.post(url, {"step": "approve", "reason": "Anxious; rechecked"}, follow=True)
    assert "Prepare the dose" in approved.content.decode()


def test_phq9_item_9_starts_the_safety_path(
    booking: Booking, patient: Patient, nurse: User, prescriber: User
) -> None:
    make_plan(patient, prescriber)
    client, url = _checked_in(booking, nurse)
    answers = {f"phq9_{n}": "1" for n in range(1, 10)}
    page = client.post(
        url, CHECKS | answers | {"key": str(uuid.uuid4())}, follow=True
    ).content.decode()
    assert "Safety: PHQ-9 question 9 answered above 0" in page
    assert "Prescriber must approve" in page
    urgent = [m for m in mail.outbox if "needs a clinician now" in m.subject]
    assert urgent
    assert "Tablet" not in urgent[0].body


def test_the_owner_s_lines_move_the_decision(
    booking: Booking, patient: Patient, nurse: User, prescriber: User
) -> None:
    make_plan(patient, prescriber)
    ClinicalSettings.objects.create(hold_systolic=120)
    client, url = _checked_in(booking, nurse)
    page = client.post(url, CHECKS | {"key": str(uuid.uuid4())}, follow=True).content.decode()
    assert "Prescriber must approve" in page  # 124 is at or above the clinic's 120


def test_front_desk_and_another_location_get_404(
    booking: Booking,
    patient: Patient,
    nurse: User,
    prescriber: User,
    front_desk: User,
    frisco: Location,
) -> None:
    make_plan(patient, prescriber)
    _, url = _checked_in(booking, nurse)
    elsewhere = make_user(Role.NURSE, locations=[frisco], full_name="Far Away")
    for user in (front_desk, elsewhere):
        client = _client(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"step": "sign"}).status_code == 404
        assert client.get(url + "aftercare/").status_code == 404
    assert _client(front_desk).post(f"/schedule/{booking.code}/check-in/").status_code == 404
    assert _client(front_desk).get("/sessions/").status_code == 403
    plan = TreatmentSession.objects.get().plan
    assert _client(elsewhere).get(f"/plans/{plan.code}/").status_code == 404
    assert Dose.objects.count() == 0


def test_running_sessions_list_alerts_first(
    booking: Booking, patient: Patient, nurse: User, prescriber: User
) -> None:
    make_plan(patient, prescriber)
    _checked_in(booking, nurse)
    page = _client(prescriber).get("/sessions/").content.decode()
    assert "Tablet Chair" in page
    assert "Checked in" in page


def test_aftercare_is_printed_or_emailed_without_the_chart(
    booking: Booking, patient: Patient, nurse: User, prescriber: User
) -> None:
    make_plan(patient, prescriber)
    client, url = _checked_in(booking, nurse)
    page = client.get(url + "aftercare/").content.decode()
    assert "Do not drive" in page
    patient.email = "tablet.chair@example.org"
    patient.save()
    for _ in range(2):  # asked twice: sent once
        done = client.post(url + "aftercare/", follow=True).content.decode()
        assert "on their way" in done
    sent = [m for m in mail.outbox if m.to == ["tablet.chair@example.org"]]
    assert len(sent) == 1
    body = f"{sent[0].subject}\n{sent[0].body}"
    assert "Do not drive" in body
    for detail in ("Chair", "ketamine", "mg", "PHQ"):  # no surname, treatment, dose or score
        assert detail not in body
    assert AuditEvent.objects.filter(action="aftercare_sent").count() == 1
