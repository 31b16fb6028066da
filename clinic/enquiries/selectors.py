"""Reads for website requests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from clinic.enquiries.models import CallAttempt, Enquiry
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.questionnaires.instruments import INSTRUMENTS

INSTRUMENTS_BY_NAME = {i.name: i for i in INSTRUMENTS.values()}


def calls_for(enquiry: Enquiry) -> list[CallAttempt]:
    """The call attempts logged on a request, latest first."""
    return list(CallAttempt.objects.filter(enquiry=enquiry).select_related("by").order_by("-at"))


def inbox(
    visible: QuerySet[Enquiry],
    *,
    status: str = "open",
    location: Location | None = None,
    urgent_only: bool = False,
    limit: int = 200,
) -> list[Enquiry]:
    """Requests among `visible` (the access helper's), urgent first then oldest first.
    `status`: "open" (new or in progress), "" (any) or one status."""
    enquiry = visible.select_related("preferred_location", "assigned_to")
    if status == "open":
        enquiry = enquiry.filter(status__in=Enquiry.OPEN)
    elif status:
        enquiry = enquiry.filter(status=status)
    if location is not None:
        enquiry = enquiry.filter(preferred_location=location)
    if urgent_only:
        enquiry = enquiry.filter(urgent=True)
    return list(enquiry.order_by("-urgent", "created_at")[:limit])


def enquiries_for_patient(patient: Patient) -> list[Enquiry]:
    """The requests that became (or were joined to) this record, newest first, each with its
    call attempts (latest first) in `call_log`. The caller already holds the record."""
    calls = CallAttempt.objects.select_related("by").order_by("-at")
    return list(
        Enquiry.objects.filter(patient=patient)
        .select_related("preferred_location")
        .prefetch_related(Prefetch("calls", queryset=calls, to_attr="call_log"))
        .order_by("-created_at")
    )


def split_name(name: str) -> tuple[str, str]:
    """A best guess at first and last name from the one name a visitor typed, for staff to
    check: the last word is the last name ("Mary Ann Smith" -> "Mary Ann", "Smith")."""
    words = name.split()
    if len(words) < 2:
        return (words[0] if words else "", "")
    return " ".join(words[:-1]), words[-1]


@dataclass(frozen=True)
class SelfScore:
    instrument: str  # "PHQ-9", "GAD-7"
    total: int
    at: dt.datetime  # when the request with it came in


def self_scores(patient: Patient) -> dict[str, SelfScore]:
    """The newest complete self-assessment score of each instrument sent with this record's
    requests (scored by the questionnaire engine when the request came in). Incomplete ones
    are left out: never read as if complete. The caller already holds the record."""
    found: dict[str, SelfScore] = {}
    for enquiry in Enquiry.objects.filter(patient=patient).order_by("-created_at", "-pk"):
        data = enquiry.assessment_data or {}
        name = data.get("instrument")
        instrument = INSTRUMENTS_BY_NAME.get(str(name))
        if instrument is None or name in found:
            continue
        answers = data.get("answers") or {}
        if len(answers) < len(instrument.scored_items) or not isinstance(data.get("total"), int):
            continue
        found[str(name)] = SelfScore(
            instrument=str(name), total=data["total"], at=enquiry.created_at
        )
    return found
