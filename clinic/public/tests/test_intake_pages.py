"""The patient's intake on a phone from the emailed link (issue 12, point 1 in part): one
part a page, saved as they go, crisis help at once, the link closed by the lock; staff send
it from the record, and only clinicians read what it says."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from clinic.accounts.models import User
from clinic.audit.models import AuditEvent
from clinic.intake.models import Intake, IntakeEntry
from clinic.intake.services import intake_lock
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.patients.tests.factories import make_patient

pytestmark = pytest.mark.django_db

NO_TO_ALL_PSYCH = dict.fromkeys(
    (
        "psychosis_now",
        "psychosis_before",
        "mania_now",
        "bipolar",
        "mood_stabiliser",
        "substance_now",
        "ketamine_pcp",
        "opioids",
        "ptsd",
        "hospital",
        "attempt",
    ),
    "no",
)


@pytest.fixture
def patient(plano: Location) -> Patient:
    return make_patient(plano, first_name="Iris", last_name="Phone", email="iris@example.org")


def _send(user: User, patient: Patient) -> str:
    client = Client()
    client.force_login(user)
    mail.outbox.clear()
    response = client.post(f"/patients/{patient.code}/intake/send/")
    assert response.status_code == 302
    (email,) = [m for m in mail.outbox if m.to == ["iris@example.org"]]
    assert "Iris" not in email.body  # no names, no health details
    link = re.search(r"https?://[^/]+(/intake/[^/\s]+/)", str(email.body))
    assert link is not None
    return link.group(1)


def test_a_patient_fills_in_part_by_part_and_comes_back(front_desk: User, patient: Patient) -> None:
    link = _send(front_desk, patient)
    phone = Client()
    home = phone.get(link)
    assert home.status_code == 200
    assert "Start: About you" in home.content.decode()
    assert home["Cache-Control"].startswith("no-store") or "private" in home["Cache-Control"]
    refused = phone.post(f"{link}psychiatric/", {"psychosis_now": "no"})
    assert refused.status_code == 400
    assert "Choose yes, no or not sure." in refused.content.decode()
    saved = phone.post(f"{link}psychiatric/", NO_TO_ALL_PSYCH | {"diagnoses": "Depression"})
    assert saved.status_code == 302
    assert saved["Location"].endswith("/medical/")
    # Coming back later with the same link: the overview shows what is done.
    again = Client().get(link).content.decode()
    assert re.search(r"Your mental health</a> <span class=\"badge\">Done", again)
    assert "Continue: About you" in again
    intake = Intake.objects.get(patient=patient)
    assert intake.status == Intake.Status.STARTED


def test_lists_take_rows_and_add_another_keeps_what_was_typed(
    front_desk: User, patient: Patient
) -> None:
    link = _send(front_desk, patient)
    phone = Client()
    page = phone.get(f"{link}trials/").content.decode()
    assert 'name="trials-TOTAL_FORMS" value="2"' in page
    rows = {
        "trials-TOTAL_FORMS": "2",
        "trials-INITIAL_FORMS": "0",
        "trials-0-drug": "Fluoxetine",
        "trials-0-dose": "40 mg",
        "trials-0-weeks": "8",
        "trials-0-response": "none",
        "trials-1-drug": "Bupropion",
        "trials-1-weeks": "12",
    }
    more = phone.post(f"{link}trials/", rows | {"add_row": "1"}).content.decode()
    assert 'value="Fluoxetine"' in more
    assert 'name="trials-TOTAL_FORMS" value="5"' in more
    assert phone.post(f"{link}trials/", rows).status_code == 302
    entry = IntakeEntry.objects.get(section="trials")
    assert [r["drug"] for r in entry.answers["rows"]] == ["Fluoxetine", "Bupropion"]
    bad = phone.post(f"{link}trials/", rows | {"trials-0-weeks": "-3"})
    assert bad.status_code == 400


def test_crisis_words_show_help_at_once_and_alert_clinicians(
    front_desk: User, nurse: User, patient: Patient
) -> None:
    link = _send(front_desk, patient)
    mail.outbox.clear()
    response = Client().post(
        f"{link}psychiatric/", NO_TO_ALL_PSYCH | {"notes": "I keep thinking about suicide"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Call 988" in page
    assert "Continue with the questions" in page
    assert [m.to for m in mail.outbox if "intake needs a clinician" in m.subject] == [[nurse.email]]


def test_the_lock_closes_the_link_and_a_new_link_retires_the_old(
    front_desk: User, patient: Patient
) -> None:
    first = _send(front_desk, patient)
    second = _send(front_desk, patient)
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    intake_lock(intake=Intake.objects.get(patient=patient), actor=front_desk)
    phone = Client()
    assert "the clinic has your answers" in phone.get(second).content.decode()
    redirected = phone.post(f"{second}allergies/", {"allergies": "none"})
    assert redirected.status_code == 302
    assert not IntakeEntry.objects.exists()
    assert Client().get("/intake/not-a-token/").status_code == 404
    assert Client().get(f"{second}no-such-part/").status_code == 404


def test_only_clinicians_read_the_answers(front_desk: User, nurse: User, patient: Patient) -> None:
    link = _send(front_desk, patient)
    phone = Client()
    phone.post(
        f"{link}medications/",
        {
            "medications-TOTAL_FORMS": "1",
            "medications-INITIAL_FORMS": "0",
            "medications-0-name": "Alprazolam",
            "medications-0-dose": "0.5 mg",
            "medications-0-kind": "benzodiazepine",
        },
    )
    phone.post(f"{link}allergies/", {"allergies": "Penicillin"})
    assert phone.post(f"{link}finish/").status_code == 200
    assert Intake.objects.get(patient=patient).status == Intake.Status.COMPLETE
    desk, clinician = Client(), Client()
    desk.force_login(front_desk)
    clinician.force_login(nurse)
    desk_page = desk.get(f"/patients/{patient.code}/").content.decode()
    assert "Complete" in desk_page
    assert "Alprazolam" not in desk_page
    assert "Penicillin" not in desk_page
    chart = clinician.get(f"/patients/{patient.code}/").content.decode()
    assert "Alprazolam 0.5 mg" in chart
    assert "Penicillin" in chart
    assert "Benzodiazepine, sleeping tablet or opioid" in chart
    assert AuditEvent.objects.filter(action="intake_answered").count() == 2
    finished = AuditEvent.objects.filter(action="intake_viewed").latest("pk")
    assert finished.details == {"by": "patient link", "page": "finished"}


def test_a_record_without_email_shows_the_link_to_give(front_desk: User, plano: Location) -> None:
    patient = make_patient(plano, first_name="No", last_name="Email")
    client = Client()
    client.force_login(front_desk)
    page = client.post(f"/patients/{patient.code}/intake/send/", follow=True).content.decode()
    assert "Give the patient this link" in page
    assert "/intake/" in page


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_the_patient_sends_card_photos_with_the_insurance_answers(
    front_desk: User, patient: Patient
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from clinic.intake.models import InsuranceCard

    link = _send(front_desk, patient)
    phone = Client()
    page = phone.get(link + "insurance/").content.decode()
    assert "A photo of your insurance card" in page
    assert 'enctype="multipart/form-data"' in page
    answers = {"payer": "Blue Plains", "member_id": "BP-1", "group": ""}
    refused = phone.post(
        link + "insurance/",
        answers | {"front": SimpleUploadedFile("card.txt", b"just words")},
    )
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "This file is not" in body
    assert 'value="Blue Plains"' in body  # what was typed is still there
    assert not InsuranceCard.objects.exists()
    assert not IntakeEntry.objects.filter(section="insurance").exists()  # all or nothing
    sent = phone.post(
        link + "insurance/",
        answers
        | {
            "front": SimpleUploadedFile("front.png", PNG, content_type="image/png"),
            "back": SimpleUploadedFile("back.pdf", b"%PDF-1.4 back"),
        },
    )
    assert sent.status_code == 302
    assert sorted(InsuranceCard.objects.values_list("side", flat=True)) == ["back", "front"]
    assert all(c.uploaded_by is None for c in InsuranceCard.objects.all())
    assert IntakeEntry.objects.get(section="insurance").answers["payer"] == "Blue Plains"
    assert "We have: front and back." in phone.get(link + "insurance/").content.decode()
    intake_lock(intake=Intake.objects.get(), actor=front_desk)
    closed = phone.post(
        link + "insurance/", answers | {"front": SimpleUploadedFile("card.png", PNG)}
    )
    assert closed.status_code == 302  # back to the overview, which says it is locked
    assert InsuranceCard.objects.count() == 2


def test_answers_sent_after_staff_locked_the_intake_meanwhile_get_the_overview(
    front_desk: User, patient: Patient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page was opened before the lock and sent after it: the service refuses, and the
    patient is taken to the overview (which says the clinic has the answers), never a 500."""
    from clinic.intake import access

    link = _send(front_desk, patient)
    opened = access.intake_by_link(link.strip("/").split("/")[-1])
    assert opened is not None
    intake_lock(intake=Intake.objects.get(), actor=front_desk)
    monkeypatch.setattr(access, "intake_by_link", lambda token: opened)  # as read before the lock
    response = Client().post(link + "allergies/", {"allergies": "none"})
    assert response.status_code == 302
    assert not IntakeEntry.objects.exists()
