"""The second factor cannot be guessed: each pending sign-in has a few tries, each account a
few more across sign-ins, every failure is in the audit trail, and recovery codes, security
keys and re-authentication are held to the same limits. All through the real sign-in."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.db import connections
from django.test import Client
from django.urls import reverse

from clinic.accounts.models import User
from clinic.accounts.tests.factories import PASSWORD, totp_code
from clinic.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


def _password_step(client: Client, user: User) -> None:
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")


def _wrong(client: Client, code: str = "000000"):
    return client.post(reverse("mfa_authenticate"), {"code": code})


def _failures(user: User) -> int:
    return AuditEvent.objects.filter(action=Action.MFA_FAILED, actor=user).count()


def test_five_wrong_codes_end_the_pending_sign_in(nurse: User) -> None:
    """The fifth wrong code sends the person back to the password; the right code no longer
    completes that sign-in."""
    client = Client()
    _password_step(client, nurse)
    for _ in range(4):
        assert _wrong(client).status_code == 200
    ended = _wrong(client)
    assert ended.status_code == 302
    assert ended["Location"] == reverse("account_login")
    late = client.post(reverse("mfa_authenticate"), {"code": totp_code(nurse)})
    assert late.status_code == 302
    assert late["Location"].startswith(reverse("account_login"))
    assert client.get(reverse("accounts:staff_home")).status_code == 302
    assert _failures(nurse) == 5


def test_account_locks_after_ten_wrong_codes_across_sign_ins_and_refuses_the_right_one(
    nurse: User,
) -> None:
    """300 guesses (the attack seen) meet a 429 long before the end; the right code is then
    refused too, and every failed try is in the audit trail."""
    client = Client()
    statuses: list[int] = []
    for _ in range(60):  # 60 pending sign-ins of 5 tries: 300 guesses
        _password_step(client, nurse)
        for _ in range(5):
            response = _wrong(client)
            statuses.append(response.status_code)
            if response.status_code in (302, 429):
                break
        if 429 in statuses:
            break
    assert 429 in statuses
    assert statuses.index(429) == 10  # ten judged, the eleventh refused
    right = client.post(reverse("mfa_authenticate"), {"code": totp_code(nurse)})
    assert right.status_code == 429
    assert "Retry-After" in right
    assert client.get(reverse("accounts:staff_home")).status_code == 302
    assert _failures(nurse) == 12
    events = AuditEvent.objects.filter(action=Action.MFA_FAILED, actor=nurse)
    assert {e.details["outcome"] for e in events} == {"incorrect", "refused: account locked"}


def test_recovery_codes_are_counted_the_same_way(nurse: User) -> None:
    """Guessing recovery codes uses the same budget; a real one is refused once locked."""
    codes = RecoveryCodes.activate(nurse).get_unused_codes()
    client = Client()
    for _ in range(2):
        _password_step(client, nurse)
        for _ in range(5):
            _wrong(client, "abcd1234")
    _password_step(client, nurse)
    assert client.post(reverse("mfa_authenticate"), {"code": codes[0]}).status_code == 429
    assert _failures(nurse) == 11


def test_right_code_after_a_few_wrong_ones_signs_in_and_clears_the_count(nurse: User) -> None:
    client = Client()
    _password_step(client, nurse)
    for _ in range(4):
        _wrong(client)
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(nurse)})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:home")
    other = Client()
    _password_step(other, nurse)
    for _ in range(4):
        assert _wrong(other).status_code == 200  # a fresh budget


def test_a_security_key_attempt_is_counted_and_audited(nurse: User) -> None:
    """A forged security-key answer is a failed attempt like a wrong code, never a 500."""
    client = Client()
    _password_step(client, nurse)
    forged = json.dumps({"id": "AAAA", "rawId": "AAAA", "type": "public-key", "response": {}})
    response = client.post(reverse("mfa_authenticate"), {"credential": forged})
    assert response.status_code in (200, 302)
    assert _failures(nurse) == 1
    assert AuditEvent.objects.get(action=Action.MFA_FAILED).details["factor"] == "security key"


def test_reauthentication_codes_are_limited_and_end_the_session(nurse: User) -> None:
    client = Client()
    _password_step(client, nurse)
    client.post(reverse("mfa_authenticate"), {"code": totp_code(nurse)})
    assert client.get(reverse("accounts:staff_home")).status_code == 200
    for _ in range(4):
        assert client.post(reverse("mfa_reauthenticate"), {"code": "000000"}).status_code == 200
    ended = client.post(reverse("mfa_reauthenticate"), {"code": "000000"})
    assert ended.status_code == 302
    assert client.get(reverse("accounts:staff_home")).status_code == 302  # signed out
    assert {e.details["step"] for e in AuditEvent.objects.filter(action=Action.MFA_FAILED)} == {
        "re-authentication"
    }


@pytest.mark.postgres  # SQLite serialises every write: the race needs PostgreSQL
@pytest.mark.django_db(transaction=True)
def test_parallel_guesses_are_counted_atomically(nurse: User) -> None:
    """25 codes sent at the same moment in one pending sign-in: at most five are judged."""
    client = Client()
    _password_step(client, nurse)
    barrier = threading.Barrier(25)

    def guess(_: int) -> int:
        try:
            barrier.wait()
            return _wrong(client).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=25) as pool:
        statuses = list(pool.map(guess, range(25)))
    judged = AuditEvent.objects.filter(action=Action.MFA_FAILED, details__outcome="incorrect")
    assert judged.count() <= 5, statuses
    assert 500 not in statuses
