"""Reads: who is waiting for what before treatment, for the front desk and prescribers
(stages only, no clinical detail), oldest first. A fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import QuerySet

from clinic.intake.evaluation import ALLOWING
from clinic.intake.models import Consent, ConsentDocument, Evaluation, Intake
from clinic.intake.screening import ROUTE_LABELS, ROUTES
from clinic.intake.selectors import current_documents
from clinic.patients.models import Patient

STAGES = {
    "intake_sent": "Intake sent, not started",
    "intake_started": "Intake started",
    "awaiting_evaluation": "Intake complete: awaiting evaluation",
    "decided": "Decision made",
    "reevaluation_due": "Re-evaluation due",
}


@dataclass(frozen=True)
class Waiting:
    patient: Patient
    stage: str  # a key of STAGES
    since: dt.datetime | dt.date | None
    consent_needed: str  # what is missing or out of date, in words; "" when all is current


def work_queue(
    visible: QuerySet[Patient], *, today: dt.date, location_id: int | None = None, limit: int = 200
) -> list[Waiting]:
    patients = visible.select_related("home_location")
    if location_id is not None:
        patients = patients.filter(home_location_id=location_id)
    intakes = {i.patient_id: i for i in Intake.objects.filter(patient__in=patients)}
    latest: dict[int, Evaluation] = {}
    for signed_note in Evaluation.objects.filter(patient__in=patients).order_by("signed_at", "pk"):
        latest[signed_note.patient_id] = signed_note
    documents = {d.kind: d for d in current_documents()}
    live: dict[int, dict[str, int]] = {}  # patient -> kind -> newest live signed version
    for patient_id, kind, document_id in (
        Consent.objects.filter(patient__in=patients, withdrawn_at__isnull=True)
        .order_by("signed_at", "pk")
        .values_list("patient_id", "document__kind", "document_id")
    ):
        live.setdefault(patient_id, {})[kind] = document_id
    ids = set(intakes) | set(latest)
    by_id = {p.pk: p for p in patients.filter(pk__in=ids)}
    rows = []
    for patient_id in ids:
        intake = intakes.get(patient_id)
        evaluation = latest.get(patient_id)
        since: dt.datetime | dt.date | None
        if evaluation is not None:
            due = evaluation.reevaluate_on is not None and evaluation.reevaluate_on <= today
            stage = "reevaluation_due" if due else "decided"
            since = evaluation.reevaluate_on if due else evaluation.signed_at
        elif intake is not None and intake.status in (Intake.Status.COMPLETE, Intake.Status.LOCKED):
            stage, since = "awaiting_evaluation", intake.completed_at or intake.locked_at
        elif intake is not None and intake.status == Intake.Status.STARTED:
            stage, since = "intake_started", intake.started_at
        else:
            stage, since = "intake_sent", intake.sent_at if intake else None
        allowed = (
            set(evaluation.routes)
            if evaluation is not None and evaluation.decision in ALLOWING
            else set()
        )
        needed = consent_gap(documents, live.get(patient_id, {}), eligible=allowed)
        rows.append(
            Waiting(patient=by_id[patient_id], stage=stage, since=since, consent_needed=needed)
        )
    return sorted(rows, key=_oldest_first)[:limit]


def consent_gap(
    documents: Mapping[str, ConsentDocument],
    live: Mapping[str, int],
    *,
    eligible: set[str],
) -> str:
    """What stands between the patient and treatment on consent, in words ("" when nothing):
    a signed consent with a newer version to sign; the financial policy, when the clinic
    has one; a consent for each route the patient is eligible for (before a decision, a
    consent for at least one route). Telehealth and release of information are asked for
    when they are used, so they are not counted here. Pure."""
    for kind, document in documents.items():
        if kind in live and live[kind] != document.pk:
            return f"New version to sign: {document.title}"
    financial = ConsentDocument.Kind.FINANCIAL
    if financial in documents and financial not in live:
        return f"Not signed: {documents[financial].title}"
    covered = {
        route
        for kind, document in documents.items()
        if live.get(kind) == document.pk
        for route in document.routes
    }
    if eligible:
        missing = [ROUTE_LABELS[r] for r in ROUTES if r in eligible and r not in covered]
        return f"No consent for {', '.join(missing)}" if missing else ""
    offered = any(d.routes for d in documents.values())
    return "No treatment consent yet" if offered and not covered else ""


def _oldest_first(row: Waiting) -> tuple[bool, dt.datetime, int]:
    """Oldest first; at the same moment, the record made first (never the order in which
    the database happened to return them)."""
    when = row.since
    if isinstance(when, dt.datetime):
        return (False, when, row.patient.pk)
    if isinstance(when, dt.date):
        return (False, dt.datetime.combine(when, dt.time(), tzinfo=dt.UTC), row.patient.pk)
    return (True, dt.datetime.max.replace(tzinfo=dt.UTC), row.patient.pk)  # never sent: last
