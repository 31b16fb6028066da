"""Re-encrypting every encrypted value under the active key, in small committed batches so
that an interrupted run simply continues where it stopped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q

from clinic.core import keys
from clinic.core.crypto import key_id_of
from clinic.core.fields import EncryptedTextField


@dataclass
class RotationReport:
    rewritten: Counter[str] = field(default_factory=Counter)  # rows per model label
    keys_after: Counter[str] = field(default_factory=Counter)  # values per key id


def encrypted_models() -> list[tuple[type[models.Model], list[EncryptedTextField]]]:
    found = []
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if fields:
            found.append((model, fields))
    return found


def _stale(fields: list[EncryptedTextField], active: str) -> Q:
    query = Q()
    for f in fields:
        query |= Q(**{f"{f.attname}__startswith": "v1:"}) & ~Q(
            **{f"{f.attname}__startswith": f"v1:{active}:"}
        )
    return query


def values_per_key() -> Counter[str]:
    """How many stored values each key id protects."""
    counts: Counter[str] = Counter()
    for model, fields in encrypted_models():
        for f in fields:
            for stored in model._default_manager.values_list(f.attname, flat=True).iterator():
                if stored:
                    counts[key_id_of(stored)] += 1
    return counts


def stale_row_count() -> int:
    active = keys.keyring().active
    return sum(
        model._default_manager.filter(_stale(fields, active)).count()
        for model, fields in encrypted_models()
    )


def rotate_all(
    *, batch: int = 500, progress: Callable[[str, int], None] | None = None
) -> RotationReport:
    """Re-encrypt every value not under the active key. Returns what was done."""
    active = keys.keyring().active
    report = RotationReport()
    for model, fields in encrypted_models():
        label = model._meta.label
        stale = _stale(fields, active)
        while True:
            with transaction.atomic():
                pks = list(
                    model._default_manager.filter(stale)
                    .order_by("pk")
                    .values_list("pk", flat=True)[:batch]
                )
                if not pks:
                    break
                for row in model._default_manager.select_for_update().filter(pk__in=pks):
                    for f in fields:
                        setattr(
                            row, f.attname, getattr(row, f.attname)
                        )  # decrypt; re-encrypt on save
                    row.save(update_fields=[f.attname for f in fields])
            report.rewritten[label] += len(pks)
            if progress is not None:
                progress(label, report.rewritten[label])
    report.keys_after = values_per_key()
    return report
