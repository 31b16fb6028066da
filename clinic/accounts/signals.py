"""Second-factor changes go into the audit trail (a decoupled side effect of allauth's)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.mfa import signals as mfa_signals
from django.dispatch import Signal

from clinic.audit.models import Action
from clinic.audit.services import audit_record
from clinic.core.context import acting


def _recorder(change: str) -> Callable[..., None]:
    def record(sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
        audit_record(
            action=Action.MFA_CHANGED,
            actor=user,
            ctx=acting(request),
            details={"type": str(authenticator.type), "change": change},
        )

    return record


_RECEIVERS: dict[str, tuple[Signal, Callable[..., None]]] = {
    change: (signal, _recorder(change))
    for change, signal in (
        ("added", mfa_signals.authenticator_added),
        ("removed", mfa_signals.authenticator_removed),
        ("reset", mfa_signals.authenticator_reset),
    )
}
for _signal, _receiver in _RECEIVERS.values():
    _signal.connect(_receiver, weak=False, dispatch_uid=f"audit-{id(_receiver)}")
