from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from clinic.scheduling.reminders import reminders_send_due


class Command(BaseCommand):
    help = "Send every appointment reminder that is due and not yet sent (never twice)."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = reminders_send_due()
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "none due")
