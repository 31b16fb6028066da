"""A busy nurse adds and finds a patient in a real browser, on a phone-sized screen too."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from clinic.accounts.models import User
from clinic.core.testing.browser import PHONE, screenshot
from clinic.patients.tests.factories import make_patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _signed_in(page: Any, live_server: Any, user: User) -> None:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_nurse_adds_a_patient_and_sees_the_record(
    page: Any, live_server: Any, nurse: User, plano: Any
) -> None:
    _signed_in(page, live_server, nurse)
    page.goto(f"{live_server.url}/staff/")
    page.get_by_role("main").get_by_role("link", name="Patients").click()
    page.get_by_role("link", name="Add a patient").click()
    page.get_by_label("First name").fill("Jordan")
    page.get_by_label("Last name").fill("Avery")
    page.get_by_label("Date of birth").fill("1986-03-14")
    page.get_by_label("Phone").fill("(214) 555-0161")
    page.get_by_label("Email").fill("jordan@example.org")
    page.get_by_role("button", name="Add patient").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jordan Avery")
    expect(page.get_by_text("Patient record created.")).to_be_visible()
    screenshot(page, "patient-detail")


def test_patient_list_and_search_on_a_phone(
    page: Any, live_server: Any, nurse: User, plano: Any
) -> None:
    make_patient(plano, first_name="Maria", last_name="Delgado", email="maria@example.org")
    make_patient(plano, first_name="Tomas", last_name="Ruiz")
    page.set_viewport_size(PHONE)
    _signed_in(page, live_server, nurse)
    page.goto(f"{live_server.url}/patients/")
    expect(page.get_by_role("link", name="Delgado, Maria")).to_be_visible()
    page.get_by_label("Name, phone or date of birth").fill("mar del")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Delgado, Maria")).to_be_visible()
    expect(page.get_by_role("link", name="Ruiz, Tomas")).to_have_count(0)
    assert "maria" not in page.url.lower()  # search terms never reach the address bar
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "patient-list-phone")
