"""Re-encrypt every encrypted value under the active key (resumable), then report how many
values each key id still protects. A retired key may be removed once it protects none."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from clinic.audit.models import Action
from clinic.audit.services import audit_record
from clinic.core import keys
from clinic.core.rotation import rotate_all, stale_row_count, values_per_key


class Command(BaseCommand):
    help = "Re-encrypt every value to the active key; report values per key id."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", type=int, default=500, help="rows per transaction")

    def handle(self, *args: Any, **options: Any) -> None:
        active = keys.keyring().active
        total = stale_row_count()
        self.stdout.write(f"Active key: {active}. Rows to re-encrypt: {total}.")
        self.stdout.write("Before: " + _per_key(values_per_key()))
        done = {"rows": 0}
        last: dict[str, int] = {}

        def progress(label: str, count: int) -> None:
            done["rows"] += count - last.get(label, 0)
            last[label] = count
            width = 30
            filled = width if not total else min(width, width * done["rows"] // total)
            self.stdout.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done['rows']}/{total} {label}",
                ending="",
            )
            self.stdout.flush()

        report = rotate_all(batch=options["batch"], progress=progress)
        if total:
            self.stdout.write("")
        for label, rows in sorted(report.rewritten.items()):
            self.stdout.write(f"{label}: {rows} rows re-encrypted")
        self.stdout.write("After: " + _per_key(report.keys_after))
        audit_record(
            action=Action.KEYS_ROTATED,
            details={
                "active": active,
                "rows": dict(report.rewritten),
                "values_per_key": dict(report.keys_after),
            },
        )


def _per_key(counts: dict[str, int]) -> str:
    return ", ".join(f"{key_id}: {n} values" for key_id, n in sorted(counts.items())) or "no values"
