"""What can happen in the audit trail, declared by each app for itself.

The audit trail sits at the bottom of the layers, so it cannot know the verbs of the apps
above it, and the event's `action` column has no database choices: an app adds its verbs by
registering a `TextChoices` (usually in its AppConfig.ready), with no migration of `audit`.
Recording an action nobody registered is refused, so a typo cannot enter the trail."""

from __future__ import annotations

from collections.abc import Iterable

_LABELS: dict[str, str] = {}
_READS: set[str] = set()


class UnknownAction(ValueError):
    """An action no app registered."""


def register(choices: Iterable[tuple[str, str]], *, reads: Iterable[str] = ()) -> None:
    """Add (value, label) pairs; `reads` are the ones that record someone seeing patient data
    (each page showing it writes exactly one). A value may be registered again only with its
    label."""
    choices = list(choices)
    for value, label in choices:
        if len(value) > 32:
            raise ValueError(f"audit action {value!r} is longer than 32 characters")
        if _LABELS.get(value, label) != label:
            raise ValueError(f"audit action {value!r} is already registered as {_LABELS[value]!r}")
        _LABELS[value] = label
    known = {value for value, _ in choices}
    for value in reads:
        if value not in known:
            raise ValueError(f"read action {value!r} is not among the actions registered")
        _READS.add(value)


def check(value: str) -> str:
    if value not in _LABELS:
        raise UnknownAction(f"no app registered the audit action {value!r}")
    return value


def label(value: str) -> str:
    """What a person reads for an action (an unregistered value from an old row shows as is)."""
    return _LABELS.get(value, value)


def choices() -> list[tuple[str, str]]:
    """Every registered action, by label, for a search form."""
    return sorted(_LABELS.items(), key=lambda pair: pair[1])


def is_read(value: str) -> bool:
    return value in _READS
