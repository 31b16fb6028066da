"""What stands between a patient and treatment on consent: a newer version to sign, the
financial policy, a consent for each route the patient is eligible for (before a decision,
for at least one route). Telehealth and release of information are not counted."""

from __future__ import annotations

import pytest

from clinic.intake.models import ConsentDocument
from clinic.intake.queue import consent_gap


def _doc(pk: int, kind: str, routes: list[str]) -> ConsentDocument:
    return ConsentDocument(pk=pk, kind=kind, version=1, title=kind.capitalize(), routes=routes)


KETAMINE = _doc(1, "ketamine", ["iv", "im", "intranasal", "oral"])
ESKETAMINE = _doc(2, "esketamine", ["esketamine"])
FINANCIAL = _doc(3, "financial", [])
TELEHEALTH = _doc(4, "telehealth", [])
ALL = {d.kind: d for d in (KETAMINE, ESKETAMINE, FINANCIAL, TELEHEALTH)}


@pytest.mark.parametrize(
    ("live", "eligible", "expected"),
    [
        ({}, set(), "Not signed: Financial"),
        ({"financial": 3}, set(), "No treatment consent yet"),
        ({"financial": 3, "ketamine": 1}, set(), ""),
        ({"financial": 3, "ketamine": 1}, {"iv"}, ""),  # no esketamine consent needed for IV
        (
            {"financial": 3, "ketamine": 1},
            {"iv", "esketamine"},
            "No consent for Esketamine nasal spray",
        ),
        (
            {"financial": 3, "esketamine": 2},
            {"iv", "im"},
            "No consent for IV ketamine, IM ketamine",
        ),
        ({"financial": 3, "ketamine": 99}, {"iv"}, "New version to sign: Ketamine"),
        ({"ketamine": 1}, {"iv"}, "Not signed: Financial"),
    ],
)
def test_the_gap_in_words(live: dict[str, int], eligible: set[str], expected: str) -> None:
    assert consent_gap(ALL, live, eligible=eligible) == expected


def test_a_clinic_without_a_financial_policy_or_documents_asks_for_nothing() -> None:
    assert consent_gap({}, {}, eligible=set()) == ""
    assert consent_gap({"ketamine": KETAMINE}, {"ketamine": 1}, eligible={"iv"}) == ""
    assert consent_gap({"ketamine": KETAMINE}, {}, eligible={"oral"}) == (
        "No consent for Oral or sublingual ketamine"
    )


def test_who_is_waiting_at_the_same_moment_is_listed_in_the_order_the_records_were_made() -> None:
    import datetime as dt

    from clinic.intake.queue import Waiting, _oldest_first
    from clinic.patients.models import Patient

    moment = dt.datetime(2026, 3, 2, 15, tzinfo=dt.UTC)
    rows = [
        Waiting(patient=Patient(pk=pk), stage="intake_started", since=moment, consent_needed="")
        for pk in (907, 12, 450)
    ]
    rows.append(Waiting(patient=Patient(pk=3), stage="intake_sent", since=None, consent_needed=""))
    ordered = sorted(rows, key=_oldest_first)
    assert [r.patient.pk for r in ordered] == [12, 450, 907, 3]  # never sent: last
