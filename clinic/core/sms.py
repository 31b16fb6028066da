"""Text messages through a backend chosen in settings, like Django's email backends. A
provider's backend is a class with `send_messages(messages) -> int`; it raises on failure."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger("clinic.sms")


@dataclass(frozen=True)
class TextMessage:
    to: str
    body: str


class SmsBackend(Protocol):
    def send_messages(self, messages: Sequence[TextMessage]) -> int: ...


class ConsoleBackend:
    """Development: writes each message to the console log (never use with real numbers).
    Settings refuse it without DEBUG; should it be reached anyway, it refuses to send rather
    than log a number and report the message sent."""

    def send_messages(self, messages: Sequence[TextMessage]) -> int:
        if not settings.DEBUG:
            raise RuntimeError("the console text-message backend is for development only")
        for message in messages:
            log.info("SMS to %s: %s", message.to, message.body)
        return len(messages)


outbox: list[TextMessage] = []


class LocmemBackend:
    """Tests: keeps messages in `clinic.core.sms.outbox`."""

    def send_messages(self, messages: Sequence[TextMessage]) -> int:
        outbox.extend(messages)
        return len(messages)


def sms_enabled() -> bool:
    """False when the clinic sends no text messages (CLINIC_SMS_BACKEND=none)."""
    return bool(settings.CLINIC_SMS_BACKEND)


def send_sms(to: str, body: str) -> None:
    if not sms_enabled():
        raise RuntimeError("text messages are switched off (CLINIC_SMS_BACKEND=none)")
    backend: SmsBackend = import_string(settings.CLINIC_SMS_BACKEND)()
    backend.send_messages([TextMessage(to=to, body=body)])
