"""Reading the audit trail."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from clinic.audit.chain import ChainBreak, verify
from clinic.audit.models import AuditEvent
from clinic.core import keys
from clinic.core.lookups import user_email_index


def audit_event_search(
    *,
    patient_code: uuid.UUID | None = None,
    actor_email: str = "",
    action: str = "",
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("actor").order_by("-seq")
    if patient_code:
        events = events.filter(patient_code=patient_code)
    if actor_email:
        events = events.filter(actor__email_bidx=user_email_index(actor_email))
    if action:
        events = events.filter(action=action)
    if since:
        events = events.filter(at__gte=since)
    if until:
        events = events.filter(at__lt=until)
    return events


def _chain_rows(batch: int = 2000) -> Iterator[tuple[int, str, str, dict[str, Any]]]:
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch):
        yield event.seq, event.prev_hash, event.hash, event.chain_entry()


def audit_chain_verify() -> tuple[int, ChainBreak | None]:
    """Check the whole chain; returns the number of events and the first break, if any."""
    count = AuditEvent.objects.count()
    problem = verify(_chain_rows(), key=keys.audit_key())
    if problem is None:
        from clinic.audit.models import AuditChainHead

        head = AuditChainHead.objects.filter(pk=1).first()
        if head is not None and head.last_seq != count:
            problem = ChainBreak(count + 1, f"missing (the chain head records {head.last_seq})")
    return count, problem
