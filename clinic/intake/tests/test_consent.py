"""Consent: versioned documents, signed online or recorded from paper with a scan, withdrawn;
the chart's view of which are current and which routes they cover."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from clinic.accounts.models import User
from clinic.audit.models import AuditEvent
from clinic.core.models import StoredFile
from clinic.core.uploads import UploadRefused
from clinic.intake import consent, selectors
from clinic.intake.models import Consent, ConsentDocument
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.patients.tests.factories import make_patient

pytestmark = pytest.mark.django_db

SCAN = b"%PDF-1.4\nsigned consent CANARY-SCAN-3301\n%%EOF"


def publish(
    kind: str = "ketamine", body: str = "I understand ketamine is off-label."
) -> ConsentDocument:
    routes = ["esketamine"] if kind == "esketamine" else ["iv", "im", "intranasal", "oral"]
    return consent.consent_document_publish(
        kind=kind, title=f"{kind} consent", body=body, routes=routes, actor=None
    )


@pytest.fixture
def patient(plano: Location) -> Patient:
    return make_patient(plano, first_name="Cora", last_name="Consent")


def test_versions_number_themselves_and_keep_their_hash() -> None:
    first, second = publish(), publish(body="Version two of the text.")
    assert (first.version, second.version) == (1, 2)
    assert first.sha256 != second.sha256
    assert len(first.sha256) == 64
    assert publish("esketamine").version == 1
    with pytest.raises(consent.ConsentRefused):
        consent.consent_document_publish(kind="x", title="t", body="b", routes=[], actor=None)
    with pytest.raises(consent.ConsentRefused):
        consent.consent_document_publish(
            kind="ketamine", title=" ", body="b", routes=[], actor=None
        )
    with pytest.raises(consent.ConsentRefused):
        consent.consent_document_publish(
            kind="ketamine", title="t", body="b", routes=["rectal"], actor=None
        )


def test_signing_online_needs_the_box_a_name_and_the_current_version(patient: Patient) -> None:
    old = publish()
    new = publish(body="Newer text.")
    with pytest.raises(consent.ConsentRefused, match="Tick the box"):
        consent.consent_sign_online(patient=patient, document=new, typed_name="Cora", agreed=False)
    with pytest.raises(consent.ConsentRefused, match="Type your full name"):
        consent.consent_sign_online(patient=patient, document=new, typed_name=" \x00 ", agreed=True)
    with pytest.raises(consent.ConsentRefused, match="newer version"):
        consent.consent_sign_online(patient=patient, document=old, typed_name="Cora C", agreed=True)
    signed = consent.consent_sign_online(
        patient=patient, document=new, typed_name="Cora  Consent", agreed=True
    )
    assert signed.typed_name == "Cora Consent"
    assert signed.document_sha256 == new.sha256
    assert AuditEvent.objects.filter(action="consent_signed").count() == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT typed_name FROM intake_consent")
        (raw,) = cursor.fetchone()
    assert raw.startswith("v1:")


def test_the_chart_knows_current_re_consent_missing_and_withdrawn(patient: Patient) -> None:
    ketamine = publish()
    esketamine = publish("esketamine")
    lines = {line.document.kind: line.state for line in selectors.consent_lines(patient)}
    assert lines == {"ketamine": "missing", "esketamine": "missing"}
    consent.consent_sign_online(
        patient=patient, document=ketamine, typed_name="Cora C", agreed=True
    )
    spray = consent.consent_sign_online(
        patient=patient, document=esketamine, typed_name="Cora C", agreed=True
    )
    assert selectors.consented_routes(patient) == {"iv", "im", "intranasal", "oral", "esketamine"}
    publish(body="A changed ketamine text.")  # a new version asks for re-consent
    consent.consent_withdraw(consent=spray, actor=None, note="Changed my mind")
    consent.consent_withdraw(consent=spray, actor=None)  # twice: once in the trail
    lines = {line.document.kind: line.state for line in selectors.consent_lines(patient)}
    assert lines == {"ketamine": "re-consent", "esketamine": "withdrawn"}
    assert selectors.consented_routes(patient) == set()
    assert AuditEvent.objects.filter(action="consent_withdrawn").count() == 1


def test_a_paper_consent_keeps_its_scan_encrypted(patient: Patient, nurse: User) -> None:
    document = publish()
    recorded = consent.consent_record_paper(
        patient=patient, document=document, scan=SCAN, signed_on=dt.date(2026, 3, 2), actor=nurse
    )
    assert recorded.method == Consent.Method.PAPER
    assert recorded.scan is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM core_storedfile")
        (raw,) = cursor.fetchone()
    assert "CANARY" not in raw
    assert selectors.consented_routes(patient) == {"iv", "im", "intranasal", "oral"}


def test_a_refused_scan_or_date_records_nothing(patient: Patient, nurse: User) -> None:
    document = publish()
    with pytest.raises(UploadRefused):
        consent.consent_record_paper(
            patient=patient,
            document=document,
            scan=b"<html>",
            signed_on=dt.date(2026, 3, 2),
            actor=nurse,
        )
    with pytest.raises(consent.ConsentRefused):
        consent.consent_record_paper(
            patient=patient,
            document=document,
            scan=SCAN,
            signed_on=dt.date(9999, 12, 31),
            actor=nurse,
        )
    assert not Consent.objects.exists()
    assert not StoredFile.objects.exists()


def test_an_owner_publishes_a_version_in_the_administration(owner: User) -> None:
    client = Client()
    client.force_login(owner)
    url = f"/{settings.ADMIN_URL}intake/consentdocument/add/"
    response = client.post(
        url,
        {"kind": "ketamine", "title": "Ketamine consent", "body": "Text.", "routes": ["iv"]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    again = client.post(
        url,
        {"kind": "ketamine", "title": "Ketamine consent", "body": "Text 2.", "routes": ["iv"]},
    )
    assert again.status_code == 302
    assert list(ConsentDocument.objects.values_list("version", flat=True).order_by("version")) == [
        1,
        2,
    ]
    assert AuditEvent.objects.filter(action="consent_published").count() == 2
    document = ConsentDocument.objects.get(version=1)
    change = client.get(f"/{settings.ADMIN_URL}intake/consentdocument/{document.pk}/change/")
    assert b'name="body"' not in change.content  # a published version is not edited
