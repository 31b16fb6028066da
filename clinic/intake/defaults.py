"""Putting the clinic defaults in place where they are missing: the contraindication rules and
the diagnosis list (the migrations do this on installation; a fresh demo or a database that
was emptied needs it again). Rows the owner changed are left as they are."""

from __future__ import annotations

from django.db import transaction

from clinic.intake.models import ContraindicationRule, DiagnosisCode
from clinic.intake.rules import DEFAULT_DIAGNOSES, DEFAULT_RULES
from clinic.intake.screening import ROUTES


@transaction.atomic
def defaults_ensure() -> int:
    """Add the default rules and diagnosis codes that are not there; returns how many."""
    added = 0
    for n, rule in enumerate(DEFAULT_RULES):
        _, made = ContraindicationRule.objects.get_or_create(
            code=rule.code,
            defaults={
                "label": rule.label,
                "severity": str(rule.severity),
                "facts": sorted(rule.facts),
                "routes": [r for r in ROUTES if r in rule.routes],
                "source": rule.source,
                "is_default": True,
                "order": (n + 1) * 10,
            },
        )
        added += made
    for code, label in DEFAULT_DIAGNOSES:
        _, made = DiagnosisCode.objects.get_or_create(code=code, defaults={"label": label})
        added += made
    return added
