"""Sign-in in a real browser (Debian's Chromium), with the accessibility and same-host guards."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from clinic.accounts.models import User
from clinic.accounts.tests.factories import PASSWORD, totp_code
from clinic.core.testing.browser import PHONE, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF_PATHS = [
    "/home/",
    "/staff/",
    "/my/",
    "/admin/",
    "/admin/accounts/user/",
    "/accounts/2fa/",
    "/accounts/password/change/",
]


def _password_step(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_staff_signs_in_with_password_and_totp(page: Any, live_server: Any, nurse: User) -> None:
    _password_step(page, live_server.url, nurse.email)
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    page.get_by_label("Authenticator code").fill(totp_code(nurse))
    page.get_by_role("button", name="Confirm and sign in").click()
    expect(page).to_have_url(f"{live_server.url}/staff/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nina")
    screenshot(page, "staff-home")


def test_anonymous_visitor_is_sent_to_sign_in_from_every_staff_url(
    page: Any, live_server: Any
) -> None:
    for path in STAFF_PATHS:
        page.goto(f"{live_server.url}{path}")
        assert page.url.startswith(f"{live_server.url}/accounts/login/"), (path, page.url)
        expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_staff_without_second_factor_is_held_at_enrolment(
    page: Any, live_server: Any, staff_without_mfa: User
) -> None:
    page.set_viewport_size(PHONE)
    _password_step(page, live_server.url, staff_without_mfa.email)
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/totp/activate/")
    expect(page.get_by_text("Staff accounts need a second factor")).to_be_visible()
    screenshot(page, "enrolment-phone")
    page.goto(f"{live_server.url}/staff/")
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/totp/activate/")


def test_public_home_on_a_phone(page: Any, live_server: Any, plano: Any) -> None:
    page.set_viewport_size(PHONE)
    page.goto(live_server.url)
    expect(page.get_by_role("link", name="Call 988")).to_be_visible()
    expect(page.get_by_text("Plano")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page scrolls sideways on a phone"
    screenshot(page, "public-home-phone")
