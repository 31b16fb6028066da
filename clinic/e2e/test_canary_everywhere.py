"""Canary values through the whole front and back door, then looked for everywhere they must
not be: every table (the task queue, the users, the sessions and the outbox included, read from
the raw SQLite file or a pg_dump), every log line, and every cookie the browser was given."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
from http.cookies import SimpleCookie

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.accounts.tests.factories import PASSWORD, make_user
from clinic.core import clock
from clinic.core.models import OutgoingMessage
from clinic.locations.models import Location
from clinic.patients.tests.factories import make_patient
from clinic.patients.tests.test_encryption import _database_bytes
from clinic.scheduling.tests.factories import days_open, open_location, standard_types

NAME = "Quorvantelle"
SURNAME = "Brisketwood"
EMAIL = "quorvantelle.canary@example.org"
PHONE = "(972) 555-0163"
REQUESTER = "Zembrowitz Canarybird"
REQUESTER_EMAIL = "zembrowitz.canary@example.org"
HISTORY = "Zorbulimic episodes"
MEDICINE = "Quantrexaline"
TRIAL = "Flembutrol"
SCAN = "SCANCANARY-88"
CARD = "CARDCANARY-71"
INSURER = "InsurerCanary Mutual"
ESCORT = "Escortcanary Velthrop"
OBSERVATION = "Observcanary drowsy"
EVENT = "Eventcanary vomiting"
CANARIES = [
    NAME,
    SURNAME,
    EMAIL,
    "5550163",
    REQUESTER,
    "Zembrowitz",
    REQUESTER_EMAIL,
    HISTORY,
    MEDICINE,
    TRIAL,
    SCAN,
    CARD,
    INSURER,
    ESCORT,
    OBSERVATION,
    EVENT,
]


def _readable(value: str) -> str:
    """A cookie's value and what base64 or a signed value's parts would show."""
    seen = [value]
    for part in value.replace(":", ".").split("."):
        for decode in (base64.urlsafe_b64decode, base64.b64decode):
            with contextlib.suppress(ValueError):
                seen.append(decode(part + "=" * (-len(part) % 4)).decode("latin-1"))
    return "\n".join(seen)


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_canaries_never_appear_in_tables_logs_or_cookies(
    plano: Location, front_desk: User, nurse: User, caplog: pytest.LogCaptureFixture
) -> None:
    """`nurse` works at Plano: she is the clinician the urgent request alerts."""
    caplog.set_level("DEBUG")
    cookies: list[str] = []

    def keep(response: object) -> None:
        jar: SimpleCookie = response.cookies  # type: ignore[attr-defined]
        cookies.extend(morsel.value for morsel in jar.values())

    # A visitor asks for a consultation and says they think of ending their life (urgent).
    visitor = Client()
    response = visitor.post(
        "/consultation/",
        {
            "kind": "consultation",
            "name": REQUESTER,
            "email": REQUESTER_EMAIL,
            "payment": "self_pay",
            "preferred_location": plano.pk,
            "message": "I keep thinking about killing myself.",
            "consent": "on",
        },
    )
    assert response.status_code == 302, response.content[:300]
    keep(response)

    # A patient with a portal account signs in through the real page.
    account = make_user(Role.PATIENT, mfa=False, email=EMAIL, full_name=f"{NAME} {SURNAME}")
    patient = make_patient(
        plano, first_name=NAME, last_name=SURNAME, email=EMAIL, phone=PHONE, user=account
    )
    portal = Client()
    response = portal.post(reverse("account_login"), {"login": EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    keep(response)
    page = portal.get(response["Location"], follow=True)
    keep(page)
    assert NAME.encode() in portal.get(reverse("patients:my_record")).content

    # The front desk books them; the confirmation and reminders wait in the outbox.
    open_location(plano, chairs=1, rooms=1, staff=(front_desk,), days=range(7))
    day = days_open(plano, 1)[0]
    start = dt.datetime.combine(day, dt.time(10), tzinfo=plano.tz).astimezone(dt.UTC)
    desk = Client()
    desk.force_login(front_desk)
    response = desk.post(
        f"/schedule/book/?patient={patient.code}",
        {
            "appointment_type": standard_types()["free-phone-consultation"].pk,
            "location": plano.pk,
            "day": day.isoformat(),
            "start": start.isoformat(),
        },
    )
    assert response.status_code == 302, response.content[:300]
    assert OutgoingMessage.objects.count() >= 3  # acknowledgement, alert, confirmation
    assert clock.now() < start

    # The desk sends the intake link; the patient writes their history, medicines and an
    # earlier antidepressant; the desk records a paper consent with its scan; a nurse reads
    # the chart's summary.
    from clinic.intake import consent
    from clinic.intake.services import intake_link_send

    _, link = intake_link_send(patient=patient, actor=front_desk)
    path = "/" + link.split("/", 3)[3]
    phone = Client()
    from clinic.intake.questions import PSYCHIATRIC

    answers = dict.fromkeys((q.name for q in PSYCHIATRIC), "no")
    saved = phone.post(f"{path}psychiatric/", answers | {"diagnoses": HISTORY})
    assert saved.status_code == 302
    keep(saved)
    keep(
        phone.post(
            f"{path}medications/",
            {
                "medications-TOTAL_FORMS": "1",
                "medications-INITIAL_FORMS": "0",
                "medications-0-name": MEDICINE,
                "medications-0-kind": "benzodiazepine",
            },
        )
    )
    keep(
        phone.post(
            f"{path}trials/",
            {
                "trials-TOTAL_FORMS": "1",
                "trials-INITIAL_FORMS": "0",
                "trials-0-drug": TRIAL,
                "trials-0-weeks": "8",
            },
        )
    )
    document = consent.consent_document_publish(
        kind="ketamine", title="Ketamine", body="Text.", routes=["iv"], actor=None
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = desk.post(
        f"/patients/{patient.code}/consents/paper/",
        {
            "document": document.pk,
            "signed_on": "2026-01-05",
            "scan": SimpleUploadedFile("scan.pdf", b"%PDF-1.4 " + SCAN.encode()),
        },
    )
    assert response.status_code == 302
    keep(response)
    # the patient sends their insurer and a photo of the card from the phone
    card = phone.post(
        f"{path}insurance/",
        {
            "payer": INSURER,
            "member_id": "M1",
            "group": "",
            "front": SimpleUploadedFile("c.png", b"\x89PNG\r\n\x1a\n" + CARD.encode()),
        },
    )
    assert card.status_code == 302
    keep(card)
    chart = Client()
    chart.force_login(nurse)
    summary = chart.get(f"/patients/{patient.code}/").content.decode()
    assert MEDICINE in summary  # the nurse reads it: it is there, just not at rest

    # a session at the chair: the escort's name, an observation and an adverse event
    import uuid

    from clinic.scheduling.models import Booking
    from clinic.treatments.tests.factories import make_plan, make_session

    doctor = make_user(Role.PRESCRIBER, locations=[plano], full_name="Dr Canary Check")
    booking = Booking.objects.get(patient=patient)  # the one the desk made above
    session = make_session(make_plan(patient, doctor), booking, nurse)
    at_chair = f"/sessions/{session.code}/"
    for step in (
        {
            "step": "checks",
            "identity_confirmed": "on",
            "fasting": "on",
            "escort_name": ESCORT,
            "weight": "70",
            "weight_unit": "kg",
            "systolic": "124",
            "diastolic": "80",
            "pulse": "70",
            "spo2": "98",
        },
        {"step": "reading", "systolic": "128", "diastolic": "82", "note": OBSERVATION},
        {"step": "event", "kind": "adverse", "what": EVENT, "severity": "mild"},
    ):
        saved = chart.post(at_chair, step | {"key": str(uuid.uuid4())})
        assert saved.status_code == 302, saved.content.decode()[-2000:]
        keep(saved)
    assert ESCORT in chart.get(at_chair).content.decode()

    dump = _database_bytes()
    assert b"django_tasks_db_dbtaskresult" in dump or b"dbtaskresult" in dump.lower()
    for canary in CANARIES:
        assert canary.encode() not in dump, f"{canary!r} in the raw database"
        assert canary not in caplog.text, f"{canary!r} in the logs"
        for value in cookies:
            assert canary not in _readable(value), f"{canary!r} in a cookie"
    assert connection.vendor in ("sqlite", "postgresql")
