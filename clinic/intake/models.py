"""The clinic's contraindication rules, as rows the owner edits (seeded from `rules.py`).
Patient-facing parts of the clinical record (intake, consent, evaluation) come next."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from clinic.intake import rules
from clinic.intake.screening import ROUTES, Rule
from clinic.intake.screening import Severity as RuleSeverity


class ContraindicationRule(models.Model):
    class Severity(models.TextChoices):
        ABSOLUTE = "absolute", "Absolute: blocks until a prescriber overrides with a reason"
        RELATIVE = "relative", "Relative: a caution the prescriber acknowledges"

    code = models.SlugField(max_length=60, unique=True)
    label = models.CharField(max_length=200, help_text="What staff read on the chart.")
    severity = models.CharField(max_length=10, choices=Severity.choices)
    facts = models.JSONField(help_text="Any one of these findings meets the rule.")
    routes = models.JSONField(help_text="The routes the rule applies to.")
    source = models.CharField(max_length=200, blank=True)
    is_default = models.BooleanField(
        default=True, help_text="Still the clinic default as shipped (unticked once edited)."
    )
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        facts, routes = self.facts, self.routes
        if not isinstance(facts, list) or not facts or not set(facts) <= set(rules.FACTS):
            raise ValidationError({"facts": "Choose at least one finding from the list."})
        if not isinstance(routes, list) or not routes or not set(routes) <= set(ROUTES):
            raise ValidationError({"routes": "Choose at least one route."})

    def as_rule(self) -> Rule:
        return Rule(
            code=self.code,
            label=self.label,
            severity=RuleSeverity(self.severity),
            facts=frozenset(self.facts),
            routes=frozenset(self.routes),
            source=self.source,
            is_default=self.is_default,
        )
