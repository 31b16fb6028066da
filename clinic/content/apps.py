from __future__ import annotations

from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "clinic.content"
    label = "content"

    def ready(self) -> None:
        from clinic.audit import actions
        from clinic.content.audit_actions import READS, ContentAction

        actions.register(ContentAction.choices, reads=READS)
