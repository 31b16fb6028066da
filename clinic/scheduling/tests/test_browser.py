"""Acceptance: a visitor on a phone self-books a free consultation at a chosen location; staff
see it on the calendar; the reminder task sends exactly one reminder; the visitor cancels from
the emailed link."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from clinic.accounts.models import User
from clinic.core.testing.browser import PHONE, screenshot
from clinic.locations.models import Location
from clinic.scheduling.models import Booking, Reminder
from clinic.scheduling.tests.factories import open_location, standard_types

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _signed_in(page: Any, live_server: Any, user: User) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def _reminder_emails() -> list[Any]:
    return [m for m in mail.outbox if m.subject.startswith("Reminder")]


def test_self_book_see_on_calendar_remind_once_and_cancel_from_the_email(
    page: Any, live_server: Any, plano: Location, frisco: Location, front_desk: User, nurse: User
) -> None:
    front_desk.locations.add(frisco)
    open_location(plano, staff=(front_desk, nurse), days=range(7))
    open_location(frisco, staff=(front_desk,), days=range(7))
    standard_types()
    base = live_server.url

    # A visitor on a phone chooses Frisco and the first open time.
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/")
    page.get_by_role("link", name="Book a free consultation").first.click()
    page.get_by_role("link", name="Pick a time online").click()
    page.get_by_role("link", name="Free phone consultation, Frisco").click()
    expect(page.get_by_role("heading", name="Choose a time")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "self-booking-times-phone")
    first = page.locator(".slot-list button").first
    label = first.get_attribute("aria-label")
    assert label is not None
    assert re.match(r"^\w+day \d{1,2} \w+ 20\d\d, \d{1,2}:\d\d [ap]m C[SD]T$", label), label
    first.click()
    expect(page.get_by_text(label.rsplit(" ", 1)[0])).to_be_visible()
    page.get_by_label("Your name").fill("Robin Example")
    page.get_by_role("textbox", name="Phone").fill("(469) 555-0123")
    page.get_by_role("textbox", name="Email").fill("robin@example.org")
    page.get_by_label("I agree that the clinic may contact me").check()
    page.get_by_role("button", name="Book this time").click()
    expect(page.get_by_role("status")).to_contain_text("You are booked")
    screenshot(page, "self-booking-booked-phone")
    booking = Booking.objects.get()
    assert booking.location == frisco

    # Staff see it on the Frisco calendar for that day.
    local_day = booking.starts_at.astimezone(frisco.tz).date()
    staff = page.context.browser.new_context()
    staff_page = staff.new_page()
    _signed_in(staff_page, live_server, front_desk)
    staff_page.goto(f"{base}/schedule/?location={frisco.code}&day={local_day.isoformat()}")
    expect(staff_page.get_by_role("link", name="Robin Example (new enquiry)")).to_be_visible()
    screenshot(staff_page, "schedule-day-with-self-booking")
    staff.close()

    # The reminder task sends exactly one reminder by email, however often it runs.
    due = Reminder.objects.filter(booking=booking, channel="email").order_by("due_at").first()
    assert due is not None
    with time_machine.travel(due.due_at + dt.timedelta(minutes=1), tick=False):
        call_command("send_due_reminders")
        call_command("send_due_reminders")
    assert len(_reminder_emails()) == 1

    # The visitor cancels from the link in the confirmation email.
    confirmation = next(m for m in mail.outbox if "booked" in m.subject)
    link = re.search(r"https?://[^/\s]+(/appointments/[^/\s]+/)", str(confirmation.body))
    assert link is not None
    page.goto(base + link.group(1))
    page.get_by_role("link", name="Choose another time").click()
    expect(page.get_by_role("heading", name="Choose another time")).to_be_visible()
    page.go_back()
    page.get_by_label("Reason").select_option("schedule")
    page.get_by_role("button", name="Cancel my appointment").click()
    expect(page.get_by_role("status")).to_contain_text("Your appointment is cancelled")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    with time_machine.travel(booking.starts_at - dt.timedelta(minutes=30), tick=False):
        call_command("send_due_reminders")
    assert len(_reminder_emails()) == 1
