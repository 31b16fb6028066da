"""The outbox against a real worker process and a real SMTP server, on PostgreSQL.

The worker (`manage.py db_worker`, as deployed) sends through Django's SMTP backend to a
server on loopback. The tests kill the worker with SIGKILL at each step of a delivery and stop
the server for an outage, and check that every message ends delivered exactly once, or is
shown to staff as failed or as "may not have been sent" and never sent twice by itself."""

from __future__ import annotations

import asyncio
import email
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.test import override_settings

from clinic.core import outbox
from clinic.core.models import OutgoingMessage

ROOT = Path(__file__).resolve().parents[3]
Status = OutgoingMessage.Status

pytestmark = [
    pytest.mark.postgres,  # the worker process shares the test database only on PostgreSQL
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("_database_queue"),
]


@pytest.fixture
def _database_queue() -> Iterator[None]:
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        yield


class Sink:
    """What the mail server accepted, by Message-ID; and a switch to stall it mid-message."""

    def __init__(self) -> None:
        self.received: list[str] = []
        self.stall: str = ""  # "", "before" (never accept) or "after" (accept, never answer)
        self.stalled = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message_id = email.message_from_bytes(envelope.content)["Message-ID"]
        if self.stall == "after":
            self.received.append(message_id)
        if self.stall:
            self.stalled.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 stalled"
        self.received.append(message_id)
        return "250 OK"

    def count(self, message: OutgoingMessage) -> int:
        import json

        return self.received.count(json.loads(message.payload)["headers"]["Message-ID"])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Sink, Controller]]:
    sink = Sink()
    server = Controller(sink, hostname="127.0.0.1", port=_free_port())
    server.start()
    yield sink, server
    sink.release.set()
    if server._thread is not None:  # not already stopped by the test
        server.stop()


def _database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


@pytest.fixture
def start_worker(smtp: tuple[Sink, Controller]) -> Iterator[Callable[[], subprocess.Popen]]:
    started: list[subprocess.Popen] = []
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_TASKS_BACKEND": "database",
        "DJANGO_EMAIL_BACKEND": "smtp",
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(smtp[1].port),
        "DJANGO_EMAIL_USE_TLS": "0",
        "CLINIC_OUTBOX_LEASE_SECONDS": "3",
        "CLINIC_OUTBOX_FIRST_RETRY_SECONDS": "1",
        "CLINIC_WORKER_SWEEP_SECONDS": "1",
    }

    def start() -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def _kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


def _until(check: Callable[[], bool], *, seconds: float = 30, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what or check}")


def _queue(n: int = 1) -> list[OutgoingMessage]:
    found = [
        outbox.email(
            "newsletter-confirm",
            to=[f"canary.reader{i}@example.org"],
            context={"confirm_url": f"https://clinic.example.org/n/{i}"},
        )
        for i in range(n)
    ]
    return [m for m in found if m is not None]


def _status(message: OutgoingMessage) -> str:
    message.refresh_from_db()
    return message.status


def test_messages_are_delivered_exactly_once_by_the_worker(
    smtp: tuple[Sink, Controller], start_worker: Callable[[], subprocess.Popen]
) -> None:
    sink, _ = smtp
    queued = _queue(5)
    start_worker()
    _until(lambda: all(_status(m) == Status.SENT for m in queued), what="all sent")
    assert [sink.count(m) for m in queued] == [1] * 5


def test_killed_after_claiming_the_message_is_taken_again_and_sent_once(
    smtp: tuple[Sink, Controller], start_worker: Callable[[], subprocess.Popen]
) -> None:
    """A worker that dies holding a claim (before the hand-over) leaves exactly this row: the
    lease runs out and another worker sends it."""
    sink, _ = smtp
    (message,) = _queue()
    with override_settings(CLINIC_OUTBOX_LEASE_SECONDS=3):
        assert outbox._claim(str(message.code)) is not None
    assert _status(message) == Status.CLAIMED
    start_worker()
    _until(lambda: _status(message) == Status.SENT, what="sent after the lease")
    assert sink.count(message) == 1
    assert message.attempts == 2


@pytest.mark.parametrize("stall", ["before", "after"])
def test_killed_during_the_hand_over_it_is_shown_and_never_sent_twice(
    smtp: tuple[Sink, Controller], start_worker: Callable[[], subprocess.Popen], stall: str
) -> None:
    """SIGKILL while the mail server has the message, before ("before") or after ("after") it
    accepted it. The outcome is unknown to the clinic, so the message is shown as "may not
    have been sent" and never sent again by itself: the person gets it at most once, and staff
    can send it again after checking."""
    sink, _ = smtp
    sink.stall = stall
    (message,) = _queue()
    worker = start_worker()
    assert sink.stalled.wait(30)
    assert _status(message) == Status.SENDING
    _kill(worker)
    sink.release.set()
    sink.stall = ""
    start_worker()
    _until(lambda: _status(message) == Status.UNCERTAIN, what="shown as uncertain")
    time.sleep(3)  # a few more sweeps: still not sent again
    assert _status(message) == Status.UNCERTAIN
    assert sink.count(message) == (1 if stall == "after" else 0)
    assert outbox.resend(message)
    _until(lambda: _status(message) == Status.SENT, what="sent again on request")
    assert sink.count(message) == (2 if stall == "after" else 1)


def test_a_mail_server_outage_is_retried_until_it_is_back(
    smtp: tuple[Sink, Controller], start_worker: Callable[[], subprocess.Popen]
) -> None:
    sink, server = smtp
    server.stop()
    queued = _queue(3)
    start_worker()
    _until(
        lambda: all(_status(m) == Status.PENDING and m.attempts >= 2 for m in queued),
        what="retried during the outage",
    )
    assert {m.last_error for m in queued} == {"ConnectionRefusedError"}
    restarted = Controller(sink, hostname="127.0.0.1", port=server.port)
    restarted.start()
    try:
        _until(lambda: all(_status(m) == Status.SENT for m in queued), what="sent after")
    finally:
        restarted.stop()
    assert [sink.count(m) for m in queued] == [1, 1, 1]
