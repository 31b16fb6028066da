"""On a 390 px phone, a refused form says so at the top and takes the reader there."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from clinic.core.testing.browser import PHONE, screenshot
from clinic.locations.models import Location

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_error_summary_receives_focus_and_leads_to_the_field(
    page: Any, live_server: Any, plano: Location
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/consultation/")
    page.get_by_label("Your name").fill("Robin Sample")
    page.get_by_role("textbox", name="Phone").fill("(214) 555-0190")
    page.get_by_label("Self-pay").check()
    page.get_by_role("button", name="Send my request").click()  # the consent box left empty

    summary = page.locator("#form-errors")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    assert page.title().startswith("Error: ")
    screenshot(page, "error-summary-phone")
    summary.get_by_role("link").first.click()
    expect(page.locator("#id_consent")).to_be_in_viewport()
