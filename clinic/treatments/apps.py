from __future__ import annotations

from django.apps import AppConfig


class TreatmentsConfig(AppConfig):
    name = "clinic.treatments"
    label = "treatments"
    verbose_name = "Treatment plans, dosing and the monitored session"

    def ready(self) -> None:
        from clinic.audit import actions
        from clinic.treatments.audit_actions import READS, TreatmentAction

        actions.register(TreatmentAction.choices, reads=READS)
