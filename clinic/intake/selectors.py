"""Reads of the clinical record before treatment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from clinic.intake import questions
from clinic.intake.models import ContraindicationRule, Intake, IntakeEntry
from clinic.intake.screening import ROUTE_LABELS, RuleBook, Screening


def rule_book() -> RuleBook:
    """The clinic's active contraindication rules, in their order (one query)."""
    return RuleBook(r.as_rule() for r in ContraindicationRule.objects.filter(active=True))


def current_answers(intake: Intake) -> dict[str, dict[str, Any]]:
    """Each section's newest answers (one query, whatever the number of entries)."""
    latest: dict[str, dict[str, Any]] = {}
    for entry in IntakeEntry.objects.filter(intake=intake).order_by("created_at", "pk"):
        latest[entry.section] = entry.answers
    return latest


def history(intake: Intake, section: str) -> list[IntakeEntry]:
    """Every entry of a section, oldest first: what was given, by whom and when."""
    return list(
        IntakeEntry.objects.filter(intake=intake, section=section)
        .select_related("entered_by")
        .order_by("created_at", "pk")
    )


def screening(intake: Intake, route: str, book: RuleBook | None = None) -> Screening:
    """The contraindication screening of the intake's current answers for one route."""
    return (book or rule_book()).screen(questions.facts_from(current_answers(intake)), route)


@dataclass(frozen=True)
class Summary:
    """What a clinician reads first: allergies, screening per route, current medicines."""

    allergies: str
    medications: list[dict[str, Any]]
    screenings: list[tuple[str, Screening]]  # (route label, screening), every route
    adequate_trials: int
    answered: int  # sections answered


def summary(intake: Intake) -> Summary:
    answers = current_answers(intake)
    book = rule_book()
    facts = questions.facts_from(answers)
    return Summary(
        allergies=str((answers.get("allergies") or {}).get("allergies", "")),
        medications=list((answers.get("medications") or {}).get("rows", [])),
        screenings=[(ROUTE_LABELS[r], s) for r, s in book.screen_all(facts).items()],
        adequate_trials=questions.adequate_trials(answers),
        answered=len(answers),
    )
