from __future__ import annotations

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "clinic.audit"
    label = "audit"

    def ready(self) -> None:
        from clinic.audit import actions
        from clinic.audit.models import READ_ACTIONS, Action

        actions.register(Action.choices, reads=READ_ACTIONS)
