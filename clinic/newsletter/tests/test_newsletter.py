"""Double opt-in, one-click unsubscribe, consent record, staff counts and export."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.core import mail
from django.test import Client

from clinic.accounts.models import User
from clinic.audit.models import Action, AuditEvent
from clinic.core import clock
from clinic.newsletter.models import Subscriber

pytestmark = pytest.mark.django_db


def _subscribe(email: str = "reader@example.org") -> None:
    response = Client().post("/newsletter/", {"email": email, "consent": "on"})
    assert response.status_code == 200
    assert b"Check your email" in response.content


def _link(message: mail.EmailMessage, kind: str) -> str:
    found = re.search(rf"http://127\.0\.0\.1:8000(/newsletter/{kind}/[^/\s]+/)", str(message.body))
    assert found is not None, message.body
    return found.group(1)


def test_double_opt_in_then_one_click_unsubscribe() -> None:
    _subscribe()
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.consent_text.startswith("Send me the clinic's newsletter")
    assert subscriber.consented_at is not None
    confirm = _link(mail.outbox[0], "confirm")

    client = Client()
    assert b"Yes, send me" in client.get(confirm).content  # a GET alone subscribes no one
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert client.post(confirm).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED

    welcome = mail.outbox[1]
    assert welcome.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = _link(welcome, "unsubscribe")
    assert welcome.extra_headers["List-Unsubscribe"] == f"<http://127.0.0.1:8000{unsubscribe}>"
    # the mail program's one-click POST carries no CSRF token
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(unsubscribe, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_the_answer_is_the_same_for_a_known_address() -> None:
    _subscribe()
    Client().post(_link(mail.outbox[0], "confirm"))
    _subscribe()  # already confirmed: same page, no new mail
    assert len(mail.outbox) == 2
    assert Subscriber.objects.count() == 1


def test_the_address_is_stored_encrypted_and_matched_case_blind() -> None:
    _subscribe("Reader@Example.org")
    _subscribe("reader@example.org")
    assert Subscriber.objects.count() == 1
    assert Subscriber.objects.get().email == "reader@example.org"


@pytest.mark.parametrize(
    "data",
    [
        {"email": "not-an-email", "consent": "on"},
        {"email": "a@example.org"},
        {"email": "a@example.org", "consent": "on", "website": "spam"},
    ],
)
def test_bad_subscriptions_are_refused(data: dict[str, str]) -> None:
    assert Client().post("/newsletter/", data).status_code == 400
    assert Subscriber.objects.count() == 0


def test_forged_or_expired_links_do_not_work() -> None:
    _subscribe()
    confirm = _link(mail.outbox[0], "confirm")
    assert Client().post("/newsletter/confirm/forged-token/").status_code == 400
    with time_machine.travel(clock.now().timestamp() + 8 * 24 * 3600):
        assert Client().post(confirm).status_code == 400
    assert Client().post(confirm.replace("confirm", "unsubscribe")).status_code == 400


def test_staff_see_counts_and_export_csv_and_the_export_is_audited(
    front_desk: User, nurse: User
) -> None:
    _subscribe("one@example.org")
    Client().post(_link(mail.outbox[0], "confirm"))
    _subscribe("=cmd@example.org")
    client = Client()
    client.force_login(front_desk)
    page = client.get("/newsletter/subscribers/").content.decode()
    assert re.search(r"Subscribed</th><td>1<", page)
    assert re.search(r"Waiting for confirmation</th><td>1<", page)
    export = client.get("/newsletter/subscribers.csv")
    assert export["Content-Type"].startswith("text/csv")
    lines = export.content.decode().strip().splitlines()
    assert lines[0] == "email,confirmed_at,consent_text"
    assert lines[1].startswith("one@example.org,")
    assert len(lines) == 2
    assert AuditEvent.objects.filter(action=Action.EXPORTED).count() == 1
    other = Client()
    other.force_login(nurse)
    assert other.get("/newsletter/subscribers.csv").status_code == 403
