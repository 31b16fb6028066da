from __future__ import annotations

from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "clinic.intake"
    label = "intake"
    verbose_name = "Intake, screening, consent and eligibility"

    def ready(self) -> None:
        from clinic.audit import actions
        from clinic.intake.audit_actions import READS, IntakeAction

        actions.register(IntakeAction.choices, reads=READS)
