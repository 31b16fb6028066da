"""Interventions and adverse events during a session, and addenda to a signed note: each
refusal in the service, in words; a double submission stored once; a signed note is never
changed, only added to."""

from __future__ import annotations

import uuid

import pytest

from clinic.accounts.models import User
from clinic.audit.models import AuditEvent
from clinic.core import clock
from clinic.locations.models import Location
from clinic.patients.tests.factories import make_patient
from clinic.scheduling.tests.factories import make_booking
from clinic.treatments import events
from clinic.treatments.models import SessionAddendum, SessionEvent, TreatmentSession
from clinic.treatments.sessions import SessionRefused
from clinic.treatments.tests.factories import make_plan, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(plano: Location, nurse: User, prescriber: User) -> TreatmentSession:
    patient = make_patient(plano, first_name="Event")
    plan = make_plan(patient, prescriber)
    return make_session(
        plan,
        make_booking(plano, patient),
        nurse,
        phase=TreatmentSession.Phase.RUNNING,
        dose=True,
        started_at=clock.now(),
    )


def test_an_intervention_is_stored_once_per_key(running: TreatmentSession, nurse: User) -> None:
    key = uuid.uuid4()
    for _ in range(2):
        events.event_record(
            session=running, kind="intervention", what="Ondansetron 4 mg IV", key=key, actor=nurse
        )
    event = SessionEvent.objects.get()
    assert (event.what, event.severity) == ("Ondansetron 4 mg IV", "")
    assert AuditEvent.objects.filter(action="session_event_recorded").count() == 1


@pytest.mark.parametrize(
    ("kind", "what", "severity", "message"),
    [
        ("adverse", "Vomiting", "", "how severe"),
        ("adverse", "Vomiting", "fatal", "how severe"),
        ("other", "x", "", "intervention or an adverse event"),
        ("intervention", "   ", "", "Write what was given"),
        ("intervention", "x" * 2001, "", "too long"),
        ("intervention", "a\x00b", "", "unusual character"),
    ],
)
def test_events_that_cannot_be_stored_are_refused_in_words(
    running: TreatmentSession, nurse: User, kind: str, what: str, severity: str, message: str
) -> None:
    with pytest.raises(SessionRefused, match=message):
        events.event_record(
            session=running, kind=kind, what=what, severity=severity, key=uuid.uuid4(), actor=nurse
        )
    assert SessionEvent.objects.count() == 0


def test_front_desk_cannot_record(running: TreatmentSession, front_desk: User) -> None:
    with pytest.raises(SessionRefused, match="nurse or prescriber"):
        events.event_record(
            session=running, kind="intervention", what="x", key=uuid.uuid4(), actor=front_desk
        )


def test_a_signed_note_takes_addenda_not_events(
    running: TreatmentSession, nurse: User, prescriber: User
) -> None:
    with pytest.raises(SessionRefused, match="once the note is signed"):
        events.addendum_add(session=running, text="Too early", actor=nurse)
    TreatmentSession.objects.filter(pk=running.pk).update(
        phase=TreatmentSession.Phase.DISCHARGED,
        nurse_signed_at=clock.now(),
        nurse_signed_by=nurse,
        prescriber_signed_at=clock.now(),
        prescriber_signed_by=prescriber,
    )
    with pytest.raises(SessionRefused, match="add an addendum"):
        events.event_record(
            session=running,
            kind="adverse",
            what="Late headache",
            severity="mild",
            key=uuid.uuid4(),
            actor=nurse,
        )
    with pytest.raises(SessionRefused, match="Write the addendum"):
        events.addendum_add(session=running, text=" ", actor=nurse)
    events.addendum_add(session=running, text="Headache next day, settled.", actor=prescriber)
    assert SessionAddendum.objects.get().text == "Headache next day, settled."
