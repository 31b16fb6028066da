"""The intake at the desk: staff fill in or correct a section in their own name (a new
entry, never an overwrite; marked as a correction after the lock), front desk reach only the
parts without health information, clinicians lock the intake, and insurance card images are
kept encrypted, checked and served only as downloads. Another location gets 404."""

from __future__ import annotations

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.accounts.tests.factories import make_user
from clinic.audit.models import AuditEvent
from clinic.core.models import OutgoingMessage, StoredFile
from clinic.intake import selectors, services
from clinic.intake.models import InsuranceCard, Intake, IntakeEntry
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.patients.tests.factories import make_patient

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def patient(plano: Location) -> Patient:
    return make_patient(plano, first_name="Desk", last_name="Entry")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


PSYCHIATRIC = {
    "psychosis_now": "no",
    "psychosis_before": "no",
    "mania_now": "no",
    "bipolar": "no",
    "mood_stabiliser": "no",
    "substance_now": "no",
    "ketamine_pcp": "no",
    "opioids": "no",
    "ptsd": "yes",
    "hospital": "no",
    "attempt": "no",
    "diagnoses": "Major depressive disorder",
    "notes": "",
}


def test_a_nurse_fills_in_a_section_at_the_desk_in_her_own_name(
    nurse: User, patient: Patient
) -> None:
    client = _client(nurse)
    url = f"/patients/{patient.code}/intake/psychiatric/"
    assert client.get(url).status_code == 200
    response = client.post(url, PSYCHIATRIC, follow=True)
    page = response.content.decode()
    assert "Saved: Your mental health, in your name." in page
    assert "(staff)" in page
    assert "Major depressive disorder" in page
    entry = IntakeEntry.objects.get()
    assert entry.entered_by == nurse
    assert not entry.after_lock
    intake = Intake.objects.get(patient=patient)
    assert selectors.current_answers(intake)["psychiatric"]["ptsd"] == "yes"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"intake_opened", "intake_answered"} <= actions
    # a correction is a new entry; the first stays readable
    client.post(url, {**PSYCHIATRIC, "ptsd": "no"})
    assert IntakeEntry.objects.count() == 2
    page = client.get(f"/patients/{patient.code}/intake/").content.decode()
    assert "Earlier answers (1)" in page


def test_front_desk_reach_only_the_parts_without_health_information(
    front_desk: User, patient: Patient
) -> None:
    services.intake_answer(
        intake=services.intake_open(patient=patient, actor=None),
        section="psychiatric",
        answers=PSYCHIATRIC,
        actor=None,
    )
    client = _client(front_desk)
    page = client.get(f"/patients/{patient.code}/intake/").content.decode()
    assert "Insurance" in page
    assert "Emergency contact" in page
    assert "Your mental health" not in page
    assert "Major depressive disorder" not in page
    assert client.get(f"/patients/{patient.code}/intake/psychiatric/").status_code == 404
    assert (
        client.post(f"/patients/{patient.code}/intake/psychiatric/", PSYCHIATRIC).status_code == 404
    )
    assert client.post(f"/patients/{patient.code}/intake/lock/").status_code == 404
    saved = client.post(
        f"/patients/{patient.code}/intake/insurance/",
        {"payer": "Blue Plains", "member_id": "BP-0042", "group": "77"},
    )
    assert saved.status_code == 302
    assert IntakeEntry.objects.filter(section="insurance", entered_by=front_desk).exists()


def test_unknown_section_and_another_location_get_404(
    frisco: Location, nurse: User, patient: Patient
) -> None:
    assert _client(nurse).get(f"/patients/{patient.code}/intake/nonsense/").status_code == 404
    elsewhere = _client(make_user(Role.NURSE, locations=[frisco]))
    for url in (
        f"/patients/{patient.code}/intake/",
        f"/patients/{patient.code}/intake/allergies/",
    ):
        assert elsewhere.get(url).status_code == 404
    assert elsewhere.post(f"/patients/{patient.code}/intake/lock/").status_code == 404
    assert not Intake.objects.exists()


def test_after_the_lock_the_link_stops_and_staff_corrections_are_marked(
    nurse: User, patient: Patient
) -> None:
    client = _client(nurse)
    services.intake_link_send(patient=patient, actor=nurse)
    intake = Intake.objects.get()
    services.intake_answer(
        intake=intake, section="allergies", answers={"allergies": "Penicillin"}, actor=None
    )
    response = client.post(f"/patients/{patient.code}/intake/lock/", follow=True)
    assert "Intake locked." in response.content.decode()
    intake.refresh_from_db()
    assert intake.is_locked
    with pytest.raises(services.IntakeClosed):
        services.intake_answer(
            intake=intake, section="allergies", answers={"allergies": "none"}, actor=None
        )
    client.post(f"/patients/{patient.code}/intake/allergies/", {"allergies": "Penicillin, latex"})
    entries = list(IntakeEntry.objects.filter(section="allergies").order_by("created_at", "pk"))
    assert [e.after_lock for e in entries] == [False, True]
    assert entries[0].answers == {"allergies": "Penicillin"}  # never overwritten
    page = client.get(f"/patients/{patient.code}/intake/").content.decode()
    assert "a correction after the lock" in page


def test_crisis_language_written_at_the_desk_alerts_the_clinicians(
    nurse: User, prescriber: User, patient: Patient
) -> None:
    response = _client(nurse).post(
        f"/patients/{patient.code}/intake/psychiatric/",
        {**PSYCHIATRIC, "notes": "She said: I want to kill myself"},
        follow=True,
    )
    assert "speaks of suicide or self-harm" in response.content.decode()
    queued = OutgoingMessage.objects.filter(template="urgent-intake")
    assert queued.exists()


def test_a_card_image_is_kept_encrypted_and_served_only_as_a_download(
    front_desk: User, patient: Patient
) -> None:
    client = _client(front_desk)
    response = client.post(
        f"/patients/{patient.code}/intake/insurance-card/",
        {"side": "front", "image": SimpleUploadedFile("card.png", PNG, content_type="image/png")},
        follow=True,
    )
    assert "Insurance card image kept." in response.content.decode()
    card = InsuranceCard.objects.get()
    assert card.uploaded_by == front_desk
    assert card.side == "front"
    raw = StoredFile.objects.values_list("content", flat=True).get()
    assert base64.b64encode(PNG).decode() not in raw  # encrypted, not merely encoded
    download = client.get(f"/insurance-cards/{card.code}/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Security-Policy"].startswith("sandbox")
    assert download.content == PNG
    assert "insurance_card_added" in AuditEvent.objects.values_list("action", flat=True)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("card.html", b"<html><script>alert(1)</script></html>", "This file is not"),
        ("card.png", b"", "The file is empty"),  # Django refuses an empty upload first
    ],
)
def test_a_wrong_card_file_is_refused_in_words_and_nothing_kept(
    front_desk: User, patient: Patient, name: str, data: bytes, message: str
) -> None:
    response = _client(front_desk).post(
        f"/patients/{patient.code}/intake/insurance-card/",
        {"side": "front", "image": SimpleUploadedFile(name, data)},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page or "submitted file is empty" in page
    assert not InsuranceCard.objects.exists()
    assert not StoredFile.objects.exists()


@override_settings(CLINIC_UPLOAD_MAX_BYTES=1024)
def test_a_card_too_big_is_refused_and_nothing_kept(front_desk: User, patient: Patient) -> None:
    big = PNG + b"\x00" * 2048
    response = _client(front_desk).post(
        f"/patients/{patient.code}/intake/insurance-card/",
        {"side": "back", "image": SimpleUploadedFile("card.png", big, content_type="image/png")},
        follow=True,
    )
    assert "files can be at most 1 KB" in response.content.decode()
    assert not InsuranceCard.objects.exists()
    assert not StoredFile.objects.exists()


def test_another_location_cannot_download_a_card(
    frisco: Location, front_desk: User, patient: Patient
) -> None:
    intake = services.intake_open(patient=patient, actor=front_desk)
    card = services.insurance_card_add(intake=intake, side="front", data=PNG, actor=front_desk)
    elsewhere = _client(make_user(Role.FRONT_DESK, locations=[frisco]))
    assert elsewhere.get(f"/insurance-cards/{card.code}/").status_code == 404
    assert (
        elsewhere.post(
            f"/patients/{patient.code}/intake/insurance-card/",
            {"side": "front", "image": SimpleUploadedFile("card.png", PNG)},
        ).status_code
        == 404
    )
    assert InsuranceCard.objects.count() == 1


def test_the_chart_shows_the_name_they_go_by_and_a_differing_legal_name(
    front_desk: User, patient: Patient
) -> None:
    intake = services.intake_open(patient=patient, actor=None)
    services.intake_answer(
        intake=intake,
        section="about",
        answers={"legal_name": "Desk  Entry", "preferred_name": "Dee", "pronouns": "they/them"},
        actor=None,
    )
    page = _client(front_desk).get(f"/patients/{patient.code}/").content.decode()
    assert "Goes by <strong>Dee</strong>, pronouns they/them" in page
    assert "differs from this record" not in page  # the same name, spaced differently
    services.intake_answer(
        intake=intake, section="about", answers={"legal_name": "Deandra Entry-Lopez"}, actor=None
    )
    page = _client(front_desk).get(f"/patients/{patient.code}/").content.decode()
    assert "the legal name “Deandra Entry-Lopez”, which differs from this record" in page
    patient.refresh_from_db()
    assert patient.first_name == "Desk"  # the record changes only when staff edit it
