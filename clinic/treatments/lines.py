"""The clinic's lines at the chair, as the owner set them in administration (or the shipped
defaults until then): vital-sign thresholds, dosing limits, how often readings fall due, and
the aftercare instructions per route. Read once per request by the views, which hand them to
the services and pure modules."""

from __future__ import annotations

from dataclasses import dataclass

from clinic.treatments import dosing, vitals
from clinic.treatments.models import ClinicalSettings

THRESHOLD_FIELDS = tuple(vitals.Thresholds.__dataclass_fields__)
LIMIT_FIELDS = ("mg_step", "round_down", "max_mg_per_kg", "max_mg", "weight_change_percent")


@dataclass(frozen=True)
class Lines:
    thresholds: vitals.Thresholds
    limits: dosing.Limits
    every_during: int
    every_after: int
    aftercare_ketamine: str
    aftercare_esketamine: str
    is_default: bool  # nothing changed by the clinic yet

    def aftercare(self, route: str) -> str:
        return self.aftercare_esketamine if route == "esketamine" else self.aftercare_ketamine

    def schedule(self, route: str, infusion_minutes: int | None) -> tuple[int, ...]:
        return vitals.due_schedule(
            route=route,
            infusion_minutes=infusion_minutes,
            every_during=self.every_during,
            every_after=self.every_after,
        )


def from_row(row: ClinicalSettings, *, is_default: bool = False) -> Lines:
    return Lines(
        thresholds=vitals.Thresholds(**{f: getattr(row, f) for f in THRESHOLD_FIELDS}),
        limits=dosing.Limits(**{f: getattr(row, f) for f in LIMIT_FIELDS}),
        every_during=row.every_during,
        every_after=row.every_after,
        aftercare_ketamine=row.aftercare_ketamine,
        aftercare_esketamine=row.aftercare_esketamine,
        is_default=is_default,
    )


def current() -> Lines:
    """One query."""
    row = ClinicalSettings.objects.order_by("pk").first()
    if row is None:
        return from_row(ClinicalSettings(), is_default=True)
    return from_row(row)
