"""What a signed-in session leaves behind: nothing readable in the sessions table, and no
message (with a name in it) in a cookie."""

from __future__ import annotations

import base64
import contextlib
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.accounts.services import user_end_sessions
from clinic.accounts.tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

CANARY_NAME = "Zebulon Quillfeather"


def _signed_in_patient() -> tuple[Client, User, Any]:
    user = make_user(Role.PATIENT, mfa=False, full_name=CANARY_NAME)
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client, user, response


def _readable_forms(raw: str) -> str:
    """The stored text and what a base64 or signed-cookie decoding of it would show."""
    forms = [raw]
    for part in raw.replace(":", ".").split("."):
        padded = part + "=" * (-len(part) % 4)
        for decode in (base64.urlsafe_b64decode, base64.b64decode):
            with contextlib.suppress(ValueError):
                forms.append(decode(padded).decode("latin-1"))
    return "\n".join(forms)


def test_session_rows_are_encrypted() -> None:
    client, user, _ = _signed_in_patient()
    client.get(reverse("accounts:home"), follow=True)
    rows = list(Session.objects.values_list("session_data", flat=True))
    assert rows
    for raw in rows:
        assert raw.startswith("v1:")
        seen = _readable_forms(raw)
        for secret in ("_auth_user_id", CANARY_NAME, "Zebulon", user.email, "signed in"):
            assert secret not in seen


def test_messages_never_travel_in_a_cookie() -> None:
    client, _, response = _signed_in_patient()
    assert "messages" not in response.cookies
    page = client.get(response["Location"], follow=True)
    assert "messages" not in client.cookies
    for cookie in client.cookies.values():
        assert CANARY_NAME not in _readable_forms(cookie.value)
    assert page.status_code == 200


def test_ending_sessions_still_finds_them_encrypted() -> None:
    client, user, _ = _signed_in_patient()
    assert user_end_sessions(user=user) == 1
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_tampered_session_row_reads_as_signed_out() -> None:
    client, _, _ = _signed_in_patient()
    Session.objects.update(session_data="v1:t1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_account_services_write_their_own_audit_events(owner: User) -> None:
    """Creating a person, changing roles, resetting a factor and ending sessions are each in
    the trail, with who did it, whether through the admin pages or a script."""
    from clinic.accounts import services
    from clinic.audit.models import AuditEvent
    from clinic.core.context import Acting

    ctx = Acting.script(owner)
    person = services.user_create(
        email="audited@example.org",
        full_name="Audited Person",
        roles=[Role.NURSE],
        password=None,
        ctx=ctx,
    )
    services.user_set_roles(user=person, roles=[Role.NURSE, Role.PRESCRIBER], ctx=ctx)
    services.user_reset_second_factor(user=person, ctx=ctx)
    events = list(AuditEvent.objects.filter(object_code=str(person.code)).order_by("seq"))
    assert [e.action for e in events] == [
        "roles_changed",
        "account_created",
        "roles_changed",
        "second_factor_reset",
        "sessions_ended",
    ]
    assert {e.actor for e in events} == {owner}
    assert "Audited" not in str([e.details for e in events])
