"""Acceptance: a visitor subscribes, confirms from the emailed link, and unsubscribes from the
next email, on a 390 px phone."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import expect

from clinic.core.testing.browser import PHONE, screenshot
from clinic.newsletter.models import Subscriber

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _path(body: str, kind: str) -> str:
    found = re.search(rf"https?://[^/\s]+(/newsletter/{kind}/[^/\s]+/)", body)
    assert found is not None, body
    return found.group(1)


def test_subscribe_confirm_and_unsubscribe(page: Any, live_server: Any) -> None:
    page.set_viewport_size(PHONE)
    base = live_server.url
    page.goto(f"{base}/")
    page.get_by_role("link", name="Newsletter").click()
    page.get_by_label("Your email").fill("reader@example.org")
    page.get_by_label("Send me the clinic's newsletter").check()
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()

    page.goto(base + _path(str(mail.outbox[-1].body), "confirm"))
    page.get_by_role("button", name="Yes, send me the newsletter").click()
    expect(page.get_by_role("heading", name="You are subscribed")).to_be_visible()
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED

    page.goto(base + _path(str(mail.outbox[-1].body), "unsubscribe"))
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
    screenshot(page, "newsletter-unsubscribed-phone")
