"""The intake record: answers appended and never overwritten, the patient's link closed by
the lock, staff corrections marked, crisis language alerting clinicians at once with no
health details, everything encrypted at rest, and the answers read as screening facts."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.db import connection

from clinic.accounts.models import User
from clinic.audit.models import AuditEvent
from clinic.intake import links, questions, selectors, services
from clinic.intake.models import Intake, IntakeEntry
from clinic.intake.screening import Status
from clinic.locations.models import Location
from clinic.patients.tests.factories import make_patient

pytestmark = pytest.mark.django_db

HISTORY = {
    "bipolar": "no",
    "psychosis_now": "no",
    "diagnoses": "Major depression since 2015; CANARY-HX-7731",
}
MEDICATIONS = {
    "rows": [
        {
            "name": "Lorazepam CANARY-MED-19",
            "dose": "1 mg",
            "how_often": "at night",
            "kind": "benzodiazepine",
        },
        {"name": "Sertraline", "dose": "100 mg", "how_often": "daily", "kind": "antidepressant"},
    ]
}
TRIALS = {
    "rows": [
        {
            "drug": "Fluoxetine",
            "dose": "40 mg",
            "weeks": "8",
            "response": "none",
            "why_stopped": "no effect",
        },
        {
            "drug": "Bupropion",
            "dose": "300 mg",
            "weeks": "4",
            "response": "partial",
            "why_stopped": "anxiety",
        },
        {
            "drug": "Venlafaxine",
            "dose": "225 mg",
            "weeks": "12",
            "response": "none",
            "why_stopped": "",
        },
    ]
}


def _intake(plano: Location) -> Intake:
    patient = make_patient(plano, first_name="Ivy", last_name="Intake")
    return services.intake_open(patient=patient, actor=None)


def test_answers_are_appended_and_the_newest_is_current(plano: Location, nurse: User) -> None:
    intake = _intake(plano)
    services.intake_answer(intake=intake, section="psychiatric", answers=HISTORY, actor=None)
    assert Intake.objects.get(pk=intake.pk).status == Intake.Status.STARTED
    changed = dict(HISTORY, bipolar="yes")
    services.intake_answer(intake=intake, section="psychiatric", answers=changed, actor=None)
    assert selectors.current_answers(intake)["psychiatric"]["bipolar"] == "yes"
    assert [e.answers["bipolar"] for e in selectors.history(intake, "psychiatric")] == ["no", "yes"]
    assert IntakeEntry.objects.count() == 2


def test_the_lock_closes_the_link_and_staff_corrections_are_marked(
    plano: Location, nurse: User, front_desk: User
) -> None:
    intake = _intake(plano)
    services.intake_answer(
        intake=intake, section="allergies", answers={"allergies": "none"}, actor=None
    )
    services.intake_complete(intake=intake, actor=None)
    services.intake_lock(intake=intake, actor=front_desk)
    services.intake_lock(intake=intake, actor=front_desk)  # twice: once in the trail
    assert AuditEvent.objects.filter(action="intake_locked").count() == 1
    with pytest.raises(services.IntakeClosed):
        services.intake_answer(
            intake=intake, section="allergies", answers={"allergies": "x"}, actor=None
        )
    saved = services.intake_answer(
        intake=intake, section="allergies", answers={"allergies": "penicillin"}, actor=nurse
    )
    assert saved.entry.after_lock is True
    assert saved.entry.entered_by == nurse
    first, second = selectors.history(intake, "allergies")
    assert first.answers == {"allergies": "none"}  # the original stays readable
    assert second.answers == {"allergies": "penicillin"}
    with pytest.raises(services.UnknownSection):
        services.intake_answer(intake=intake, section="nope", answers={}, actor=nurse)


def test_crisis_language_alerts_the_clinicians_with_no_health_details(
    plano: Location, nurse: User, prescriber: User
) -> None:
    intake = _intake(plano)
    mail.outbox.clear()
    quiet = services.intake_answer(
        intake=intake, section="psychiatric", answers=HISTORY, actor=None
    )
    assert quiet.crisis is False
    saved = services.intake_answer(
        intake=intake,
        section="psychiatric",
        answers=dict(HISTORY, notes="Some days I want to die"),
        actor=None,
    )
    assert saved.crisis is True
    alerts = [m for m in mail.outbox if "intake needs a clinician" in m.subject]
    assert len(alerts) == 1
    assert sorted(alerts[0].to) == sorted([nurse.email, prescriber.email])
    assert "want to die" not in alerts[0].body
    assert "Ivy" not in alerts[0].body
    event = AuditEvent.objects.filter(action="intake_answered").latest("pk")
    assert event.details == {"section": "psychiatric", "by_patient": True, "crisis": True}
    in_a_list = services.intake_answer(
        intake=intake,
        section="trials",
        answers={"rows": [{"drug": "x", "why_stopped": "made me suicidal"}]},
        actor=None,
    )
    assert in_a_list.crisis is True


def test_answers_are_encrypted_at_rest(plano: Location) -> None:
    intake = _intake(plano)
    services.intake_answer(intake=intake, section="psychiatric", answers=HISTORY, actor=None)
    services.intake_answer(intake=intake, section="medications", answers=MEDICATIONS, actor=None)
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM intake_intakeentry")
        rows = [r[0] for r in cursor.fetchall()]
    assert all(r.startswith("v1:") for r in rows)
    assert not any("CANARY" in r or "Lorazepam" in r for r in rows)


def test_the_answers_screen_as_facts(plano: Location) -> None:
    intake = _intake(plano)
    services.intake_answer(intake=intake, section="medications", answers=MEDICATIONS, actor=None)
    services.intake_answer(
        intake=intake, section="medical", answers={"avm": "yes", "hypertension": "no"}, actor=None
    )
    services.intake_answer(intake=intake, section="trials", answers=TRIALS, actor=None)
    assert questions.facts_from(selectors.current_answers(intake)) == {"avm", "med:benzodiazepine"}
    iv = selectors.screening(intake, "iv")
    assert iv.status is Status.BLOCKED
    assert [f.rule.code for f in iv.findings] == ["racemic-vascular", "cns-depressants"]
    assert questions.adequate_trials(selectors.current_answers(intake)) == 2


def test_bipolar_without_a_mood_stabiliser_is_a_fact() -> None:
    assert questions.facts_from({"psychiatric": {"bipolar": "yes"}}) == {
        "bipolar_no_mood_stabiliser"
    }
    assert (
        questions.facts_from({"psychiatric": {"bipolar": "yes", "mood_stabiliser": "yes"}}) == set()
    )
    assert questions.facts_from({"medications": {"rows": [{"kind": "vitamin"}]}}) == set()


def test_every_question_states_a_known_fact_and_sections_are_unique() -> None:
    from clinic.intake.rules import FACTS

    assert len({s.code for s in questions.SECTIONS}) == len(questions.SECTIONS)
    for section in questions.SECTIONS:
        for question in section.questions:
            assert not question.fact or question.fact in FACTS, question.name
    assert list(questions.free_texts("nope", {"x": "y"})) == []
    assert questions.adequate_trials({"trials": {"rows": [{"weeks": "six"}, {"weeks": ""}]}}) == 0


def test_the_link_is_signed_for_one_intake_and_expires(plano: Location, settings: object) -> None:
    intake = _intake(plano)
    token = links.intake_token(intake.code, 1)
    assert links.intake_from(token) == (intake.code, 1)
    assert links.intake_from(token[:-2] + "xx") is None
    assert links.intake_from("garbage") is None
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=15)):
        assert links.intake_from(token) is None
