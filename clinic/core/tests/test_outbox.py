"""The outbox in one process (both databases): what it stores, what the queue holds, how it
retries, and the worker's housekeeping. The worker-process and outage tests are in
test_outbox_worker.py."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.tasks import TaskResultStatus
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from clinic.core import clock, outbox, worker
from clinic.core.models import OutgoingMessage

pytestmark = pytest.mark.django_db

CANARY = "canary.outbox.zq@example.org"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
Status = OutgoingMessage.Status


def _queue(dedupe_key: str | None = None) -> OutgoingMessage:
    message = outbox.email(
        "request-received",
        to=[CANARY],
        context={"urgent": True},
        about="request:x",
        dedupe_key=dedupe_key,
    )
    assert message is not None
    return message


@override_settings(TASKS=DATABASE_QUEUE)
def test_content_is_encrypted_and_the_queue_holds_only_the_code() -> None:
    """The task row (kept by the queue, and in every backup) says which message, nothing of
    whom it is for or that the request was urgent."""
    message = _queue()
    (row,) = DBTaskResult.objects.all()
    assert row.args_kwargs == {"args": [str(message.code)], "kwargs": {}}
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM core_outgoingmessage")
        raw = " ".join(str(value) for value in cursor.fetchone())
    assert CANARY not in raw
    assert "urgent" not in raw.lower()
    assert message.payload.startswith("{")  # readable through the model only


def test_sent_once_with_a_fixed_message_id() -> None:
    message = _queue()
    message.refresh_from_db()
    assert message.status == Status.SENT
    (sent,) = mail.outbox
    assert sent.to == [CANARY]
    assert sent.extra_headers["Message-ID"].endswith("@127.0.0.1>")
    assert outbox.deliver(str(message.code)) == "skipped"  # a second prompt sends nothing
    assert len(mail.outbox) == 1


def test_a_dedupe_key_queues_once() -> None:
    first = _queue(dedupe_key="reminder:abc")
    second = _queue(dedupe_key="reminder:abc")
    assert first.pk == second.pk
    assert len(mail.outbox) == 1


def test_no_address_queues_nothing() -> None:
    assert outbox.email("request-received", to=[""], context={}) is None
    assert not OutgoingMessage.objects.exists()


def test_a_refusal_keeps_the_kind_of_error_never_the_servers_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A server's message can quote the address; only the kind of error is kept."""

    def refuse(message: OutgoingMessage) -> None:
        raise smtplib.SMTPDataError(554, f"rejected for {CANARY}".encode())

    monkeypatch.setattr(outbox, "_hand_over", refuse)
    message = _queue()
    message.refresh_from_db()
    assert message.status == Status.PENDING
    assert message.last_error == "SMTPDataError 554"
    assert message.next_attempt_at > clock.now()


def test_retries_wait_longer_each_time_and_give_up_after_a_day(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(outbox, "_hand_over", lambda m: (_ for _ in ()).throw(OSError("down")))
    message = _queue()
    waits = []
    while True:
        message.refresh_from_db()
        if message.status != Status.PENDING:
            break
        with time_machine.travel(message.next_attempt_at, tick=False):
            before = clock.now()
            outbox.sweep()
        message.refresh_from_db()
        waits.append(message.next_attempt_at - before)
    assert message.status == Status.FAILED
    assert waits[0] == dt.timedelta(minutes=2)
    assert max(waits) == dt.timedelta(hours=1)
    assert message.next_attempt_at - message.created_at > dt.timedelta(hours=24)


def test_an_interrupted_hand_over_is_shown_and_not_resent() -> None:
    with override_settings(
        TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    ):
        message = _queue()
        outbox._claim(str(message.code))
        OutgoingMessage.objects.filter(pk=message.pk).update(status=Status.SENDING)
    with time_machine.travel(clock.now() + dt.timedelta(minutes=6), tick=False):
        assert outbox.sweep() == {"uncertain": 1}
        assert outbox.sweep() == {}
    message.refresh_from_db()
    assert message.status == Status.UNCERTAIN
    assert message.needs_attention
    assert not mail.outbox


def test_housekeeping_closes_abandoned_tasks_and_prunes_old_rows() -> None:
    now = clock.now()
    with override_settings(TASKS=DATABASE_QUEUE):
        message = _queue()
    running, finished = DBTaskResult.objects.all()[0], None
    running.status = TaskResultStatus.RUNNING
    running.started_at = now
    running.save()
    with override_settings(TASKS=DATABASE_QUEUE):
        outbox.deliver(str(message.code))
        finished = OutgoingMessage.objects.get(pk=message.pk)
    assert finished.status == Status.SENT
    with time_machine.travel(now + dt.timedelta(hours=2), tick=False):
        counts = worker.housekeeping()
    assert counts["abandoned tasks"] == 1
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED
    with time_machine.travel(now + dt.timedelta(days=31), tick=False):
        counts = worker.housekeeping()
    assert counts["pruned tasks"] == 1
    assert counts["pruned messages"] == 1
    assert not DBTaskResult.objects.exists()
    assert not OutgoingMessage.objects.exists()
