from __future__ import annotations

from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "clinic.intake"
    label = "intake"
    verbose_name = "Intake, screening, consent and eligibility"
