"""A patient on a 390 px phone fills in the intake from the link, stops, comes back, and
enters medicines and two earlier antidepressants (axe checks every page)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from clinic.core.testing.browser import PHONE, screenshot
from clinic.intake.models import IntakeEntry
from clinic.intake.services import intake_link_send
from clinic.locations.models import Location
from clinic.patients.tests.factories import make_patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_patient_fills_in_the_intake_on_a_phone_and_comes_back(
    page: Any, live_server: Any, plano: Location, front_desk: Any
) -> None:
    patient = make_patient(plano, first_name="Pia", last_name="Phone", email="pia@example.org")
    _, url = intake_link_send(patient=patient, actor=front_desk)
    link = live_server.url + urlsplit(url).path
    page.set_viewport_size(PHONE)
    page.goto(link)
    page.get_by_role("link", name="Start: About you").click()
    page.get_by_label("Your legal name").fill("Pia Phone")
    page.get_by_label("Your pronouns (optional)").fill("she/her")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Emergency contact and your ride home")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # She stops here, and comes back later with the same link.
    page.goto("about:blank")
    page.goto(link)
    page.get_by_role("link", name="Continue: Emergency contact and your ride home").click()
    page.get_by_label("Who will drive you home after a session").fill("Sam Phone")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Your own clinicians")).to_be_visible()

    page.goto(link + "medications/")
    page.get_by_label("Name").first.fill("Lorazepam")
    page.get_by_label("Dose").first.fill("1 mg")
    page.get_by_label("Kind of medicine").first.select_option("benzodiazepine")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Antidepressants you have tried")).to_be_visible()
    page.get_by_label("Medicine").nth(0).fill("Fluoxetine")
    page.get_by_label("Weeks taken").nth(0).fill("8")
    page.get_by_label("Medicine").nth(1).fill("Sertraline")
    page.get_by_label("Weeks taken").nth(1).fill("10")
    screenshot(page, "intake-trials-phone")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Weight and height")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    trials = IntakeEntry.objects.get(section="trials").answers["rows"]
    assert [t["drug"] for t in trials] == ["Fluoxetine", "Sertraline"]
    page.goto(link)
    expect(page.get_by_text("Done").first).to_be_visible()
    screenshot(page, "intake-overview-phone")
