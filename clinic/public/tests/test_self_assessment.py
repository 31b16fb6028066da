"""The anonymous self-assessment: one question per screen, the crisis path, nothing stored."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from clinic.audit.models import AuditEvent
from clinic.enquiries.models import Enquiry
from clinic.questionnaires.instruments import GAD7, PCL5, PHQ9, Instrument

pytestmark = pytest.mark.django_db


def _walk(client: Client, instrument: Instrument, answers: dict[int, int]):
    """Answer every screen as a visitor would; return the responses in order."""
    url = f"/self-assessment/{instrument.code}/"
    responses = [client.post(url, {"action": "start"})]
    sent: dict[str, str] = {}
    for item in instrument.items:
        data = {**sent, "current": str(item.number)}
        if item.number in answers:
            data |= {"action": "next", "answer": str(answers[item.number])}
            sent[f"a{item.number}"] = str(answers[item.number])
        else:
            data |= {"action": "skip"}
        responses.append(client.post(url, data))
    return responses


def test_intro_says_it_is_not_a_diagnosis_and_stores_nothing() -> None:
    response = Client().get("/self-assessment/phq-9/")
    assert response.status_code == 200
    assert b"This is not a diagnosis" in response.content
    assert "no-store" in response["Cache-Control"]


def test_one_question_per_screen_then_the_result() -> None:
    client = Client()
    responses = _walk(client, PHQ9, dict.fromkeys(range(1, 9), 1) | {9: 0, 10: 1})
    first = responses[0].content.decode()
    assert "Question 1 of 10" in first
    assert "Little interest or pleasure" in first
    assert "Feeling down" not in first
    result = responses[-1].content.decode()
    assert "Your PHQ-9 result" in result
    assert '<span class="score-number">8</span> out of 27' in result
    assert "Mild" in result
    assert "This is not a diagnosis" in result
    assert "You don't have to go through this alone" not in result


@pytest.mark.parametrize("item9", [1, 2, 3])
def test_item9_above_zero_shows_crisis_resources_at_once_and_above_the_score(item9: int) -> None:
    client = Client()
    answers = dict.fromkeys(range(1, 9), 0) | {9: item9}
    responses = _walk(client, PHQ9, answers)
    right_after = responses[9].content.decode()  # the screen after item 9
    assert "You don't have to go through this alone" in right_after
    assert 'href="tel:988"' in right_after
    assert 'href="sms:988"' in right_after
    assert 'href="tel:911"' in right_after
    result = responses[-1].content.decode()
    assert result.index("crisis-heading") < result.index("score-number")


def test_item9_at_zero_shows_no_crisis_panel() -> None:
    responses = _walk(Client(), PHQ9, dict.fromkeys(range(1, 9), 3) | {9: 0})
    assert all(b"crisis-heading" not in r.content for r in responses)


def test_a_missing_answer_is_asked_again_with_a_clear_message() -> None:
    client = Client()
    response = client.post("/self-assessment/gad-7/", {"action": "next", "current": "1"})
    assert response.status_code == 400
    assert b"Please choose one of the answers." in response.content
    bad = client.post("/self-assessment/gad-7/", {"action": "next", "current": "1", "answer": "7"})
    assert bad.status_code == 400


def test_scored_questions_cannot_be_skipped_but_difficulty_can() -> None:
    client = Client()
    response = client.post("/self-assessment/phq-9/", {"action": "skip", "current": "3"})
    assert response.status_code == 400
    assert b"needs an answer" in response.content
    responses = _walk(client, GAD7, dict.fromkeys(range(1, 8), 2))  # difficulty skipped
    assert b"14</span> out of 21" in responses[-1].content


def test_back_returns_to_the_previous_question_keeping_answers() -> None:
    client = Client()
    response = client.post(
        "/self-assessment/phq-9/", {"action": "back", "current": "3", "a1": "2", "a2": "1"}
    )
    body = response.content.decode()
    assert "Question 2 of 10" in body
    assert 'name="a1" value="2"' in body


def test_forged_hidden_answers_are_ignored_not_scored() -> None:
    client = Client()
    data = {f"a{n}": "9" for n in range(1, 10)} | {"action": "next", "current": "10", "answer": "0"}
    response = client.post("/self-assessment/phq-9/", data)
    assert response.status_code == 200
    assert b"Question 1 of 10" in response.content  # sent back to the first unanswered question


def test_pcl5_result_reads_against_the_cutpoint() -> None:
    responses = _walk(Client(), PCL5, dict.fromkeys(range(1, 21), 2))
    body = responses[-1].content.decode()
    assert '<span class="score-number">40</span> out of 80' in body
    assert "At or above the screening cut-point" in body


def test_nothing_is_stored_while_taking_a_self_assessment() -> None:
    _walk(Client(), PHQ9, dict.fromkeys(range(1, 10), 2))
    assert Enquiry.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    assert Session.objects.count() == 0


def test_unknown_questionnaire_is_a_404() -> None:
    assert Client().get("/self-assessment/madrs/").status_code == 404
