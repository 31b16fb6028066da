"""One set of limits, each keyed on the trusted client address and counted atomically: a
client behind the documented proxy cannot lock out another, and parallel password guesses on
one account are judged no more often than the limit allows."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from clinic.accounts.models import User
from clinic.accounts.tests.factories import PASSWORD
from clinic.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"


def _via_proxy(client_address: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_address)


@pytest.fixture
def behind_proxy(settings: Any) -> None:
    settings.CLINIC_TRUSTED_PROXY_COUNT = 1


@pytest.mark.usefixtures("behind_proxy")
def test_one_client_cannot_lock_another_out_of_sign_in(nurse: User) -> None:
    attacker = _via_proxy("203.0.113.5")
    for n in range(30):
        attacker.post(
            reverse("account_login"), {"login": f"guess{n}@example.org", "password": "nope-123"}
        )
    assert (
        attacker.post(reverse("account_login"), {"login": "x@example.org", "password": "n"})
    ).status_code == 429
    colleague = _via_proxy("198.51.100.7")
    response = colleague.post(
        reverse("account_login"), {"login": nurse.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")


@pytest.mark.usefixtures("behind_proxy")
def test_password_reset_is_limited_per_client_not_per_proxy(nurse: User) -> None:
    attacker = _via_proxy("203.0.113.5")
    statuses = [
        attacker.post(reverse("account_reset_password"), {"email": f"a{n}@example.org"}).status_code
        for n in range(21)
    ]
    assert statuses[-1] == 429
    other = _via_proxy("198.51.100.7")
    assert other.post(reverse("account_reset_password"), {"email": nurse.email}).status_code == 302


def test_reset_emails_to_one_address_are_capped(nurse: User, mailoutbox: list) -> None:
    for n in range(6):
        Client(REMOTE_ADDR=f"192.0.2.{n + 1}").post(
            reverse("account_reset_password"), {"email": nurse.email}
        )
    assert len(mailoutbox) == 3


@pytest.mark.postgres  # SQLite serialises every write: the race needs PostgreSQL
@pytest.mark.django_db(transaction=True)
def test_parallel_password_guesses_on_one_account_are_counted_atomically(nurse: User) -> None:
    barrier = threading.Barrier(25)

    def guess(n: int) -> int:
        try:
            barrier.wait()
            return (
                Client(REMOTE_ADDR=f"192.0.2.{n + 1}")
                .post(reverse("account_login"), {"login": nurse.email, "password": "wrong-1234"})
                .status_code
            )
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=25) as pool:
        statuses = list(pool.map(guess, range(25)))
    assert statuses.count(200) == 5, statuses  # judged (and refused as wrong)
    assert statuses.count(429) == 20
    assert AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED).count() == 5


def test_a_reset_email_goes_through_the_outbox_and_its_link_works(
    nurse: User, mailoutbox: list
) -> None:
    """Like every message, the reset email is an encrypted outbox row first (so a mail outage
    delays it instead of losing it), and the link it carries still opens the reset page."""
    import re

    from clinic.core.models import OutgoingMessage

    client = Client()
    assert client.post(reverse("account_reset_password"), {"email": nurse.email}).status_code == 302
    message = OutgoingMessage.objects.get()
    assert message.template == "password_reset_key"
    assert message.status == OutgoingMessage.Status.SENT
    (sent,) = mailoutbox
    assert sent.to == [nurse.email]
    link = re.search(r"https?://[^\s]+/accounts/password/reset/key/[^\s]+", sent.body)
    assert link is not None
    path = "/" + link.group(0).split("/", 3)[3]
    assert client.get(path, follow=True).status_code == 200
