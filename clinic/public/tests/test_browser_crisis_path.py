"""Acceptance, on a 390 px phone: a visitor with thoughts of self-harm is shown crisis help
before the score, sends a request with the result, and the front desk finds it on top, urgent."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from clinic.accounts.models import User
from clinic.accounts.tests.factories import PASSWORD, totp_code
from clinic.core.testing.browser import PHONE, screenshot
from clinic.locations.models import Location

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_phq9_with_item9_to_urgent_request_at_the_top_of_the_inbox(
    page: Any, live_server: Any, plano: Location, front_desk: User, nurse: User
) -> None:
    page.set_viewport_size(PHONE)
    base = live_server.url
    page.goto(f"{base}/")
    page.get_by_role("main").get_by_role("link", name="Take the self-assessment").click()
    page.get_by_role("link", name="Depression (PHQ-9)").click()
    expect(page.get_by_text("This is not a diagnosis.")).to_be_visible()
    page.get_by_role("button", name="Start").click()

    for number in range(1, 10):
        expect(page.get_by_text(f"Question {number} of 10")).to_be_visible()
        choice = "Several days" if number == 9 else "More than half the days"
        page.get_by_label(choice).check()
        page.get_by_role("button", name="Next").click()
        if number == 9:
            # at once, on the very next screen, above the question
            expect(
                page.get_by_role("heading", name="You don't have to go through this alone")
            ).to_be_visible()
            expect(page.locator("#main").get_by_role("link", name="Call 988")).to_be_visible()
            screenshot(page, "crisis-right-after-item9-phone")

    page.get_by_label("Very difficult").check()
    page.get_by_role("button", name="See my result").click()
    crisis = page.get_by_role("heading", name="You don't have to go through this alone")
    expect(crisis).to_be_visible()
    score_box = page.locator(".score-number")
    expect(score_box).to_have_text("17")
    assert crisis.bounding_box()["y"] < score_box.bounding_box()["y"]
    screenshot(page, "result-with-crisis-phone")

    page.get_by_role("button", name="Request a free consultation").click()
    expect(page.get_by_text("17 out of 27")).to_be_visible()
    page.get_by_label("Your name").fill("Robin Sample")
    page.get_by_role("textbox", name="Phone").fill("(214) 555-0190")
    page.get_by_label("Preferred location").select_option(label="Plano")
    page.get_by_label("Monday evening").check()
    page.get_by_label("Self-pay").check()
    page.get_by_label("I agree that the clinic may contact me").check()
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_role("heading", name="Thank you, we have your request")).to_be_visible()
    screenshot(page, "request-thanks-phone")

    # the front desk signs in and finds it on top, marked urgent
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(front_desk.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Authenticator code").fill(totp_code(front_desk))
    page.get_by_role("button", name="Confirm and sign in").click()
    page.get_by_role("link", name="Requests inbox").click()
    first = page.locator(".inbox-row").first
    expect(first).to_contain_text("Robin Sample")
    expect(first).to_contain_text("Urgent")
    expect(first).to_contain_text("waiting")
    screenshot(page, "inbox-urgent-phone")
