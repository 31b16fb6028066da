"""Check the audit trail's hash chain from the first event to the last."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from clinic.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; name the first altered or missing event."

    def handle(self, *args: Any, **options: Any) -> None:
        count, problem = audit_chain_verify()
        if problem is not None:
            raise CommandError(f"Audit trail broken at {problem}.")
        self.stdout.write(f"Audit trail intact: {count} events.")
