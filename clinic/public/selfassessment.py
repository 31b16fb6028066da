"""The anonymous self-assessment: one question per screen, nothing stored.

Answers travel with the visitor from screen to screen as hidden fields; the server keeps
nothing until the visitor chooses to send a request with the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from clinic.questionnaires.instruments import Instrument, Item


@dataclass
class Progress:
    answers: dict[int, int]
    current: Item | None  # None: every question has an answer (or was skipped)
    error: str = ""

    def flagged(self, instrument: Instrument, alert_at: int) -> bool:
        return any(self.answers.get(n, 0) >= alert_at for n in instrument.safety_items)


def _posted_answers(instrument: Instrument, data: Mapping[str, str]) -> dict[int, int]:
    answers: dict[int, int] = {}
    for item in instrument.items:
        raw = data.get(f"a{item.number}", "")
        if raw.isdigit() and int(raw) in {o.value for o in instrument.options_for(item)}:
            answers[item.number] = int(raw)
    return answers


def _item(instrument: Instrument, number: int) -> Item | None:
    return next((i for i in instrument.items if i.number == number), None)


def step(instrument: Instrument, data: Mapping[str, str]) -> Progress:
    """Work out the next screen from what the visitor sent."""
    answers = _posted_answers(instrument, data)
    action = data.get("action", "start")
    raw_current = data.get("current", "")
    current = _item(instrument, int(raw_current)) if raw_current.isdigit() else None
    items = list(instrument.items)

    if action == "start" or current is None:
        return Progress(answers, items[0])
    index = items.index(current)
    if action == "back":
        return Progress(answers, items[max(0, index - 1)])
    if action == "next":
        raw = data.get("answer", "")
        allowed = {o.value for o in instrument.options_for(current)}
        if not (raw.isdigit() and int(raw) in allowed):
            return Progress(answers, current, error="Please choose one of the answers.")
        answers[current.number] = int(raw)
    elif action == "skip" and current.scored:
        return Progress(answers, current, error="This question needs an answer to give a score.")
    following = items[index + 1] if index + 1 < len(items) else None
    if following is None:
        missing = next((i for i in instrument.scored_items if i.number not in answers), None)
        return Progress(answers, missing)
    return Progress(answers, following)
