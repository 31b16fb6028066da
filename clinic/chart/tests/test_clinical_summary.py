"""The chart's clinical part: everyone at the desk sees the decision and its routes (what
booking needs); only clinicians see the diagnosis and the reasons."""

from __future__ import annotations

import pytest
from django.test import Client

from clinic.accounts.models import User
from clinic.intake import evaluation, selectors
from clinic.intake.evaluation import Draft
from clinic.intake.models import DiagnosisCode
from clinic.locations.models import Location
from clinic.patients.tests.factories import make_patient

pytestmark = pytest.mark.django_db


def test_the_decision_is_for_the_desk_and_the_reasons_for_clinicians(
    plano: Location, prescriber: User, nurse: User, front_desk: User
) -> None:
    patient = make_patient(plano, first_name="Dee", last_name="Decision")
    evaluation.evaluation_sign(
        patient=patient,
        draft=Draft(
            diagnosis=DiagnosisCode.objects.get(code="F43.10"),
            adequate_trials=3,
            resistance_met=True,
            decision="conditions",
            routes=("iv", "esketamine"),
            conditions="Blood pressure below 140/90 before each session",
        ),
        facts=set(),
        book=selectors.rule_book(),
        actor=prescriber,
    )
    pages = {}
    for user in (front_desk, nurse):
        client = Client()
        client.force_login(user)
        pages[user] = client.get(f"/patients/{patient.code}/").content.decode()
    for page in pages.values():
        assert "<strong>Eligible with conditions</strong> for IV, ESKETAMINE" in page
    assert "Post-traumatic stress disorder" in pages[nurse]
    assert "Blood pressure below 140/90" in pages[nurse]
    assert "Post-traumatic stress disorder" not in pages[front_desk]
    assert "Blood pressure below 140/90" not in pages[front_desk]


def test_a_prescriber_signs_from_the_chart_after_acknowledging_a_caution(
    plano: Location, prescriber: User, nurse: User, front_desk: User
) -> None:
    from clinic.intake import services

    patient = make_patient(plano, first_name="Ben", last_name="Benzo")
    intake = services.intake_open(patient=patient, actor=None)
    services.intake_answer(
        intake=intake,
        section="medications",
        answers={"rows": [{"name": "Clonazepam", "kind": "benzodiazepine"}]},
        actor=None,
    )
    url = f"/patients/{patient.code}/evaluation/new/"
    for outsider in (nurse, front_desk):
        client = Client()
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client = Client()
    client.force_login(prescriber)
    page = client.get(url).content.decode()
    assert "Benzodiazepine, sleeping tablet or opioid" in page
    data = {
        "diagnosis": DiagnosisCode.objects.get(code="F33.2").pk,
        "adequate_trials": "2",
        "resistance_met": "on",
        "decision": "eligible",
        "routes": ["iv"],
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "acknowledge each caution" in refused.content.decode()
    unexplained = client.post(url, data | {"ack_cns-depressants": "on"})
    assert unexplained.status_code == 400
    assert "reason for going ahead" in unexplained.content.decode()
    signed = client.post(
        url, data | {"ack_cns-depressants": "on", "why_cns-depressants": "Held on session days."}
    )
    assert signed.status_code == 302
    assert selectors.eligible_routes(patient) == {"iv"}
    chart = client.get(f"/patients/{patient.code}/").content.decode()
    assert "<strong>Eligible</strong> for IV" in chart
    assert "Held on session days." in chart  # the reason is kept with the signed note
    # A later change is an addendum; the signed note stays as it was.
    signed_note = selectors.latest_evaluation(patient)
    assert signed_note is not None
    clinician = Client()
    clinician.force_login(nurse)
    clinician.post(f"/evaluations/{signed_note.code}/addendum/", {"text": "Dose reviewed."})
    assert "Dose reviewed." in clinician.get(f"/patients/{patient.code}/").content.decode()
    desk = Client()
    desk.force_login(front_desk)
    assert desk.post(f"/evaluations/{signed_note.code}/addendum/", {"text": "x"}).status_code == 404


def test_the_baseline_is_filled_in_from_the_complete_self_assessment_of_a_request(
    plano: Location, prescriber: User
) -> None:
    import dataclasses
    import json

    from clinic.enquiries.models import Enquiry
    from clinic.enquiries.selectors import self_scores
    from clinic.enquiries.services import EnquiryDetails, enquiry_submit

    base = EnquiryDetails(
        kind="consultation",
        name="Base Line",
        phone="(214) 555-0100",
        email="",
        preferred_location=plano,
        preferred_times=[],
        payment="self_pay",
        insurance_payer="",
        insurance_member_id="",
        concerns=[],
        message="",
    )
    patient = make_patient(plano, first_name="Base", last_name="Line")
    complete = enquiry_submit(
        details=dataclasses.replace(
            base,
            assessment_instrument="phq-9",
            assessment_answers=dict.fromkeys(range(1, 9), 2) | {9: 0},
        )
    )
    partial = enquiry_submit(details=base)
    # an incomplete GAD-7 (the service refuses one; older or imported data may hold one)
    partial.assessment = json.dumps(
        {"instrument": "GAD-7", "answers": {"1": 3, "2": 3}, "total": 6, "max_total": 21}
    )
    partial.save(update_fields=["assessment"])
    Enquiry.objects.filter(pk__in=[complete.pk, partial.pk]).update(patient=patient)
    scores = self_scores(patient)
    assert set(scores) == {"PHQ-9"}  # the incomplete GAD-7 is never read as a score
    assert scores["PHQ-9"].total == 16
    client = Client()
    client.force_login(prescriber)
    page = client.get(f"/patients/{patient.code}/evaluation/new/").content.decode()
    assert 'name="baseline_phq9" value="16"' in page
    assert "from the self-assessment sent with the patient's request (PHQ-9 16" in page
