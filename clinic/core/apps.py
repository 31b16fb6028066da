from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "clinic.core"
    label = "core"

    def ready(self) -> None:
        from clinic.core import checks  # noqa: F401 - registers the system checks
