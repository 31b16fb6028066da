"""Contraindication screening: which rules a patient's facts meet for one route, and whether
treatment by that route is clear, waits for a prescriber to acknowledge cautions, or is
blocked until a prescriber overrides with a written reason.

Pure: no database, settings or clock. Rules are data (`rules.py` holds the clinic's
defaults; the owner edits their own copy); facts are codes from the intake ("aneurysm",
"pregnancy") and the classes of the current medications ("med:benzodiazepine")."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

ROUTES = ("iv", "im", "intranasal", "oral", "esketamine")
ROUTE_LABELS = {
    "iv": "IV ketamine",
    "im": "IM ketamine",
    "intranasal": "Intranasal racemic ketamine",
    "oral": "Oral or sublingual ketamine",
    "esketamine": "Esketamine nasal spray",
}


class Severity(StrEnum):
    ABSOLUTE = "absolute"  # blocks treatment until a prescriber overrides, with a reason
    RELATIVE = "relative"  # a caution the prescriber must acknowledge


class Status(StrEnum):
    CLEAR = "clear"
    CAUTION = "caution"  # relative findings not yet acknowledged
    BLOCKED = "blocked"  # an absolute finding not overridden


class RuleError(ValueError):
    """A rule that cannot be applied (unknown route, no facts, no code)."""


@dataclass(frozen=True)
class Rule:
    code: str
    label: str  # what staff read: the finding and why it matters
    severity: Severity
    facts: frozenset[str]  # any one of them meets the rule
    routes: frozenset[str] = frozenset(ROUTES)  # the routes it applies to
    source: str = ""  # where the default comes from
    is_default: bool = True  # "clinic default, editable" until the owner changes it

    def __post_init__(self) -> None:
        if not self.code or not self.facts:
            raise RuleError(f"rule {self.code!r} needs a code and at least one fact")
        unknown = self.routes - set(ROUTES)
        if unknown or not self.routes:
            raise RuleError(f"rule {self.code!r}: unknown or no routes {sorted(unknown)}")

    def applies(self, route: str) -> bool:
        return route in self.routes


@dataclass(frozen=True)
class Finding:
    rule: Rule
    matched: frozenset[str]  # the patient's facts that met it
    override_reason: str = ""  # absolute: the prescriber's written reason
    acknowledged: bool = False  # relative: the prescriber has seen it

    @property
    def open(self) -> bool:
        """Still stands in the way: absolute without a reason, relative not acknowledged."""
        if self.rule.severity is Severity.ABSOLUTE:
            return not self.override_reason.strip()
        return not self.acknowledged


@dataclass(frozen=True)
class Screening:
    route: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def status(self) -> Status:
        open_ = [f for f in self.findings if f.open]
        if any(f.rule.severity is Severity.ABSOLUTE for f in open_):
            return Status.BLOCKED
        return Status.CAUTION if open_ else Status.CLEAR

    @property
    def absolute(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.rule.severity is Severity.ABSOLUTE)

    @property
    def relative(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.rule.severity is Severity.RELATIVE)


class RuleBook:
    """A rule set indexed by fact, so screening costs the patient's facts, not the table."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: tuple[Rule, ...] = tuple(rules)
        codes = [r.code for r in self.rules]
        if len(codes) != len(set(codes)):
            raise RuleError("two rules share a code")
        self._by_fact: dict[str, list[Rule]] = {}
        for rule in self.rules:
            for fact in rule.facts:
                self._by_fact.setdefault(fact, []).append(rule)

    @property
    def facts(self) -> frozenset[str]:
        return frozenset(self._by_fact)

    def screen(
        self,
        facts: Collection[str],
        route: str,
        *,
        overrides: Mapping[str, str] | None = None,
        acknowledged: Collection[str] = (),
    ) -> Screening:
        """The findings for `route`, in the rule set's order, absolute ones first.
        `overrides`: rule code -> the prescriber's written reason; `acknowledged`: codes of
        cautions the prescriber has seen. Both are ignored for rules of the other kind."""
        if route not in ROUTES:
            raise RuleError(f"unknown route {route!r}")
        overrides = overrides or {}
        met: dict[str, set[str]] = {}
        for fact in facts:
            for rule in self._by_fact.get(fact, ()):
                if rule.applies(route):
                    met.setdefault(rule.code, set()).add(fact)
        order = {r.code: n for n, r in enumerate(self.rules)}
        found = []
        for rule in sorted(
            (r for r in self.rules if r.code in met),
            key=lambda r: (r.severity is not Severity.ABSOLUTE, order[r.code]),
        ):
            absolute = rule.severity is Severity.ABSOLUTE
            found.append(
                Finding(
                    rule=rule,
                    matched=frozenset(met[rule.code]),
                    override_reason=overrides.get(rule.code, "").strip() if absolute else "",
                    acknowledged=(not absolute) and rule.code in acknowledged,
                )
            )
        return Screening(route=route, findings=tuple(found))

    def screen_all(self, facts: Collection[str]) -> dict[str, Screening]:
        """Every route at once (the chart shows which routes are open to the patient)."""
        return {route: self.screen(facts, route) for route in ROUTES}


def medication_facts(classes: Sequence[str]) -> set[str]:
    """Medication classes as facts ("benzodiazepine" -> "med:benzodiazepine")."""
    return {f"med:{c}" for c in classes if c}
