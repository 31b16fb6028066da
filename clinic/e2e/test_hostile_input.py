"""Hostile input to every form and to sign-in: never a 500, never database error text, never
rendered unescaped."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from clinic.accounts.models import User
from clinic.core.models import RateCounter
from clinic.e2e.hostile import LEAK_MARKERS, ONE_AT_A_TIME, corpus, escaped_or_absent
from clinic.enquiries.models import Enquiry
from clinic.intake.models import DiagnosisCode
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.patients.tests.factories import make_patient
from clinic.scheduling.models import Booking

pytestmark = pytest.mark.django_db

CORPUS = corpus()


@dataclass(frozen=True)
class FormCase:
    """One form of the project: where it is, how it is sent, and who sends it."""

    name: str
    method: str
    url: Callable[[dict[str, Any]], str]
    fields: tuple[str, ...]
    persona: str  # "anonymous" or a fixture name
    extra: Callable[[dict[str, Any]], dict[str, Any]] = lambda ctx: {}


FORMS = [
    FormCase("sign-in", "post", lambda c: "/accounts/login/", ("login", "password"), "anonymous"),
    FormCase(
        "password reset", "post", lambda c: "/accounts/password/reset/", ("email",), "anonymous"
    ),
    FormCase(
        "patient create",
        "post",
        lambda c: "/patients/new/",
        ("first_name", "last_name", "date_of_birth", "phone", "email", "home_location"),
        "nurse",
    ),
    FormCase(
        "patient edit",
        "post",
        lambda c: f"/patients/{c['patient'].code}/edit/",
        ("first_name", "last_name", "date_of_birth", "phone", "email", "home_location"),
        "nurse",
    ),
    FormCase(
        "patient search",
        "post",
        lambda c: "/patients/",
        ("q",),
        "nurse",
    ),
    FormCase(
        "booking finder",
        "post",
        lambda c: "/schedule/book/who/?location=1&day=2026-03-04&at=10:30",
        ("q",),
        "front_desk",
    ),
    FormCase(
        "intake: mental health",
        "post",
        lambda c: f"/intake/{c['intake_token']}/psychiatric/",
        ("psychosis_now", "bipolar", "diagnoses", "notes"),
        "anonymous",
    ),
    FormCase(
        "intake: earlier antidepressants",
        "post",
        lambda c: f"/intake/{c['intake_token']}/trials/",
        ("trials-0-drug", "trials-0-weeks", "trials-0-response", "trials-TOTAL_FORMS"),
        "anonymous",
    ),
    FormCase(
        "intake: weight",
        "post",
        lambda c: f"/intake/{c['intake_token']}/body/",
        ("weight", "weight_unit", "height_cm"),
        "anonymous",
    ),
    FormCase(
        "consent signature",
        "post",
        lambda c: f"/intake/{c['intake_token']}/consent/{c['document'].code}/",
        ("typed_name", "agree"),
        "anonymous",
    ),
    FormCase(
        "desk intake: insurance",
        "post",
        lambda c: f"/patients/{c['intake_patient'].code}/intake/insurance/",
        ("payer", "member_id", "group"),
        "front_desk",
    ),
    FormCase(
        "insurance card at the desk",
        "post",
        lambda c: f"/patients/{c['intake_patient'].code}/intake/insurance-card/",
        ("side",),
        "front_desk",
    ),
    FormCase(
        "intake: insurance with card photos",
        "post",
        lambda c: f"/intake/{c['intake_token']}/insurance/",
        ("payer", "member_id", "group", "front"),
        "anonymous",
    ),
    FormCase(
        "paper consent",
        "post",
        lambda c: f"/patients/{c['intake_patient'].code}/consents/paper/",
        ("document", "signed_on"),
        "front_desk",
    ),
    FormCase(
        "eligibility evaluation",
        "post",
        lambda c: f"/patients/{c['intake_patient'].code}/evaluation/new/",
        ("diagnosis", "adequate_trials", "decision", "routes", "reason", "note", "reevaluate_on"),
        "prescriber",
    ),
    FormCase(
        "treatment plan",
        "post",
        lambda c: f"/patients/{c['intake_patient'].code}/plans/new/",
        ("route", "sessions", "per_week", "valid_until", "start_mg_per_kg", "dose_mg"),
        "prescriber",
    ),
    FormCase(
        "emergency access",
        "post",
        lambda c: f"/patients/{c['far'].code}/emergency-access/",
        ("reason",),
        "prescriber",
    ),
    FormCase(
        "audit search",
        "get",
        lambda c: "/audit/",
        ("patient", "user", "action", "since", "until", "page"),
        "owner",
    ),
    FormCase(
        "emergency access review",
        "post",
        lambda c: "/audit/emergency-access/",
        ("grant",),
        "owner",
    ),
    FormCase(
        "consultation request",
        "post",
        lambda c: "/consultation/",
        (
            "kind",
            "name",
            "phone",
            "email",
            "preferred_location",
            "preferred_times",
            "payment",
            "insurance_payer",
            "insurance_member_id",
            "concerns",
            "message",
            "include_assessment",
            "assessment",
            "consent",
            "website",
            "from_result",
        ),
        "anonymous",
    ),
    FormCase(
        "self-assessment step",
        "post",
        lambda c: "/self-assessment/phq-9/",
        ("action", "current", "answer", "a1", "a2", "a9", "a10"),
        "anonymous",
    ),
    FormCase(
        "requests inbox filter",
        "get",
        lambda c: "/requests/",
        ("status", "location", "urgent"),
        "front_desk",
    ),
    FormCase(
        "request assign",
        "post",
        lambda c: f"/requests/{c['enquiry'].code}/assign/",
        ("assignee",),
        "front_desk",
    ),
    FormCase(
        "request call attempt",
        "post",
        lambda c: f"/requests/{c['enquiry'].code}/call/",
        ("outcome", "note"),
        "front_desk",
    ),
    FormCase(
        "request close",
        "post",
        lambda c: f"/requests/{c['enquiry'].code}/close/",
        ("reason",),
        "front_desk",
    ),
    FormCase(
        "request to patient",
        "post",
        lambda c: f"/requests/{c['enquiry'].code}/convert/",
        ("first_name", "last_name", "date_of_birth", "home_location", "not_a_duplicate"),
        "front_desk",
    ),
    FormCase(
        "newsletter subscribe",
        "post",
        lambda c: "/newsletter/",
        ("email", "consent", "website"),
        "anonymous",
    ),
    FormCase(
        "article comment",
        "post",
        lambda c: f"/learn/{c['article'].slug}/comment/",
        ("name", "email", "body", "website"),
        "anonymous",
    ),
    FormCase(
        "comment moderation",
        "post",
        lambda c: f"/comments/{c['comment'].code}/moderate/",
        ("decision",),
        "front_desk",
    ),
    FormCase(
        "self-booking details",
        "post",
        lambda c: "/book/plano/free-phone-consultation/details/",
        (
            "start",
            "idempotency_key",
            "name",
            "phone",
            "email",
            "payment",
            "insurance_payer",
            "insurance_member_id",
            "concerns",
            "message",
            "consent",
            "website",
        ),
        "anonymous",
    ),
    FormCase(
        "self-booking slots",
        "get",
        lambda c: "/book/plano/free-phone-consultation/",
        ("from",),
        "anonymous",
    ),
    FormCase(
        "cancel from the emailed link",
        "post",
        lambda c: f"/appointments/{c['token']}/",
        ("reason", "note"),
        "anonymous",
    ),
    FormCase(
        "reschedule from the emailed link",
        "post",
        lambda c: f"/appointments/{c['token']}/reschedule/",
        ("start",),
        "anonymous",
    ),
    FormCase(
        "schedule filter",
        "get",
        lambda c: "/schedule/",
        ("location", "day", "view", "resource"),
        "front_desk",
    ),
    FormCase(
        "staff booking",
        "post",
        lambda c: f"/schedule/book/?patient={c['patient'].code}",
        (
            "appointment_type",
            "location",
            "day",
            "start",
            "move",
            "idempotency_key",
            "overlap_reason",
        ),
        "front_desk",
    ),
    FormCase(
        "send a message again",
        "post",
        lambda c: f"/schedule/{c['booking'].code}/resend/",
        ("message",),
        "front_desk",
    ),
    FormCase(
        "series proposal",
        "get",
        lambda c: f"/schedule/series/?patient={c['patient'].code}",
        ("appointment_type", "location", "day", "count", "weeks", "weekdays", "preferred_time"),
        "front_desk",
    ),
    FormCase(
        "booking cancel",
        "post",
        lambda c: f"/schedule/{c['booking'].code}/cancel/",
        ("reason", "note"),
        "front_desk",
    ),
    FormCase(
        "booking attendance",
        "post",
        lambda c: f"/schedule/{c['booking'].code}/attendance/",
        ("status",),
        "front_desk",
    ),
    FormCase("calendar feeds", "post", lambda c: "/schedule/feeds/", ("action", "feed"), "nurse"),
    FormCase("chair board", "get", lambda c: "/schedule/board/", ("location",), "nurse"),
    FormCase(
        "session checks",
        "post",
        lambda c: f"/sessions/{c['sessions']['checked_in'].code}/",
        (
            "step",
            "key",
            "identity_confirmed",
            "fasting",
            "took_today",
            "escort_name",
            "pregnancy_possible",
            "weight",
            "weight_unit",
            "weight_confirmed",
            "systolic",
            "diastolic",
            "pulse",
            "spo2",
            "phq9_9",
        ),
        "nurse",
    ),
    FormCase(
        "session approval",
        "post",
        lambda c: f"/sessions/{c['sessions']['approve'].code}/",
        ("step", "reason"),
        "prescriber",
    ),
    FormCase(
        "session dose",
        "post",
        lambda c: f"/sessions/{c['sessions']['ready'].code}/",
        ("lot", "expires_on", "mg_per_kg", "concentration", "diluent_ml", "override_reason"),
        "nurse",
    ),
    FormCase(
        "session reading",
        "post",
        lambda c: f"/sessions/{c['sessions']['running'].code}/",
        (
            "key",
            "systolic",
            "diastolic",
            "pulse",
            "spo2",
            "respiration",
            "sedation",
            "dissociation",
            "nausea",
            "note",
        ),
        "nurse",
    ),
    FormCase(
        "session alert",
        "post",
        lambda c: f"/sessions/{c['sessions']['running'].code}/",
        ("alert", "action", "note"),
        "nurse",
    ),
    FormCase(
        "session event",
        "post",
        lambda c: f"/sessions/{c['sessions']['running'].code}/",
        ("key", "kind", "what", "severity", "outcome", "reported_to"),
        "nurse",
    ),
    FormCase(
        "session stop",
        "post",
        lambda c: f"/sessions/{c['sessions']['running'].code}/",
        ("given_mg", "waste_mg"),
        "nurse",
    ),
    FormCase(
        "session discharge",
        "post",
        lambda c: f"/sessions/{c['sessions']['recovering'].code}/",
        (
            "alert_and_oriented",
            "walking_steadily",
            "escort_present",
            "instructions_given",
            "reason_if_not_near_baseline",
        ),
        "nurse",
    ),
    FormCase(
        "session addendum",
        "post",
        lambda c: f"/sessions/{c['sessions']['signed'].code}/",
        ("text",),
        "prescriber",
    ),
]


def _sessions(plano: Location, nurse: User) -> dict[str, Any]:
    """A session at each step the chart's forms post to."""
    from clinic.accounts.policy import Role
    from clinic.accounts.tests.factories import make_user
    from clinic.core import clock
    from clinic.scheduling.tests.factories import make_booking
    from clinic.treatments import readings, vitals
    from clinic.treatments.models import TreatmentSession
    from clinic.treatments.tests.factories import make_plan, make_session

    patient = make_patient(plano, first_name="Chair")
    doctor = make_user(Role.PRESCRIBER, locations=[plano], full_name="Dr Hostile")
    plan = make_plan(patient, doctor)
    phase = TreatmentSession.Phase
    made = {}
    steps: list[tuple[str, dict[str, Any]]] = [
        ("checked_in", {}),
        ("approve", {"phase": phase.READY, "decision": vitals.APPROVE}),
        ("ready", {"phase": phase.READY, "decision": vitals.PROCEED, "weight_kg": 70}),
        ("running", {"phase": phase.RUNNING, "dose": True, "started_at": clock.now()}),
        ("recovering", {"phase": phase.RECOVERING, "dose": True, "started_at": clock.now()}),
        (
            "signed",
            {
                "phase": phase.DISCHARGED,
                "nurse_signed_at": clock.now(),
                "nurse_signed_by": nurse,
                "prescriber_signed_at": clock.now(),
                "prescriber_signed_by": doctor,
            },
        ),
    ]
    for days, (name, fields) in enumerate(steps, start=5):
        booking = make_booking(plano, patient, days_ahead=days)
        made[name] = make_session(plan, booking, nurse, **fields)
    alert = readings.reading_record(
        session=made["running"],
        reading=vitals.Reading(systolic=190, diastolic=100, pulse=80, spo2=97),
        key=uuid.uuid4(),
        actor=nurse,
    ).alerts[0]
    return made | {"alert": alert}


@pytest.fixture
def form_objects(plano: Location, frisco: Location, nurse: User) -> dict[str, Any]:
    from clinic.enquiries.tests.factories import make_enquiry

    enquiry = make_enquiry(plano, name="Target Enquirer")
    from clinic.content.models import Page
    from clinic.content.services import comment_submit

    article = Page.objects.create(
        kind=Page.Kind.ARTICLE,
        title="Target article",
        slug="target-article",
        summary="x",
        body="x",
        status=Page.Status.PUBLISHED,
    )
    from clinic.scheduling.links import manage_token
    from clinic.scheduling.tests.factories import make_booking

    booking = make_booking(plano, make_patient(plano, first_name="Booked"))
    from clinic.core import clock
    from clinic.scheduling.tests.factories import standard_types

    kinds = standard_types()
    tomorrow = clock.now().astimezone(plano.tz).date() + dt.timedelta(days=1)
    from clinic.intake import consent, links, services

    intake_patient = make_patient(plano, first_name="Intake")
    intake, _ = services.intake_link_send(patient=intake_patient, actor=nurse)
    document = consent.consent_document_publish(
        kind="ketamine", title="Consent", body="Text.", routes=["iv"], actor=None
    )
    return {
        "intake_token": links.intake_token(intake.code, intake.link_version),
        "document": document,
        "intake_patient": intake_patient,
        "diagnosis": DiagnosisCode.objects.get(code="F33.2"),
        "plano": plano,
        "kinds": kinds,
        "day": tomorrow.isoformat(),
        "start": dt.datetime.combine(tomorrow, dt.time(11), tzinfo=plano.tz)
        .astimezone(dt.UTC)
        .isoformat(),
        "booking": booking,
        "token": manage_token(booking.code),
        "article": article,
        "comment": comment_submit(page=article, name="Reader", email="r@example.org", body="Hi"),
        "patient": make_patient(plano, first_name="Target"),
        "far": make_patient(frisco, first_name="Faraway"),
        "enquiry": enquiry,
        "sessions": _sessions(plano, nurse),
    }


def _client(persona: str, request: pytest.FixtureRequest) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    return client


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 200


@pytest.mark.parametrize("case", FORMS, ids=lambda c: c.name)
def test_hostile_input_never_breaks_a_form(
    case: FormCase, form_objects: dict[str, Any], request: pytest.FixtureRequest
) -> None:
    client = _client(case.persona, request)
    url = case.url(form_objects)
    patients_before = Patient.objects.count()
    bookings_before = list(Booking.objects.values_list("code", "status", "starts_at"))
    for payload in CORPUS:
        data = dict.fromkeys(case.fields, payload)
        response = getattr(client, case.method)(url, data)
        status = response.status_code
        assert status < 500, (case.name, payload[:80], status)
        body = response.content.decode("utf-8", errors="replace")
        for marker in LEAK_MARKERS:
            assert marker not in body, (case.name, payload[:80], marker)
        assert escaped_or_absent(payload, body), (case.name, payload[:80])
        if status == 429:
            RateCounter.objects.all().delete()  # the limit held; keep probing the form
    # nothing hostile became a record
    assert Patient.objects.count() == patients_before
    assert list(Booking.objects.values_list("code", "status", "starts_at")) == bookings_before
    assert Enquiry.objects.count() == 1


@pytest.mark.parametrize("case", [f for f in FORMS if f.method == "post"], ids=lambda c: c.name)
@pytest.mark.parametrize(
    "raw",
    [b"first_name=%ED%A0%80", b"\xff\xfe\xfa=\xc3\x28", b"a=%", b"a=%zz&&&==", b"\x00\x00=\x00"],
    ids=["surrogate", "invalid-utf8", "lone-percent", "bad-escapes", "nul-bytes"],
)
def test_malformed_bodies_get_a_clear_answer(
    case: FormCase, raw: bytes, form_objects: dict[str, Any], request: pytest.FixtureRequest
) -> None:
    client = _client(case.persona, request)
    response = client.generic(
        "POST", case.url(form_objects), raw, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code < 500


PERSON = {
    "first_name": "Jordan",
    "last_name": "Hostile",
    "date_of_birth": "1984-05-17",
    "phone": "(214) 555-0142",
    "email": "jordan.hostile@example.org",
}
REQUEST = {
    "kind": "consultation",
    "name": "Robin Example",
    "phone": "(972) 555-0101",
    "email": "robin@example.org",
    "payment": "self_pay",
    "preferred_times": "mon-morning",
    "concerns": "depression",
    "message": "Hello",
    "consent": "on",
    "website": "",
}

# For each form, values that make it valid (or as far along as one request can go), so that a
# hostile value in one field meets the code behind the form's first check.
VALID: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "sign-in": lambda c: {"login": "nobody@example.org", "password": "not-the-password-1"},
    "password reset": lambda c: {"email": "nobody@example.org"},
    "patient create": lambda c: {**PERSON, "home_location": c["plano"].pk},
    "patient edit": lambda c: {**PERSON, "home_location": c["plano"].pk},
    "patient search": lambda c: {"q": "hostile"},
    "booking finder": lambda c: {"q": "hostile"},
    "intake: mental health": lambda c: {
        **dict.fromkeys(("psychosis_now", "psychosis_before", "mania_now", "bipolar"), "no"),
        **dict.fromkeys(("mood_stabiliser", "substance_now", "ketamine_pcp", "opioids"), "no"),
        **dict.fromkeys(("ptsd", "hospital", "attempt"), "no"),
        "diagnoses": "Depression",
        "notes": "",
    },
    "intake: earlier antidepressants": lambda c: {
        "trials-TOTAL_FORMS": "1",
        "trials-INITIAL_FORMS": "0",
        "trials-0-drug": "Fluoxetine",
        "trials-0-weeks": "8",
        "trials-0-response": "none",
    },
    "eligibility evaluation": lambda c: {
        "diagnosis": c["diagnosis"].pk,
        "adequate_trials": "2",
        "resistance_met": "on",
        "decision": "more_info",
        "reason": "Cardiology letter",
        "note": "Seen today.",
        "reevaluate_on": "2026-04-01",
    },
    "intake: weight": lambda c: {"weight": "72.5", "weight_unit": "kg", "height_cm": "170"},
    "consent signature": lambda c: {"typed_name": "Intake Patient", "agree": "on"},
    "desk intake: insurance": lambda c: {"payer": "Aetna", "member_id": "W123", "group": "9"},
    "insurance card at the desk": lambda c: {
        "side": "front",
        "image": SimpleUploadedFile("card.png", b"\x89PNG\r\n\x1a\n card"),
    },
    "intake: insurance with card photos": lambda c: {
        "payer": "Aetna",
        "member_id": "W123",
        "group": "9",
        "back": SimpleUploadedFile("card.pdf", b"%PDF-1.4 card"),
    },
    "paper consent": lambda c: {
        "document": c["document"].pk,
        "signed_on": "2026-03-02",
        "scan": SimpleUploadedFile("scan.pdf", b"%PDF-1.4 scan"),
    },
    "treatment plan": lambda c: {
        "route": "iv",
        "phase": "induction",
        "sessions": "6",
        "per_week": "2",
        "valid_until": c["day"],
        "start_mg_per_kg": "0.5",
        "max_mg_per_kg": "1.0",
        "minutes": "40",
        "override_reason": "Consent on paper, scan to follow",
    },
    "emergency access": lambda c: {"reason": "Covering the Frisco clinic; patient is here."},
    "audit search": lambda c: {"action": "patient_viewed", "since": "2026-01-01", "page": "1"},
    "emergency access review": lambda c: {"grant": "00000000-0000-4000-8000-000000000000"},
    "consultation request": lambda c: {**REQUEST, "preferred_location": c["plano"].pk},
    "self-assessment step": lambda c: {"action": "next", "current": "1", "answer": "1"},
    "requests inbox filter": lambda c: {"status": "open", "location": c["plano"].pk},
    "request assign": lambda c: {"assignee": ""},
    "request call attempt": lambda c: {"outcome": "voicemail", "note": "Left a message."},
    "request close": lambda c: {"reason": "not_reached"},
    "request to patient": lambda c: {
        "first_name": "Jordan",
        "last_name": "Hostile",
        "date_of_birth": "1984-05-17",
        "home_location": c["plano"].pk,
    },
    "newsletter subscribe": lambda c: {"email": "reader@example.org", "consent": "on"},
    "article comment": lambda c: {"name": "Reader", "email": "r@example.org", "body": "Thanks"},
    "comment moderation": lambda c: {"decision": "approved"},
    "self-booking details": lambda c: {
        **{k: v for k, v in REQUEST.items() if k not in ("kind", "preferred_times")},
        "start": c["start"],
        "idempotency_key": "h" * 32,
    },
    "self-booking slots": lambda c: {"from": c["day"]},
    "cancel from the emailed link": lambda c: {"reason": "schedule", "note": "Sorry"},
    "reschedule from the emailed link": lambda c: {"start": c["start"]},
    "schedule filter": lambda c: {"location": c["plano"].pk, "day": c["day"], "view": "week"},
    "staff booking": lambda c: {
        "appointment_type": c["kinds"]["follow-up-visit"].pk,
        "location": c["plano"].pk,
        "day": c["day"],
        "start": c["start"],
    },
    "series proposal": lambda c: {
        "appointment_type": c["kinds"]["iv-ketamine-infusion"].pk,
        "location": c["plano"].pk,
        "day": c["day"],
        "count": "6",
        "weeks": "2",
        "weekdays": ["0", "2", "4"],
        "preferred_time": "10:00",
    },
    "booking cancel": lambda c: {"reason": "schedule", "note": "Called in"},
    "send a message again": lambda c: {"message": "00000000-0000-4000-8000-000000000000"},
    "booking attendance": lambda c: {"status": "attended"},
    "calendar feeds": lambda c: {"action": "revoke", "feed": "1"},
    "chair board": lambda c: {"location": c["plano"].pk},
    "session checks": lambda c: {
        "step": "checks",
        "key": str(uuid.uuid4()),
        "identity_confirmed": "on",
        "fasting": "on",
        "escort_name": "Luis Reyes",
        "weight": "70",
        "weight_unit": "kg",
        "systolic": "124",
        "diastolic": "80",
        "pulse": "70",
        "spo2": "98",
    },
    "session approval": lambda c: {"step": "approve", "reason": "Rechecked"},
    "session dose": lambda c: {
        "step": "prepare",
        "lot": "LOT-7",
        "expires_on": c["day"],
        "mg_per_kg": "0.50",
        "concentration": "10",
        "diluent_ml": "0",
    },
    "session reading": lambda c: {
        "step": "reading",
        "key": str(uuid.uuid4()),
        "systolic": "124",
        "diastolic": "80",
        "pulse": "70",
        "spo2": "98",
    },
    "session alert": lambda c: {
        "step": "acknowledge",
        "alert": str(c["sessions"]["alert"].code),
        "action": "rechecked",
    },
    "session event": lambda c: {
        "step": "event",
        "key": str(uuid.uuid4()),
        "kind": "adverse",
        "what": "Nausea",
        "severity": "mild",
    },
    "session stop": lambda c: {"step": "stop", "given_mg": "30", "waste_mg": "5"},
    "session discharge": lambda c: {
        "step": "discharge",
        "alert_and_oriented": "on",
        "walking_steadily": "on",
        "escort_present": "Luis Reyes",
        "instructions_given": "on",
    },
    "session addendum": lambda c: {"step": "addendum", "text": "Called: well."},
}


def test_every_form_has_a_valid_baseline() -> None:
    assert sorted(VALID) == sorted(f.name for f in FORMS)


@pytest.mark.parametrize("case", FORMS, ids=lambda c: c.name)
def test_one_hostile_value_at_a_time_with_the_rest_valid(
    case: FormCase, form_objects: dict[str, Any], request: pytest.FixtureRequest
) -> None:
    """Each field in turn gets each value while every other field stays valid, so the value
    reaches the checks and writes behind the form: never a 5xx, a leak or unescaped output."""
    client = _client(case.persona, request)
    url = case.url(form_objects)
    baseline = VALID[case.name](form_objects)
    send = getattr(client, case.method)
    assert send(url, baseline).status_code < 500, case.name
    for field in case.fields:
        for payload in ONE_AT_A_TIME:
            data = {**baseline, field: payload}
            response = send(url, data)
            status = response.status_code
            assert status < 500, (case.name, field, payload[:40], status)
            body = response.content.decode("utf-8", errors="replace")
            for marker in LEAK_MARKERS:
                assert marker not in body, (case.name, field, payload[:40], marker)
            assert escaped_or_absent(payload, body), (case.name, field, payload[:40])
            if status == 429:
                RateCounter.objects.all().delete()  # the limit held; keep probing the form
