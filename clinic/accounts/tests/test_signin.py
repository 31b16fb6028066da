"""Sign-in with password and second factor, the throttle, and session lifetimes."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse

from clinic.accounts.models import User
from clinic.accounts.tests.factories import PASSWORD, totp_code
from clinic.core import clock

pytestmark = pytest.mark.django_db


def _password_step(client: Client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def _sign_in(client: Client, user: User) -> None:
    response = _password_step(client, user.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(user)})
    assert response.status_code == 302, response.content[:500]


def test_staff_signs_in_with_password_and_totp_and_reaches_home(nurse: User) -> None:
    """Password alone is not enough for staff: the code completes the sign-in."""
    client = Client()
    response = _password_step(client, nurse.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("accounts:staff_home")).status_code == 302  # not signed in yet

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(nurse)})
    assert response["Location"] == reverse("accounts:home")
    home = client.get(reverse("accounts:home"), follow=True)
    assert home.redirect_chain[-1][0] == reverse("accounts:staff_home")
    assert b"Nina" in home.content


def test_wrong_totp_code_does_not_sign_in(nurse: User) -> None:
    client = Client()
    _password_step(client, nurse.email)
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert b"Incorrect code" in response.content or b"incorrect" in response.content.lower()
    assert client.get(reverse("accounts:staff_home")).status_code == 302


def test_a_used_totp_code_cannot_be_used_again(nurse: User) -> None:
    first, second = Client(), Client()
    _sign_in(first, nurse)
    _password_step(second, nurse.email)
    response = second.post(reverse("mfa_authenticate"), {"code": totp_code(nurse)})
    assert response.status_code == 200  # refused: same code within its period


def test_wrong_password_message_does_not_say_whether_the_account_exists(nurse: User) -> None:
    known = _password_step(Client(), nurse.email, "wrong-password-123")
    unknown = _password_step(Client(), "nobody@example.org", "wrong-password-123")
    assert known.status_code == unknown.status_code == 200
    assert b"not correct" in known.content
    assert (
        known.content.replace(nurse.email.encode(), b"X")
        == unknown.content.replace(b"nobody@example.org", b"X").replace(b"nobody", b"X")
        or b"not correct" in unknown.content
    )


def test_sign_in_is_throttled_per_account_with_a_clear_wait(nurse: User) -> None:
    """Five failures lock the account for 15 minutes, with a 429 that says how long."""
    client = Client()
    for _ in range(5):
        assert _password_step(client, nurse.email, "wrong-password-123").status_code == 200
    response = _password_step(client, nurse.email)  # even the right password is refused now
    assert response.status_code == 429
    assert b"Please try again in 15 minutes" in response.content

    with time_machine.travel(clock.now() + dt.timedelta(minutes=16)):
        assert _password_step(Client(), nurse.email)["Location"] == reverse("mfa_authenticate")


def test_throttle_answers_the_same_for_an_unknown_account() -> None:
    client = Client()
    for _ in range(5):
        _password_step(client, "nobody@example.org", "wrong-password-123")
    response = _password_step(client, "nobody@example.org", "wrong-password-123")
    assert response.status_code == 429
    assert b"Please try again in 15 minutes" in response.content


def test_sign_in_is_throttled_per_address_across_accounts(nurse: User) -> None:
    """Twenty failures from one address lock it out for every account."""
    client = Client()
    for n in range(20):
        _password_step(client, f"guess{n}@example.org", "wrong-password-123")
    response = _password_step(client, nurse.email)
    assert response.status_code == 429


def test_success_clears_the_account_count(nurse: User) -> None:
    client = Client()
    for _ in range(4):
        _password_step(client, nurse.email, "wrong-password-123")
    _sign_in(client, nurse)
    other = Client()
    for _ in range(4):
        _password_step(other, nurse.email, "wrong-password-123")
    assert _password_step(other, nurse.email).status_code == 302


def test_idle_session_ends_after_15_minutes(nurse: User) -> None:
    client = Client()
    _sign_in(client, nurse)
    start = clock.now()
    with time_machine.travel(start + dt.timedelta(minutes=14), tick=False):
        assert client.get(reverse("accounts:staff_home")).status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=14 + 16), tick=False):
        response = client.get(reverse("accounts:staff_home"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_active_session_ends_after_12_hours_however_busy(nurse: User) -> None:
    client = Client()
    _sign_in(client, nurse)
    start = clock.now()
    minutes = 0
    while minutes < 12 * 60 - 10:
        minutes += 10
        with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=False):
            assert client.get(reverse("accounts:staff_home")).status_code == 200, minutes
    with time_machine.travel(start + dt.timedelta(hours=12, minutes=5), tick=False):
        response = client.get(reverse("accounts:staff_home"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@override_settings(CLINIC_SESSION_MAX_AGE=30 * 60)
def test_the_absolute_limit_signs_out_with_a_message_not_an_error(nurse: User) -> None:
    """The session is still fresh (used a minute ago) but older than its absolute limit: the
    person is signed out and told why on the sign-in page."""
    client = Client()
    _sign_in(client, nurse)
    start = clock.now()
    for minutes in (10, 20):
        with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=False):
            assert client.get(reverse("accounts:staff_home")).status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=31), tick=False):
        response = client.get(reverse("accounts:staff_home"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        page = client.get(response["Location"])
        assert page.status_code == 200
        assert b"reached its time limit" in page.content
        assert client.get(reverse("accounts:staff_home")).status_code == 302


def test_staff_without_second_factor_can_only_enrol(staff_without_mfa: User) -> None:
    client = Client()
    response = _password_step(client, staff_without_mfa.email)
    assert response.status_code == 302  # no code asked: nothing to ask with yet
    for url in (reverse("accounts:staff_home"), reverse("accounts:home")):
        held = client.get(url)
        assert held.status_code == 302
        assert held["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    assert client.get(reverse("public:home")).status_code == 200  # public pages stay public


def test_enrolling_a_second_factor_releases_the_hold(staff_without_mfa: User) -> None:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    client = Client()
    _password_step(client, staff_without_mfa.email)
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    code = format_hotp_value(hotp_value(secret, int(clock.now().timestamp()) // 30))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("accounts:staff_home")).status_code == 200


def test_patient_is_not_held_for_a_second_factor(patient_user: User) -> None:
    client = Client()
    _password_step(client, patient_user.email)
    assert client.get(reverse("accounts:patient_home")).status_code == 200


def test_inactive_account_cannot_sign_in(nurse: User) -> None:
    nurse.is_active = False
    nurse.save()
    response = _password_step(Client(), nurse.email)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] == reverse("account_inactive")


def test_signup_is_not_offered() -> None:
    assert Client().get("/accounts/signup/").status_code == 404


def test_pages_for_signed_in_people_are_never_cached(nurse: User) -> None:
    client = Client()
    client.force_login(nurse)
    response = client.get(reverse("accounts:staff_home"))
    assert "no-store" in response["Cache-Control"]
