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


def test_the_request_form_on_a_phone_shows_only_what_applies(
    page: Any, live_server: Any, plano: Location, frisco: Location
) -> None:
    """Issue 11, point 18: self-pay hides the insurance fields; choosing a location offers
    only its open times; the contact fields bring up the right keyboards."""
    import datetime as dt

    from clinic.locations.models import BusinessHours

    for day in range(5):
        BusinessHours.objects.create(
            location=plano, weekday=day, opens=dt.time(8), closes=dt.time(19)
        )
        BusinessHours.objects.create(
            location=frisco, weekday=day, opens=dt.time(9), closes=dt.time(13)
        )
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/consultation/")
    insurance = page.get_by_label("Insurance company")
    expect(insurance).to_be_visible()  # "Not sure yet" is chosen at first
    tall = page.evaluate("document.documentElement.scrollHeight")
    page.get_by_label("Self-pay").check()
    expect(insurance).to_be_hidden()
    page.get_by_label("Insurance", exact=True).check()
    expect(insurance).to_be_visible()
    page.get_by_label("Self-pay").check()
    evening = page.get_by_label("Monday evening")
    expect(evening).to_be_visible()
    page.get_by_label("Preferred location").select_option(label="Frisco")
    expect(evening).to_be_hidden()
    expect(page.get_by_label("Monday morning")).to_be_visible()
    expect(page.get_by_label("Saturday morning")).to_have_count(0)  # nobody opens on Saturday
    assert page.evaluate("document.documentElement.scrollHeight") < tall
    assert page.get_by_role("textbox", name="Phone").get_attribute("type") == "tel"
    assert page.get_by_role("textbox", name="Email").get_attribute("autocomplete") == "email"
    screenshot(page, "request-form-self-pay-frisco-phone")
