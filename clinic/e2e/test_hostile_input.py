"""Hostile input to every form and to sign-in: never a 500, never database error text, never
rendered unescaped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from clinic.accounts.models import User
from clinic.core.models import RateCounter
from clinic.e2e.hostile import LEAK_MARKERS, corpus, escaped_or_absent
from clinic.enquiries.models import ConsultationRequest
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
        "get",
        lambda c: "/patients/",
        ("email", "phone", "last_name", "date_of_birth"),
        "nurse",
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
        ("appointment_type", "location", "day", "start", "move", "idempotency_key"),
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
]


@pytest.fixture
def context(plano: Location, frisco: Location, nurse: User) -> dict[str, Any]:
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
    return {
        "booking": booking,
        "token": manage_token(booking.code),
        "article": article,
        "comment": comment_submit(page=article, name="Reader", email="r@example.org", body="Hi"),
        "patient": make_patient(plano, first_name="Target"),
        "far": make_patient(frisco, first_name="Faraway"),
        "enquiry": enquiry,
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
    case: FormCase, context: dict[str, Any], request: pytest.FixtureRequest
) -> None:
    client = _client(case.persona, request)
    url = case.url(context)
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
    assert ConsultationRequest.objects.count() == 1


@pytest.mark.parametrize("case", [f for f in FORMS if f.method == "post"], ids=lambda c: c.name)
@pytest.mark.parametrize(
    "raw",
    [b"first_name=%ED%A0%80", b"\xff\xfe\xfa=\xc3\x28", b"a=%", b"a=%zz&&&==", b"\x00\x00=\x00"],
    ids=["surrogate", "invalid-utf8", "lone-percent", "bad-escapes", "nul-bytes"],
)
def test_malformed_bodies_get_a_clear_answer(
    case: FormCase, raw: bytes, context: dict[str, Any], request: pytest.FixtureRequest
) -> None:
    client = _client(case.persona, request)
    response = client.generic(
        "POST", case.url(context), raw, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code < 500
