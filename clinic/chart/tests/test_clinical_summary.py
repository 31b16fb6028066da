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
