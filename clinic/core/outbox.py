"""The outbox: every email and text message the clinic sends, durable, leased, retried.

`email()` and `text()` are called inside the transaction that decides to send: the message is
rendered and stored (encrypted) with that decision, and a delivery task carrying only the
message's code is queued in the same transaction. `deliver()` moves one message through

    pending -> claimed (lease) -> sending (handed over) -> sent

committing each step. A failure of the mail server or text provider puts it back to pending
with a growing wait, until CLINIC_OUTBOX_GIVE_UP_HOURS have passed: then it is failed and shown
to staff. `sweep()` (run every minute by the worker, see clinic.core.worker) delivers whatever
is due, takes back claims whose lease ran out (the worker died before handing the message
over: it was not sent, so it is sent now) and marks messages whose hand-over never finished as
"may not have been sent" (the worker died while the server had it: it is shown to staff and
never sent again by itself, so no one gets it twice).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import smtplib
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import make_msgid
from django.db import transaction
from django.db.models import Q
from django.tasks import default_task_backend, task

from clinic.core import clock, mail, sms
from clinic.core.models import OutgoingMessage

log = logging.getLogger("clinic.outbox")

Status = OutgoingMessage.Status
LONGEST_WAIT = dt.timedelta(hours=1)


def _lease() -> dt.timedelta:
    """How long a worker may hold a message before the hand-over counts as interrupted."""
    return dt.timedelta(seconds=settings.CLINIC_OUTBOX_LEASE_SECONDS)


def _store(
    *, channel: str, template: str, payload: dict[str, Any], about: str, dedupe_key: str | None
) -> OutgoingMessage:
    if dedupe_key:
        existing = OutgoingMessage.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing
    now = clock.now()
    message = OutgoingMessage(
        channel=channel,
        template=template,
        about=about,
        dedupe_key=dedupe_key,
        payload=json.dumps(payload),
        next_attempt_at=now,
        created_at=now,
    )
    message.save()
    deliver_message.enqueue(str(message.code))  # same transaction: the queue is a table
    return message


def email(
    template: str,
    *,
    to: Sequence[str],
    context: dict[str, Any],
    headers: dict[str, str] | None = None,
    attachments: Sequence[tuple[str, str, str]] = (),
    about: str = "",
    dedupe_key: str | None = None,
) -> OutgoingMessage | None:
    """Queue a templated email (call inside the deciding transaction). None if no address."""
    to = [address for address in to if address]
    if not to:
        return None
    payload = mail.render(
        template, to=to, context=context, headers=headers, attachments=attachments
    )
    return _store(
        channel=OutgoingMessage.Channel.EMAIL,
        template=template,
        payload=payload,
        about=about,
        dedupe_key=dedupe_key,
    )


def email_message(
    message: EmailMessage, *, template: str, about: str = ""
) -> OutgoingMessage | None:
    """Queue an email another library rendered (allauth's password reset and the like)."""
    to = [address for address in message.to if address]
    if not to:
        return None
    html = next(
        (
            content
            for content, mimetype in getattr(message, "alternatives", [])
            if mimetype == "text/html"
        ),
        "",
    )
    domain = urlsplit(settings.CLINIC_BASE_URL).hostname or "localhost"
    payload = {
        "to": to,
        "subject": str(message.subject),
        "body": str(message.body),
        "html": str(html),
        "headers": {"Message-ID": make_msgid(domain=domain), **dict(message.extra_headers)},
        "attachments": [],
    }
    return _store(
        channel=OutgoingMessage.Channel.EMAIL,
        template=template[:64],
        payload=payload,
        about=about,
        dedupe_key=None,
    )


def text(
    template: str, *, to: str, body: str, about: str = "", dedupe_key: str | None = None
) -> OutgoingMessage | None:
    """Queue a text message. None if there is no number or text messages are switched off."""
    if not to or not sms.sms_enabled():
        return None
    return _store(
        channel=OutgoingMessage.Channel.SMS,
        template=template,
        payload={"to": to, "body": body},
        about=about,
        dedupe_key=dedupe_key,
    )


def _wait(attempts: int) -> dt.timedelta:
    first = dt.timedelta(seconds=settings.CLINIC_OUTBOX_FIRST_RETRY_SECONDS)
    return min(first * (2 ** max(0, attempts - 1)), max(first, LONGEST_WAIT))


def _error_kind(exc: BaseException) -> str:
    """The kind of failure, never its text (a server's message can quote the address)."""
    kind = type(exc).__name__
    if isinstance(exc, smtplib.SMTPResponseException):
        kind += f" {exc.smtp_code}"
    return kind[:120]


def _claim(code: str) -> OutgoingMessage | None:
    now = clock.now()
    with transaction.atomic():
        message = (
            OutgoingMessage.objects.select_for_update(skip_locked=True)
            .filter(
                Q(status=Status.PENDING, next_attempt_at__lte=now)
                | Q(status=Status.CLAIMED, lease_until__lt=now),
                code=code,
            )
            .first()
        )
        if message is None:
            return None
        message.status = Status.CLAIMED
        message.attempts += 1
        message.lease_until = now + _lease()
        message.save(update_fields=["status", "attempts", "lease_until"])
    return message


def _hand_over(message: OutgoingMessage) -> None:
    content = json.loads(message.payload)
    if message.channel == OutgoingMessage.Channel.EMAIL:
        mail.build(content).send()
    else:
        sms.send_sms(content["to"], content["body"])


def _moved(message: OutgoingMessage, *, expected: str, **changes: Any) -> bool:
    """Move the message on if it is still where this worker left it (one UPDATE)."""
    return bool(
        OutgoingMessage.objects.filter(
            pk=message.pk, status=expected, attempts=message.attempts
        ).update(**changes)
    )


def deliver(code: str) -> str:
    """Try to send one message now, if it is due and no one else has it. Returns what
    happened: "sent", "retry", "failed" or "skipped"."""
    message = _claim(code)
    if message is None:
        return "skipped"
    now = clock.now()
    if not _moved(
        message, expected=Status.CLAIMED, status=Status.SENDING, lease_until=now + _lease()
    ):
        return "skipped"
    try:
        _hand_over(message)
    except Exception as exc:
        give_up = message.created_at + dt.timedelta(hours=settings.CLINIC_OUTBOX_GIVE_UP_HOURS)
        again = clock.now() + _wait(message.attempts)
        final = again > give_up
        _moved(
            message,
            expected=Status.SENDING,
            status=Status.FAILED if final else Status.PENDING,
            next_attempt_at=again,
            lease_until=None,
            last_error=_error_kind(exc),
        )
        log.warning(
            "message %s not sent (attempt %d, %s)%s",
            code,
            message.attempts,
            _error_kind(exc),
            ": giving up" if final else "",
        )
        if not final and default_task_backend.supports_defer:
            deliver_message.using(run_after=again).enqueue(code)
        return "failed" if final else "retry"
    _moved(
        message, expected=Status.SENDING, status=Status.SENT, sent_at=clock.now(), lease_until=None
    )
    return "sent"


@task()
def deliver_message(code: str) -> str:
    return deliver(code)


def sweep(*, limit: int = 200) -> dict[str, int]:
    """Deliver what is due, take back expired claims, and show unfinished hand-overs."""
    now = clock.now()
    counts: dict[str, int] = {}
    uncertain = OutgoingMessage.objects.filter(status=Status.SENDING, lease_until__lt=now)
    for code in list(uncertain.values_list("code", flat=True)):
        if OutgoingMessage.objects.filter(
            code=code, status=Status.SENDING, lease_until__lt=now
        ).update(status=Status.UNCERTAIN, lease_until=None, last_error="hand-over interrupted"):
            log.warning("message %s may not have been sent (the worker stopped)", code)
            counts["uncertain"] = counts.get("uncertain", 0) + 1
    due = OutgoingMessage.objects.filter(
        Q(status=Status.PENDING, next_attempt_at__lte=now)
        | Q(status=Status.CLAIMED, lease_until__lt=now)
    ).order_by("next_attempt_at")
    for code in list(due.values_list("code", flat=True)[:limit]):
        outcome = deliver(str(code))
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def resend(message: OutgoingMessage) -> bool:
    """Staff ask for a failed or uncertain message to be sent again (they checked it is
    needed). Returns False if it is not in such a state."""
    with transaction.atomic():
        changed = OutgoingMessage.objects.filter(
            pk=message.pk, status__in=[Status.FAILED, Status.UNCERTAIN]
        ).update(status=Status.PENDING, next_attempt_at=clock.now(), last_error="")
        if changed:
            deliver_message.enqueue(str(message.code))
    return bool(changed)


def cancel(*, about: str, templates: Sequence[str]) -> int:
    """Stop messages not yet handed over (a reminder for a booking since cancelled)."""
    return OutgoingMessage.objects.filter(
        about=about, template__in=list(templates), status=Status.PENDING
    ).update(status=Status.CANCELLED)


def prune(*, keep_days: int) -> int:
    """Delete finished messages (and so their encrypted content) after `keep_days`."""
    cutoff = clock.now() - dt.timedelta(days=keep_days)
    deleted, _ = OutgoingMessage.objects.filter(
        status__in=[Status.SENT, Status.CANCELLED], created_at__lt=cutoff
    ).delete()
    return deleted
