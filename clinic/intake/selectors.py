"""Reads of the clinical record before treatment."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from clinic.intake import questions
from clinic.intake.models import (
    Addendum,
    Consent,
    ConsentDocument,
    ContraindicationRule,
    Evaluation,
    InsuranceCard,
    Intake,
    IntakeEntry,
)
from clinic.intake.screening import ROUTE_LABELS, RuleBook, Screening
from clinic.patients.models import Patient


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
    weight_kg: Decimal | None  # as the patient gave it, converted from lb; not for dosing


def grouped(screenings: dict[str, Screening]) -> list[tuple[str, Screening]]:
    """Routes whose screening reads the same, together ("IV ketamine, IM ketamine": one
    line), in route order, so the same finding is not read five times."""
    groups: dict[tuple[object, ...], list[str]] = {}
    first: dict[tuple[object, ...], Screening] = {}
    for route, screening in screenings.items():
        key = (screening.status, tuple(f.rule.code for f in screening.findings))
        groups.setdefault(key, []).append(ROUTE_LABELS[route])
        first.setdefault(key, screening)
    return [(", ".join(labels), first[key]) for key, labels in groups.items()]


def summary(intake: Intake, answers: dict[str, dict[str, Any]] | None = None) -> Summary:
    """`answers`: the intake's current answers when the caller has already read them."""
    answers = current_answers(intake) if answers is None else answers
    book = rule_book()
    facts = questions.facts_from(answers)
    return Summary(
        allergies=str((answers.get("allergies") or {}).get("allergies", "")),
        medications=list((answers.get("medications") or {}).get("rows", [])),
        screenings=grouped(book.screen_all(facts)),
        adequate_trials=questions.adequate_trials(answers),
        answered=len(answers),
        weight_kg=questions.weight_kg(answers),
    )


@dataclass(frozen=True)
class ConsentLine:
    """One kind of consent for one patient, as the chart shows it."""

    document: ConsentDocument  # the current version
    consent: Consent | None  # the newest signature of any version, not withdrawn
    state: str  # "current", "re-consent" (signed an older version), "missing", "withdrawn"


def current_documents() -> list[ConsentDocument]:
    """The newest version of each kind of consent document."""
    newest: dict[str, ConsentDocument] = {}
    for document in ConsentDocument.objects.order_by("kind", "-version"):
        newest.setdefault(document.kind, document)
    return list(newest.values())


def current_documents_queryset() -> QuerySet[ConsentDocument]:
    """The current versions as a queryset (for a form's choices)."""
    return ConsentDocument.objects.filter(pk__in=[d.pk for d in current_documents()])


def consent_lines(patient: Patient) -> list[ConsentLine]:
    """Each current document with where the patient stands (two queries)."""
    signed = list(
        Consent.objects.filter(patient=patient)
        .select_related("document")
        .order_by("-signed_at", "-pk")
    )
    lines = []
    for document in current_documents():
        mine = [c for c in signed if c.document.kind == document.kind]
        live = next((c for c in mine if c.withdrawn_at is None), None)
        if live is not None and live.document_id == document.pk:
            state = "current"
        elif live is not None:
            state = "re-consent"
        elif mine:
            state = "withdrawn"
        else:
            state = "missing"
        lines.append(
            ConsentLine(document=document, consent=live or (mine[0] if mine else None), state=state)
        )
    return lines


def consented_routes(patient: Patient) -> set[str]:
    """Routes covered by a consent to the current version, not withdrawn."""
    routes: set[str] = set()
    for line in consent_lines(patient):
        if line.state == "current":
            routes |= set(line.document.routes)
    return routes


def consent_by_code(code: uuid.UUID) -> Consent | None:
    """A consent by its code, with its patient; the caller checks the patient is in reach
    (patients.access) before showing or changing anything."""
    return Consent.objects.select_related("document", "scan", "patient").filter(code=code).first()


def latest_evaluation(patient: Patient) -> Evaluation | None:
    return (
        Evaluation.objects.filter(patient=patient)
        .select_related("diagnosis", "prescriber")
        .order_by("-signed_at", "-pk")
        .first()
    )


def eligible_routes(patient: Patient) -> set[str]:
    """The routes the newest signed evaluation allows (none when it does not allow any)."""
    evaluation = latest_evaluation(patient)
    if evaluation is None or evaluation.decision not in (
        Evaluation.Decision.ELIGIBLE,
        Evaluation.Decision.CONDITIONS,
    ):
        return set()
    return set(evaluation.routes)


def addenda(evaluation: Evaluation) -> list[Addendum]:
    return list(
        Addendum.objects.filter(evaluation=evaluation)
        .select_related("author")
        .order_by("created_at", "pk")
    )


def evaluation_by_code(code: uuid.UUID) -> Evaluation | None:
    """An evaluation with its patient; the caller checks the patient is in reach."""
    return Evaluation.objects.select_related("patient").filter(code=code).first()


@dataclass(frozen=True)
class SectionRecord:
    """One section of the intake as the chart shows it: the current answers and every
    earlier entry, with who gave each and when."""

    section: questions.Section
    entries: list[IntakeEntry]  # oldest first; the last is current

    @property
    def current(self) -> IntakeEntry | None:
        return self.entries[-1] if self.entries else None


def intake_record(intake: Intake, *, clinical: bool) -> list[SectionRecord]:
    """Every section in order with its entries (one query). Without `clinical`, only the
    sections that hold no health information (name, contacts, own clinicians, insurance)."""
    by_section: dict[str, list[IntakeEntry]] = {}
    for entry in (
        IntakeEntry.objects.filter(intake=intake)
        .select_related("entered_by")
        .order_by("created_at", "pk")
    ):
        by_section.setdefault(entry.section, []).append(entry)
    return [
        SectionRecord(section=s, entries=by_section.get(s.code, []))
        for s in questions.SECTIONS
        if clinical or not s.clinical
    ]


def insurance_cards(intake: Intake) -> dict[str, InsuranceCard]:
    """The newest card of each side ("front", "back") (one query)."""
    newest: dict[str, InsuranceCard] = {}
    for card in InsuranceCard.objects.filter(intake=intake).order_by("created_at", "pk"):
        newest[card.side] = card
    return newest


def insurance_card_by_code(code: uuid.UUID) -> InsuranceCard | None:
    return InsuranceCard.objects.select_related("intake__patient", "file").filter(code=code).first()


@dataclass(frozen=True)
class GivenIdentity:
    """What the patient wrote in "About you", for the desk to see beside the record (the
    record's own name and birth date change only when staff edit them)."""

    legal_name: str
    preferred_name: str
    pronouns: str
    legal_name_differs: bool  # from the record's first and last name


def given_identity(
    intake: Intake, patient: Patient, answers: dict[str, dict[str, Any]] | None = None
) -> GivenIdentity:
    answers = current_answers(intake) if answers is None else answers
    about = answers.get("about") or {}

    def text(name: str) -> str:
        value = about.get(name)
        return " ".join(value.split()) if isinstance(value, str) else ""

    legal = text("legal_name")
    on_record = " ".join(f"{patient.first_name} {patient.last_name}".split())
    return GivenIdentity(
        legal_name=legal,
        preferred_name=text("preferred_name"),
        pronouns=text("pronouns"),
        legal_name_differs=bool(legal) and legal.casefold() != on_record.casefold(),
    )
