"""Writing the audit trail. Call `audit_record` inside the transaction of the change it
describes, so that both commit or neither does."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import connection, models, transaction

from clinic.audit import actions
from clinic.audit.chain import GENESIS, link_hash
from clinic.audit.models import AuditChainHead, AuditEvent
from clinic.core import clock, keys
from clinic.core.context import Acting, Person


def _storable(value: Any) -> Any:
    """Details as every database stores them: a NUL (which PostgreSQL's jsonb refuses) shows
    as U+2400 and a lone surrogate as '?', so a hostile probe is recorded, never lost."""
    if isinstance(value, str):
        return value.replace("\x00", "\u2400").encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, dict):
        return {_storable(str(k)): _storable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_storable(v) for v in value]
    return value


def audit_record(
    *,
    action: str,
    actor: Person | None = None,
    ctx: Acting | None = None,
    obj: models.Model | None = None,
    patient_code: uuid.UUID | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. `obj` gives the object's type and code; `details` must
    hold no patient data (codes, counts and field names only)."""
    actions.check(action)  # registered by its app: a typo never enters the trail
    # One transaction inside a change (fails with it, no extra round trips); on its own, one
    # transaction per append, so simultaneous appends keep the chain whole.
    with transaction.atomic(savepoint=False):
        if actor is None and ctx is not None:
            actor = ctx.user
        seq, prev_hash = _advance_head()
        event = AuditEvent(
            seq=seq,
            at=clock.now(),
            actor=actor if actor is not None and getattr(actor, "pk", None) else None,  # type: ignore[misc]
            action=action,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_code=str(getattr(obj, "code", "") or "") if obj is not None else "",
            patient_code=patient_code,
            ip=ctx.address if ctx is not None else None,
            request_id=ctx.request_id if ctx is not None else "",
            details=_storable(details or {}),
            prev_hash=prev_hash,
        )
        event.hash = link_hash(key=keys.audit_key(), prev_hash=prev_hash, entry=event.chain_entry())
        _insert_and_move_head(event)
        return event


# Every request that shows patient data appends an event, so the append is kept to three
# plain statements. The first takes the head row's write lock (PostgreSQL row lock; SQLite's
# write transaction), which serialises appends: sequence numbers stay contiguous and each
# event's previous hash is the one committed before it.
_ADVANCE = (
    "UPDATE audit_auditchainhead SET last_seq = last_seq + 1 WHERE id = 1 "
    "RETURNING last_seq, last_hash"
)


def _advance_head() -> tuple[int, str]:
    with connection.cursor() as cursor:
        cursor.execute(_ADVANCE)
        row = cursor.fetchone()
    if row is None:  # the very first event
        AuditChainHead.objects.get_or_create(pk=1, defaults={"last_seq": 0, "last_hash": GENESIS})
        with connection.cursor() as cursor:
            cursor.execute(_ADVANCE)
            row = cursor.fetchone()
    return int(row[0]), str(row[1])


def _insert_and_move_head(event: AuditEvent) -> None:
    fields = [f for f in AuditEvent._meta.concrete_fields if f.attname != "id"]
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    values = [f.get_db_prep_save(getattr(event, f.attname), connection) for f in fields]
    insert = f"INSERT INTO audit_auditevent ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608 - fixed names
    move = "UPDATE audit_auditchainhead SET last_hash = %s WHERE id = 1"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One round trip instead of two: the database is across a network.
            cursor.execute(f"WITH appended AS ({insert} RETURNING 1) {move}", [*values, event.hash])
        else:
            cursor.execute(insert, values)
            cursor.execute(move, [event.hash])
