"""Scoring as pure functions: answers in, a result out. No database, settings or clock.

An answer set is refused whole when any scored item is missing or any value is outside the
item's options: a questionnaire is never scored partially.

Sources: PHQ-9 bands, Kroenke, Spitzer & Williams, J Gen Intern Med 2001;16:606; GAD-7 bands,
Spitzer et al., Arch Intern Med 2006;166:1092; PCL-5 cut-point and DSM-5 cluster rule,
Weathers et al. 2013 and the National Center for PTSD scoring guide (see clinical.md §3.1).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from clinic.questionnaires.instruments import (
    PCL5_CLUSTERS,
    PCL5_ENDORSED_AT,
    Band,
    Instrument,
)


class InvalidAnswers(ValueError):
    """The answers cannot be scored; `problems` says why, one sentence each."""

    def __init__(self, problems: list[str], missing: tuple[int, ...] = ()) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems
        self.missing = missing


@dataclass(frozen=True)
class Thresholds:
    """Clinic settings, with safe defaults (labelled as such in the settings)."""

    safety_alert_at: int = 1  # a safety item (PHQ-9 item 9) at or above this opens the crisis path
    pcl5_cutpoint: int = 33  # provisional PTSD cut-point (31-33 in the literature)


@dataclass(frozen=True)
class Score:
    instrument: str
    total: int
    max_total: int
    band: str
    meaning: str
    safety_flag: bool
    flagged_items: tuple[int, ...]
    difficulty: int | None
    details: dict[str, object] = field(default_factory=dict)


def validate(instrument: Instrument, answers: Mapping[int, int]) -> dict[int, int]:
    """Check an answer set; return it as a plain dict, or raise InvalidAnswers."""
    problems: list[str] = []
    known = {item.number: item for item in instrument.items}
    unknown = sorted(set(answers) - set(known))
    if unknown:
        problems.append(f"{instrument.name} has no question {unknown[0]}.")
    missing = tuple(i.number for i in instrument.scored_items if i.number not in answers)
    if missing:
        listed = ", ".join(str(n) for n in missing)
        problems.append(f"Please answer every question ({listed} not answered yet).")
    for number, value in sorted(answers.items()):
        item = known.get(number)
        if item is None:
            continue
        allowed = {o.value for o in instrument.options_for(item)}
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            problems.append(f"The answer to question {number} is not one of the choices.")
    if problems:
        raise InvalidAnswers(problems, missing)
    return dict(answers)


def band_for(instrument: Instrument, total: int) -> Band:
    for band in instrument.bands:
        if band.low <= total <= band.high:
            return band
    raise ValueError(f"{instrument.name} total {total} is outside every band")


def pcl5_clusters(answers: Mapping[int, int]) -> dict[str, bool]:
    """Which DSM-5 clusters have enough endorsed items (answered 2 'Moderately' or above)."""
    return {
        name: sum(answers[n] >= PCL5_ENDORSED_AT for n in items) >= needed
        for name, (items, needed) in PCL5_CLUSTERS.items()
    }


def score(
    instrument: Instrument, answers: Mapping[int, int], thresholds: Thresholds = Thresholds()
) -> Score:
    """Score a complete answer set."""
    clean = validate(instrument, answers)
    total = sum(clean[item.number] for item in instrument.scored_items)
    flagged = tuple(n for n in instrument.safety_items if clean[n] >= thresholds.safety_alert_at)
    difficulty_item = next((i for i in instrument.items if not i.scored), None)
    difficulty = clean.get(difficulty_item.number) if difficulty_item else None
    details: dict[str, object] = {}
    if instrument.code == "pcl-5":
        clusters = pcl5_clusters(clean)
        at_or_above = total >= thresholds.pcl5_cutpoint
        band, meaning = (
            (
                "At or above the screening cut-point",
                "Symptoms at a level where post-traumatic stress is likely. A conversation with "
                "a clinician is recommended.",
            )
            if at_or_above
            else (
                "Below the screening cut-point",
                "Fewer symptoms than the level that usually suggests post-traumatic stress. "
                "If they trouble you, it is still worth talking to a clinician.",
            )
        )
        details = {
            "cutpoint": thresholds.pcl5_cutpoint,
            "clusters": clusters,
            "dsm5_pattern_met": all(clusters.values()),
        }
    else:
        found = band_for(instrument, total)
        band, meaning = found.label, found.meaning
    return Score(
        instrument=instrument.code,
        total=total,
        max_total=instrument.max_total,
        band=band,
        meaning=meaning,
        safety_flag=bool(flagged),
        flagged_items=flagged,
        difficulty=difficulty,
        details=details,
    )
