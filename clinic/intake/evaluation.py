"""The prescriber's eligibility evaluation: signed once and locked, with its screening as it
stood (findings, the prescriber's override reasons and acknowledgements) kept with it; later
words are addenda. Only a prescriber signs."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from django.db import transaction

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.context import Acting
from clinic.intake.audit_actions import IntakeAction
from clinic.intake.models import Addendum, DiagnosisCode, Evaluation
from clinic.intake.screening import ROUTE_LABELS, ROUTES, RuleBook, Severity, Status
from clinic.patients.models import Patient

ALLOWING = (Evaluation.Decision.ELIGIBLE, Evaluation.Decision.CONDITIONS)


class EvaluationRefused(ValueError):
    """The evaluation cannot be signed as it stands; the message says what is missing."""


@dataclass(frozen=True)
class Draft:
    diagnosis: DiagnosisCode
    adequate_trials: int
    resistance_met: bool
    decision: str
    routes: tuple[str, ...] = ()
    baseline_phq9: int | None = None
    baseline_gad7: int | None = None
    overrides: Mapping[str, str] = field(default_factory=dict)  # rule code -> reason
    acknowledged: Collection[str] = ()
    caution_reasons: Mapping[str, str] = field(default_factory=dict)  # rule code -> why go on
    conditions: str = ""
    reason: str = ""
    note: str = ""
    reevaluate_on: dt.date | None = None


def _check(draft: Draft, book: RuleBook, facts: Collection[str]) -> dict[str, object]:
    if draft.decision not in Evaluation.Decision.values:
        raise EvaluationRefused("Choose a decision.")
    if not set(draft.routes) <= set(ROUTES):
        raise EvaluationRefused("Unknown route.")
    if not 0 <= draft.adequate_trials <= 50:
        raise EvaluationRefused("The number of adequate antidepressant trials is out of range.")
    for score, top in ((draft.baseline_phq9, 27), (draft.baseline_gad7, 21)):
        if score is not None and not 0 <= score <= top:
            raise EvaluationRefused("A baseline score is out of range.")
    allowing = draft.decision in ALLOWING
    if allowing and not draft.routes:
        raise EvaluationRefused("Say which routes the patient is eligible for.")
    if not allowing and draft.routes:
        raise EvaluationRefused("A decision that does not allow treatment names no routes.")
    if draft.decision == Evaluation.Decision.CONDITIONS and not draft.conditions.strip():
        raise EvaluationRefused("Write the conditions.")
    refusing = (Evaluation.Decision.NOT_ELIGIBLE, Evaluation.Decision.MORE_INFO)
    if draft.decision in refusing and not draft.reason.strip():
        raise EvaluationRefused("Write the reason (what is missing, or why not).")
    kept: dict[str, object] = {}
    for route in draft.routes:
        screening = book.screen(
            facts, route, overrides=draft.overrides, acknowledged=draft.acknowledged
        )
        if screening.status is Status.BLOCKED:
            raise EvaluationRefused(
                f"{ROUTE_LABELS[route]}: an absolute contraindication needs your written "
                "reason to override."
            )
        if screening.status is Status.CAUTION:
            raise EvaluationRefused(
                f"{ROUTE_LABELS[route]}: acknowledge each caution before signing."
            )
        for finding in screening.findings:
            if (
                finding.acknowledged
                and not draft.caution_reasons.get(finding.rule.code, "").strip()
            ):
                raise EvaluationRefused(
                    f"Write your reason for going ahead despite: {finding.rule.label}."
                )
        kept[route] = [
            {
                "rule": f.rule.code,
                "label": f.rule.label,
                "severity": str(f.rule.severity),
                "override": f.override_reason,
                "acknowledged": f.acknowledged,
                "reason": draft.caution_reasons.get(f.rule.code, "").strip(),
            }
            for f in screening.findings
            if f.rule.severity is Severity.ABSOLUTE or f.acknowledged
        ]
    return kept


@transaction.atomic
def evaluation_sign(
    *,
    patient: Patient,
    draft: Draft,
    facts: Collection[str],
    book: RuleBook,
    actor: User,
    ctx: Acting | None = None,
) -> Evaluation:
    """Sign the evaluation (only a prescriber). `facts` are the intake's screening facts as
    the prescriber saw them; what was overridden or acknowledged is kept with the note."""
    if Role.PRESCRIBER not in actor.roles:
        raise EvaluationRefused("Only a prescriber signs an eligibility evaluation.")
    kept = _check(draft, book, facts)
    evaluation = Evaluation.objects.create(
        patient=patient,
        prescriber=actor,
        diagnosis=draft.diagnosis,
        adequate_trials=draft.adequate_trials,
        resistance_met=draft.resistance_met,
        baseline_phq9=draft.baseline_phq9,
        baseline_gad7=draft.baseline_gad7,
        decision=draft.decision,
        routes=[r for r in ROUTES if r in draft.routes],
        screening=json.dumps(kept, sort_keys=True),
        conditions=draft.conditions.strip(),
        reason=draft.reason.strip(),
        note=draft.note.strip(),
        reevaluate_on=draft.reevaluate_on,
        signed_at=clock.now(),
    )
    audit_record(
        action=IntakeAction.EVALUATION_SIGNED,
        actor=actor,
        ctx=ctx,
        obj=evaluation,
        patient_code=patient.code,
        details={"decision": draft.decision, "routes": evaluation.routes},
    )
    return evaluation


@transaction.atomic
def addendum_add(
    *, evaluation: Evaluation, text: str, actor: User, ctx: Acting | None = None
) -> Addendum:
    """A later word on a signed evaluation, by a clinician; the evaluation is unchanged."""
    if not (actor.roles & {Role.PRESCRIBER, Role.NURSE}):
        raise EvaluationRefused("Only a clinician adds to a clinical note.")
    clean = text.replace("\x00", "").strip()
    if not clean or len(clean) > 5000:
        raise EvaluationRefused("Write the addendum (at most 5,000 characters).")
    addendum = Addendum.objects.create(evaluation=evaluation, author=actor, text=clean)
    audit_record(
        action=IntakeAction.ADDENDUM_ADDED,
        actor=actor,
        ctx=ctx,
        obj=addendum,
        patient_code=evaluation.patient.code,
        details={"evaluation": str(evaluation.code)},
    )
    return addendum
