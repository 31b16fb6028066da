"""The contraindication rule engine (pure): every default rule on every route, the status a
set of findings gives, and a brute-force reading of the rule table against the engine."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic.intake.rules import DEFAULT_BOOK, DEFAULT_RULES, FACTS
from clinic.intake.screening import (
    ROUTES,
    Rule,
    RuleBook,
    RuleError,
    Severity,
    Status,
    medication_facts,
)


def brute_force(rules: tuple[Rule, ...], facts: set[str], route: str) -> dict[str, set[str]]:
    """The table read row by row: rule code -> the facts that meet it on this route."""
    found: dict[str, set[str]] = {}
    for rule in rules:
        if route not in rule.routes:
            continue
        met = {f for f in facts if f in rule.facts}
        if met:
            found[rule.code] = met
    return found


def test_every_fact_a_rule_reads_is_one_the_intake_can_state() -> None:
    for rule in DEFAULT_RULES:
        assert rule.facts <= set(FACTS), rule.code
        assert rule.source.startswith("clinic default, editable"), rule.code


@pytest.mark.parametrize("rule", DEFAULT_RULES, ids=lambda r: r.code)
@pytest.mark.parametrize("route", ROUTES)
def test_each_default_rule_on_each_route(rule: Rule, route: str) -> None:
    for fact in sorted(rule.facts):
        screening = DEFAULT_BOOK.screen({fact}, route)
        codes = {f.rule.code for f in screening.findings}
        assert (rule.code in codes) == (route in rule.routes), (fact, route)
        if route in rule.routes:
            expected = Status.BLOCKED if rule.severity is Severity.ABSOLUTE else Status.CAUTION
            assert screening.status is expected


@pytest.mark.parametrize("route", ROUTES)
def test_the_labelled_esketamine_contraindications(route: str) -> None:
    for fact in ("aneurysm", "avm", "intracerebral_haemorrhage"):
        screening = DEFAULT_BOOK.screen({fact}, route)
        assert screening.status is Status.BLOCKED
        expected = "esketamine-vascular" if route == "esketamine" else "racemic-vascular"
        assert [f.rule.code for f in screening.findings] == [expected]


def test_no_facts_is_clear_and_unknown_facts_are_ignored() -> None:
    for route in ROUTES:
        assert DEFAULT_BOOK.screen(set(), route).status is Status.CLEAR
        assert DEFAULT_BOOK.screen({"no-such-fact"}, route).status is Status.CLEAR


def test_an_override_needs_words_and_an_acknowledgement_clears_only_its_caution() -> None:
    facts = {"avm", "med:benzodiazepine", "pregnancy"}
    blocked = DEFAULT_BOOK.screen(facts, "iv")
    assert blocked.status is Status.BLOCKED
    assert [f.rule.code for f in blocked.absolute] == ["racemic-vascular"]
    blank = DEFAULT_BOOK.screen(facts, "iv", overrides={"racemic-vascular": "   "})
    assert blank.status is Status.BLOCKED
    overridden = DEFAULT_BOOK.screen(
        facts, "iv", overrides={"racemic-vascular": "Neurosurgery: repaired, stable 2019"}
    )
    assert overridden.status is Status.CAUTION
    one = DEFAULT_BOOK.screen(
        facts,
        "iv",
        overrides={"racemic-vascular": "Repaired"},
        acknowledged={"cns-depressants"},
    )
    assert one.status is Status.CAUTION  # pregnancy still open
    both = DEFAULT_BOOK.screen(
        facts,
        "iv",
        overrides={"racemic-vascular": "Repaired"},
        acknowledged={"cns-depressants", "pregnancy"},
    )
    assert both.status is Status.CLEAR
    # An acknowledgement cannot clear an absolute rule, nor an override a caution.
    wrong = DEFAULT_BOOK.screen(
        facts, "iv", overrides={"pregnancy": "fine"}, acknowledged={"racemic-vascular"}
    )
    assert wrong.status is Status.BLOCKED
    assert {f.rule.code for f in wrong.findings if f.open} == {
        "racemic-vascular",
        "cns-depressants",
        "pregnancy",
    }


def test_medications_become_facts_by_class() -> None:
    facts = medication_facts(["benzodiazepine", "", "maoi"])
    assert facts == {"med:benzodiazepine", "med:maoi"}
    codes = {f.rule.code for f in DEFAULT_BOOK.screen(facts, "esketamine").findings}
    assert codes == {"cns-depressants", "blood-pressure-drugs"}


def test_absolute_findings_come_first() -> None:
    screening = DEFAULT_BOOK.screen({"pregnancy", "psychosis_active"}, "oral")
    assert [f.rule.severity for f in screening.findings] == [Severity.ABSOLUTE, Severity.RELATIVE]


def test_a_broken_rule_or_route_is_refused() -> None:
    with pytest.raises(RuleError):
        Rule(code="x", label="x", severity=Severity.RELATIVE, facts=frozenset())
    with pytest.raises(RuleError):
        Rule(
            code="x",
            label="x",
            severity=Severity.RELATIVE,
            facts=frozenset({"a"}),
            routes=frozenset({"rectal"}),
        )
    with pytest.raises(RuleError):
        RuleBook([DEFAULT_RULES[0], DEFAULT_RULES[0]])
    with pytest.raises(RuleError):
        DEFAULT_BOOK.screen({"avm"}, "rectal")


FACT_NAMES = [*sorted(FACTS), "unknown-a", "unknown-b"]
rule_strategy = st.builds(
    Rule,
    code=st.uuids().map(str),
    label=st.just("rule"),
    severity=st.sampled_from(list(Severity)),
    facts=st.frozensets(st.sampled_from(FACT_NAMES), min_size=1, max_size=4),
    routes=st.frozensets(st.sampled_from(ROUTES), min_size=1),
)


@settings(max_examples=300, deadline=None)
@given(
    facts=st.sets(st.sampled_from(FACT_NAMES), max_size=10),
    route=st.sampled_from(ROUTES),
    rules=st.one_of(st.just(DEFAULT_RULES), st.lists(rule_strategy, max_size=12).map(tuple)),
    data=st.data(),
)
def test_the_engine_agrees_with_a_brute_force_reading_of_the_table(
    facts: set[str], route: str, rules: tuple[Rule, ...], data: st.DataObject
) -> None:
    book = RuleBook(rules)
    codes = [r.code for r in rules]
    overrides = data.draw(
        st.dictionaries(st.sampled_from(codes or ["none"]), st.sampled_from(["", "reason"]))
    )
    acknowledged = data.draw(st.sets(st.sampled_from(codes or ["none"])))
    screening = book.screen(facts, route, overrides=overrides, acknowledged=acknowledged)
    expected = brute_force(rules, facts, route)
    assert {f.rule.code: set(f.matched) for f in screening.findings} == expected
    severity = {r.code: r.severity for r in rules}
    still_open = {
        code
        for code in expected
        if (severity[code] is Severity.ABSOLUTE and not overrides.get(code, "").strip())
        or (severity[code] is Severity.RELATIVE and code not in acknowledged)
    }
    if any(severity[c] is Severity.ABSOLUTE for c in still_open):
        assert screening.status is Status.BLOCKED
    elif still_open:
        assert screening.status is Status.CAUTION
    else:
        assert screening.status is Status.CLEAR
    assert {f.rule.code for f in screening.findings if f.open} == still_open


def test_every_route_at_once_shows_which_are_open_to_the_patient() -> None:
    """Esketamine allergy blocks only the nasal spray; a ketamine allergy blocks all."""
    spray_only = DEFAULT_BOOK.screen_all({"esketamine_allergy"})
    assert {r for r, s in spray_only.items() if s.status is Status.BLOCKED} == {"esketamine"}
    every = DEFAULT_BOOK.screen_all({"ketamine_allergy"})
    assert all(s.status is Status.BLOCKED for s in every.values())
    assert DEFAULT_BOOK.facts <= set(FACTS)
