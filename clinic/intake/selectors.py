"""Reads of the clinical record's configuration."""

from __future__ import annotations

from clinic.intake.models import ContraindicationRule
from clinic.intake.screening import RuleBook


def rule_book() -> RuleBook:
    """The clinic's active contraindication rules, in their order (one query)."""
    return RuleBook(r.as_rule() for r in ContraindicationRule.objects.filter(active=True))
