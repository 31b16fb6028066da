from __future__ import annotations

import pytest

from clinic.core.safety import mentions_self_harm


@pytest.mark.parametrize(
    "text",
    [
        "I have been thinking about suicide",
        "Sometimes I feel SUICIDAL at night",
        "I want to kill myself",
        "i want to killmyself",
        "I think everyone would be better off dead without me",
        "I want to end my life",
        "I just want to end it all",
        "I don\u2019t want to be alive anymore",
        "I dont want to wake up",
        "I have been hurting myself",
        "history of self-harm",
        "I took an overdose last year",
        "I can't go on like this",
        "thoughts of  taking my own life",
    ],
)
def test_crisis_statements_are_recognised(text: str) -> None:
    assert mentions_self_harm(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Great article, thank you",
        "What does an infusion cost?",
        "I feel much better after my third session",
        "My insurance is Blue Cross",
        "I would like an evening appointment",
    ],
)
def test_ordinary_text_is_not_flagged(text: str) -> None:
    assert mentions_self_harm(text) is False
