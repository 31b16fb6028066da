"""Consent pages: the patient signs on the phone from the intake link; the desk records a
paper consent with its scan (refused in words when too big or not a scan); clinicians open
scans and record withdrawals; nobody else, and no other location, reaches them."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.accounts.tests.factories import make_user
from clinic.core.models import StoredFile
from clinic.intake import consent
from clinic.intake.models import Consent, ConsentDocument
from clinic.intake.services import intake_link_send
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.patients.tests.factories import make_patient

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\nsigned on paper\n%%EOF"


@pytest.fixture
def document() -> ConsentDocument:
    return consent.consent_document_publish(
        kind="ketamine",
        title="Consent to ketamine treatment",
        body="Ketamine is used off-label for depression.",
        routes=["iv", "im"],
        actor=None,
    )


@pytest.fixture
def patient(plano: Location) -> Patient:
    return make_patient(plano, first_name="Sol", last_name="Sign")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_patient_reads_and_signs_on_the_phone(
    front_desk: User, patient: Patient, document: ConsentDocument
) -> None:
    _, url = intake_link_send(patient=patient, actor=front_desk)
    link = "/" + url.split("/", 3)[3]
    phone = Client()
    home = phone.get(link).content.decode()
    sign = re.search(r'href="([^"]+/consent/[^"]+/)"', home)
    assert sign is not None
    page = phone.get(sign.group(1)).content.decode()
    assert "Ketamine is used off-label" in page
    refused = phone.post(sign.group(1), {"typed_name": "Sol Sign"})
    assert refused.status_code == 400
    assert "Tick the box" in refused.content.decode()
    assert phone.post(sign.group(1), {"typed_name": "Sol Sign", "agree": "on"}).status_code == 302
    assert "Signed</span>" in phone.get(link).content.decode()
    chart = _client(front_desk).get(f"/patients/{patient.code}/").content.decode()
    assert "<strong>current</strong>, signed online" in chart
    assert "(version 1; covers IV ketamine, IM ketamine)" in chart  # which routes it covers


def test_the_desk_records_a_paper_consent_and_a_clinician_opens_the_scan(
    front_desk: User, nurse: User, patient: Patient, document: ConsentDocument
) -> None:
    desk = _client(front_desk)
    response = desk.post(
        f"/patients/{patient.code}/consents/paper/",
        {
            "document": document.pk,
            "signed_on": "2026-03-02",
            "scan": SimpleUploadedFile("consent.pdf", PDF, content_type="application/pdf"),
        },
        follow=True,
    )
    assert "Paper consent recorded with its scan." in response.content.decode()
    recorded = Consent.objects.get()
    scan_url = f"/consents/{recorded.code}/scan/"
    assert desk.get(scan_url).status_code == 404  # the desk does not open clinical scans
    opened = _client(nurse).get(scan_url)
    assert opened.status_code == 200
    assert opened["Content-Disposition"].startswith("attachment;")
    assert opened["X-Content-Type-Options"] == "nosniff"
    assert opened.content == PDF
    assert desk.post(f"/consents/{recorded.code}/withdraw/").status_code == 404
    _client(nurse).post(f"/consents/{recorded.code}/withdraw/", {"note": "By phone"})
    recorded.refresh_from_db()
    assert recorded.withdrawn_at is not None


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024)),
            "The file is 20.0 MB",
        ),
        (SimpleUploadedFile("page.pdf", b"<html><script>x</script>"), "not a PDF, PNG or JPEG"),
    ],
)
def test_a_refused_scan_says_why_and_nothing_is_kept(
    front_desk: User, patient: Patient, document: ConsentDocument, upload: object, message: str
) -> None:
    response = _client(front_desk).post(
        f"/patients/{patient.code}/consents/paper/",
        {"document": document.pk, "signed_on": "2026-03-02", "scan": upload},
        follow=True,
    )
    assert message in response.content.decode()
    assert not Consent.objects.exists()
    assert not StoredFile.objects.exists()


def test_another_location_gets_nothing(
    frisco: Location, nurse: User, patient: Patient, document: ConsentDocument
) -> None:
    recorded = consent.consent_sign_online(
        patient=patient, document=document, typed_name="Sol Sign", agreed=True
    )
    elsewhere = make_user(Role.NURSE, locations=[frisco])
    client = _client(elsewhere)
    assert client.get(f"/consents/{recorded.code}/scan/").status_code == 404
    assert client.post(f"/consents/{recorded.code}/withdraw/").status_code == 404
    # Signed online: no scan to open, even for the patient's own clinicians.
    assert _client(nurse).get(f"/consents/{recorded.code}/scan/").status_code == 404
