"""Demo clinical records before treatment: consent documents, and patients at each stage
(link sent, intake started, complete and waiting, eligible, eligible after an acknowledged
benzodiazepine caution, not eligible for an absolute contraindication), with believable
histories. Invented people; nothing here is a real patient."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.core import clock
from clinic.intake import consent, evaluation, questions, selectors, services
from clinic.intake.defaults import defaults_ensure
from clinic.intake.models import ConsentDocument, DiagnosisCode, Intake
from clinic.patients.models import Patient

DOCUMENTS: tuple[tuple[str, str, str, list[str]], ...] = (
    (
        "ketamine",
        "Consent to ketamine treatment (off-label)",
        "Ketamine is approved as an anaesthetic; its use for depression, anxiety and PTSD is "
        "off-label. It can cause dissociation, raised blood pressure, nausea and drowsiness. "
        "You will be monitored throughout and must not drive until the next day. You may "
        "stop at any time.",
        ["iv", "im", "intranasal", "oral"],
    ),
    (
        "esketamine",
        "Consent to esketamine (Spravato) and REMS enrolment acknowledgement",
        "Esketamine nasal spray is given only in a certified setting, under the Spravato "
        "REMS. You will be watched for at least two hours after each dose, and you agree to "
        "be enrolled in the REMS. You must not drive until the next day after a good night's "
        "sleep.",
        ["esketamine"],
    ),
    (
        "financial",
        "Financial policy",
        "Sessions are paid on the day unless your insurer has approved them in advance. "
        "Cancelling less than 24 hours before costs half the session fee.",
        [],
    ),
)

NO_PSYCH = dict.fromkeys((q.name for q in questions.PSYCHIATRIC), "no")
NO_MEDICAL = dict.fromkeys((q.name for q in questions.MEDICAL), "no")
TRIALS = {
    "rows": [
        {"drug": "Sertraline", "dose": "150 mg", "weeks": "10", "response": "partial"},
        {"drug": "Bupropion XL", "dose": "300 mg", "weeks": "8", "response": "none"},
        {"drug": "Venlafaxine XR", "dose": "225 mg", "weeks": "12", "response": "good"},
    ]
}


def _answers(*, medical: dict[str, Any], medications: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "about": {"legal_name": "", "pronouns": ""},
        "contacts": {"driver_name": "A family member", "emergency_relationship": "Family"},
        "psychiatric": NO_PSYCH | {"diagnoses": "Major depression, recurrent"},
        "medical": NO_MEDICAL | medical,
        "pregnancy": {"pregnant": "no", "breastfeeding": "no"},
        "allergies": {"allergies": "None known"},
        "medications": {"rows": medications},
        "trials": TRIALS,
        "body": {"weight": "72.0", "weight_unit": "kg", "height_cm": "170"},
    }


def seed_intake(patients: dict[str, Patient]) -> int:
    """Returns how many intakes were added (none when the demo already has them)."""
    defaults_ensure()
    if not ConsentDocument.objects.exists():
        for kind, title, body, routes in DOCUMENTS:
            consent.consent_document_publish(
                kind=kind, title=title, body=body, routes=routes, actor=None
            )
    if Intake.objects.exists():
        return 0
    prescriber = next(u for u in User.objects.filter(is_active=True) if Role.PRESCRIBER in u.roles)
    documents = {d.kind: d for d in selectors.current_documents()}
    sertraline = {
        "name": "Sertraline",
        "dose": "100 mg",
        "how_often": "daily",
        "kind": "antidepressant",
    }
    stages: list[tuple[str, str, dict[str, Any]]] = [
        ("Rachel", "sent", {}),
        ("Samuel", "started", {}),
        ("Jordan", "eligible", _answers(medical={}, medications=[sertraline])),
        (
            "Maria",
            "caution",
            _answers(
                medical={},
                medications=[
                    sertraline,
                    {
                        "name": "Lorazepam",
                        "dose": "0.5 mg",
                        "how_often": "at night",
                        "kind": "benzodiazepine",
                    },
                ],
            ),
        ),
        ("Linh", "absolute", _answers(medical={"avm": "yes"}, medications=[sertraline])),
        ("Tomas", "esketamine", _answers(medical={}, medications=[sertraline])),
    ]
    added = 0
    for first_name, stage, answers in stages:
        patient = patients.get(first_name)
        if patient is None:
            continue
        services.intake_link_send(patient=patient, actor=prescriber)
        added += 1
        if stage == "sent":
            continue
        intake = services.intake_open(patient=patient, actor=None)
        if stage == "started":
            services.intake_answer(
                intake=intake, section="allergies", answers={"allergies": "Penicillin"}, actor=None
            )
            continue
        for section, data in answers.items():
            services.intake_answer(intake=intake, section=section, answers=data, actor=None)
        services.intake_complete(intake=intake, actor=None)
        services.intake_lock(intake=intake, actor=prescriber)
        if stage == "caution":  # a nurse's correction at the desk, after the lock
            nurse = next(
                (u for u in User.objects.filter(is_active=True) if Role.NURSE in u.roles), None
            )
            services.intake_answer(
                intake=intake,
                section="allergies",
                answers={"allergies": "None known; latex makes her skin itch (told the nurse)"},
                actor=nurse or prescriber,
            )
        consent.consent_sign_online(
            patient=patient,
            document=documents["esketamine" if stage == "esketamine" else "ketamine"],
            typed_name=patient.full_name,
            agreed=True,
        )
        _evaluate(patient, stage, intake, prescriber)
    return added


def _evaluate(patient: Patient, stage: str, intake: Intake, prescriber: User) -> None:
    facts = questions.facts_from(selectors.current_answers(intake))
    base = evaluation.Draft(
        diagnosis=DiagnosisCode.objects.get(code="F33.2"),
        adequate_trials=3,
        resistance_met=True,
        decision="eligible",
        routes=("iv",),
        baseline_phq9=19,
        baseline_gad7=12,
        note="Three adequate antidepressant trials without remission; no psychosis or mania.",
        reevaluate_on=clock.today() + dt.timedelta(days=180),
    )
    if stage == "caution":
        base = dataclasses.replace(
            base,
            acknowledged={"cns-depressants"},
            caution_reasons={
                "cns-depressants": "Low dose at night only; held on session days (see conditions)."
            },
            decision="conditions",
            conditions="No lorazepam on session days; blood pressure under 140/90.",
        )
    elif stage == "esketamine":  # an oral antidepressant continues alongside (label use)
        base = dataclasses.replace(base, routes=("esketamine",))
    elif stage == "absolute":
        base = dataclasses.replace(
            base,
            decision="not_eligible",
            routes=(),
            reason="Known arteriovenous malformation: ketamine raises blood pressure. "
            "Referred back to the treating psychiatrist.",
        )
    evaluation.evaluation_sign(
        patient=patient, draft=base, facts=facts, book=selectors.rule_book(), actor=prescriber
    )
