"""The eligibility evaluation: only a prescriber signs; a blocked route needs a written
override and every caution an acknowledgement; what was decided is kept with the note;
a signed note is locked and later words are addenda."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.db import connection

from clinic.accounts.models import User
from clinic.audit.models import AuditEvent
from clinic.intake import evaluation, selectors
from clinic.intake.evaluation import Draft, EvaluationRefused
from clinic.intake.models import DiagnosisCode, Evaluation
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.patients.tests.factories import make_patient

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient(plano: Location) -> Patient:
    return make_patient(plano, first_name="Eve", last_name="Eligible")


@pytest.fixture
def draft() -> Draft:
    return Draft(
        diagnosis=DiagnosisCode.objects.get(code="F33.2"),
        adequate_trials=2,
        resistance_met=True,
        decision="eligible",
        routes=("iv",),
        baseline_phq9=19,
        note="Two failed SSRIs at full dose. CANARY-EVAL-5521",
    )


def sign(patient: Patient, draft: Draft, actor: User, facts: set[str] | None = None) -> Evaluation:
    return evaluation.evaluation_sign(
        patient=patient,
        draft=draft,
        facts=facts or set(),
        book=selectors.rule_book(),
        actor=actor,
    )


def test_a_prescriber_signs_and_the_routes_are_open(
    patient: Patient, draft: Draft, prescriber: User
) -> None:
    signed = sign(patient, draft, prescriber)
    assert selectors.eligible_routes(patient) == {"iv"}
    assert selectors.latest_evaluation(patient) == signed
    assert AuditEvent.objects.filter(action="evaluation_signed").count() == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM intake_evaluation")
        (raw,) = cursor.fetchone()
    assert "CANARY" not in raw


def test_only_a_prescriber_signs(patient: Patient, draft: Draft, nurse: User) -> None:
    with pytest.raises(EvaluationRefused, match="Only a prescriber"):
        sign(patient, draft, nurse)
    assert not Evaluation.objects.exists()


def test_a_benzodiazepine_caution_must_be_acknowledged(
    patient: Patient, draft: Draft, prescriber: User
) -> None:
    facts = {"med:benzodiazepine"}
    with pytest.raises(EvaluationRefused, match="acknowledge each caution"):
        sign(patient, draft, prescriber, facts)
    acknowledged = dataclasses.replace(draft, acknowledged={"cns-depressants"})
    with pytest.raises(EvaluationRefused, match="reason for going ahead"):
        sign(patient, acknowledged, prescriber, facts)
    reasoned = dataclasses.replace(
        acknowledged, caution_reasons={"cns-depressants": "Held on session days."}
    )
    signed = sign(patient, reasoned, prescriber, facts)
    assert '"acknowledged": true' in signed.screening
    (finding,) = signed.findings_as_signed
    assert finding["reason"] == "Held on session days."
    assert finding["routes"] == ["iv"]


def test_an_absolute_contraindication_needs_a_written_override(
    patient: Patient, draft: Draft, prescriber: User
) -> None:
    facts = {"avm"}
    with pytest.raises(EvaluationRefused, match="written reason"):
        sign(patient, draft, prescriber, facts)
    blank = dataclasses.replace(draft, overrides={"racemic-vascular": "  "})
    with pytest.raises(EvaluationRefused):
        sign(patient, blank, prescriber, facts)
    reasoned = dataclasses.replace(
        draft, overrides={"racemic-vascular": "AVM resected 2015; neurology clearance on file"}
    )
    signed = sign(patient, reasoned, prescriber, facts)
    assert "neurology clearance" in signed.screening
    # The same facts still block esketamine when it was not overridden for it.
    spray = dataclasses.replace(draft, routes=("esketamine",))
    with pytest.raises(EvaluationRefused):
        sign(patient, spray, prescriber, facts)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"decision": "maybe"}, "Choose a decision"),
        ({"routes": ("rectal",)}, "Unknown route"),
        ({"routes": ()}, "which routes"),
        ({"decision": "not_eligible"}, "names no routes"),
        ({"decision": "not_eligible", "routes": ()}, "Write the reason"),
        ({"decision": "conditions"}, "Write the conditions"),
        ({"adequate_trials": 99}, "out of range"),
        ({"baseline_phq9": 28}, "out of range"),
        ({"baseline_gad7": -1}, "out of range"),
    ],
)
def test_an_incomplete_evaluation_says_what_is_missing(
    patient: Patient, draft: Draft, prescriber: User, changes: dict, message: str
) -> None:
    with pytest.raises(EvaluationRefused, match=message):
        sign(patient, dataclasses.replace(draft, **changes), prescriber)


def test_not_eligible_opens_no_route_and_a_later_word_is_an_addendum(
    patient: Patient, draft: Draft, prescriber: User, nurse: User, front_desk: User
) -> None:
    first = sign(patient, draft, prescriber)
    later = sign(
        patient,
        dataclasses.replace(
            draft,
            decision="more_info",
            routes=(),
            reason="Cardiology letter needed",
            reevaluate_on=dt.date(2026, 4, 1),
        ),
        prescriber,
    )
    assert selectors.eligible_routes(patient) == set()
    note = evaluation.addendum_add(evaluation=first, text="Letter received.", actor=nurse)
    with pytest.raises(EvaluationRefused):
        evaluation.addendum_add(evaluation=first, text="Hi", actor=front_desk)
    with pytest.raises(EvaluationRefused):
        evaluation.addendum_add(evaluation=first, text="  ", actor=nurse)
    first.refresh_from_db()
    assert first.note.startswith("Two failed SSRIs")  # the signed text stays as it was
    assert [a.text for a in selectors.addenda(first)] == ["Letter received."]
    assert note.author == nurse
    assert later.reevaluate_on == dt.date(2026, 4, 1)
