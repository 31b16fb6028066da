"""Staff scheduling pages in a real browser (each page is checked with axe by the harness): a
nurse's calendar and chair board, front desk booking a series, a calendar feed."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import Any

import pytest
from playwright.sync_api import expect

from clinic.accounts.models import User
from clinic.core import clock
from clinic.core.testing.browser import PHONE, screenshot
from clinic.locations.models import Location
from clinic.patients.tests.factories import make_patient
from clinic.scheduling import services
from clinic.scheduling.models import Booking
from clinic.scheduling.tests.factories import open_location, standard_types
from clinic.scheduling.tests.test_browser import _signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_nurse_sees_the_board_and_front_desk_books_a_series(
    page: Any, live_server: Any, plano: Location, nurse: User, front_desk: User
) -> None:
    # A zone where it is daytime now, so that "now" is inside opening hours whenever this runs.
    for zone in ("America/Chicago", "Europe/London", "Asia/Tokyo"):
        if 4 <= clock.now().astimezone(zoneinfo.ZoneInfo(zone)).hour <= 19:
            plano.time_zone = zone
            plano.save()
            break
    open_location(
        plano,
        chairs=3,
        staff=(nurse, front_desk),
        days=range(7),
        opens=dt.time(0),
        closes=dt.time(23, 59),
    )
    kinds = standard_types()
    patient = make_patient(plano, first_name="Avery", last_name="Board", email="a@example.org")
    now = clock.now()
    start = now.replace(second=0, microsecond=0) - dt.timedelta(minutes=10)
    booking = services.booking_create(
        kind=kinds["iv-ketamine-infusion"],
        location=plano,
        start=start,
        who=services.Who(patient=patient),
        by_staff=True,
    )
    services.booking_mark(booking=booking, status=Booking.Status.ATTENDED, actor=nurse)
    base = live_server.url

    _signed_in(page, live_server, nurse)
    page.goto(f"{base}/schedule/board/")
    expect(page.get_by_role("link", name="Avery Board")).to_be_visible()
    expect(page.get_by_text("min left")).to_be_visible()
    screenshot(page, "chair-board")
    page.goto(f"{base}/schedule/?view=week")
    expect(page.get_by_role("link", name="Avery Board").first).to_be_visible()
    page.get_by_role("link", name="Avery Board").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Avery Board")
    page.goto(f"{base}/schedule/feeds/")
    page.get_by_role("button", name="Create a feed address").click()
    expect(page.get_by_text("shown only this once")).to_be_visible()

    desk = page.context.browser.new_context()
    desk_page = desk.new_page()
    desk_page.set_viewport_size(PHONE)
    _signed_in(desk_page, live_server, front_desk)
    desk_page.goto(f"{base}/patients/{patient.code}/")
    desk_page.get_by_role("link", name="Book an appointment").click()
    desk_page.get_by_label("Type").select_option(label="IV ketamine infusion")
    tomorrow = (now.astimezone(plano.tz) + dt.timedelta(days=1)).date()
    desk_page.get_by_label("Date").fill(tomorrow.isoformat())
    desk_page.get_by_role("button", name="Show open times").click()
    expect(desk_page.locator(".slot-list button").first).to_be_visible()
    assert desk_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    desk_page.goto(f"{base}/patients/{patient.code}/")
    desk_page.get_by_role("link", name="Book a series").click()
    desk_page.get_by_label("Appointment type").select_option(label="IV ketamine infusion")
    desk_page.get_by_label("Sessions").fill("6")
    desk_page.get_by_role("button", name="Propose dates").click()
    expect(desk_page.get_by_role("heading", name="Proposed sessions")).to_be_visible()
    desk_page.get_by_role("button", name="Book these 6 sessions").click()
    expect(desk_page.get_by_role("heading", name="Booked 6 sessions")).to_be_visible()
    assert desk_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(desk_page, "series-booked-phone")
    desk.close()


def test_front_desk_sees_an_unsent_confirmation_and_sends_it_again(
    page: Any, live_server: Any, plano: Location, front_desk: User
) -> None:
    """A confirmation the mail server never took is flagged on the calendar and the
    appointment; "Send again" queues it once more."""
    from django.core import mail

    from clinic.core.models import OutgoingMessage

    open_location(plano, chairs=1, staff=(front_desk,), days=range(7))
    patient = make_patient(plano, first_name="Unsent", last_name="Mail", email="u@example.org")
    day = clock.now().astimezone(plano.tz).date() + dt.timedelta(days=2)
    start = dt.datetime.combine(day, dt.time(10), tzinfo=plano.tz).astimezone(dt.UTC)
    booking = services.booking_create(
        kind=standard_types()["free-phone-consultation"],
        location=plano,
        start=start,
        who=services.Who(patient=patient),
        by_staff=True,
        notify=True,
    )
    OutgoingMessage.objects.update(
        status=OutgoingMessage.Status.UNCERTAIN, last_error="hand-over interrupted"
    )
    sent_before = len(mail.outbox)
    _signed_in(page, live_server, front_desk)
    page.goto(f"{live_server.url}/schedule/?day={day.isoformat()}")
    expect(page.get_by_role("heading", name="Messages that could not be sent")).to_be_visible()
    page.get_by_role("link", name="Booking confirmation email").click()
    expect(page.get_by_text("May not have been sent")).to_be_visible()
    screenshot(page, "booking-message-uncertain")
    page.get_by_role("button", name="Send again").click()
    expect(page.get_by_text("The message will be sent again.")).to_be_visible()
    expect(page.get_by_text("Booking confirmation email: Sent")).to_be_visible()
    assert len(mail.outbox) == sent_before + 1
    assert booking.code


def test_front_desk_books_a_free_cell_of_the_day_grid_on_a_tablet(
    page: Any, live_server: Any, plano: Location, nurse: User, front_desk: User
) -> None:
    """Issue 11, point 15: the grid shows the chairs and free time; choosing a free cell,
    finding the patient by part of a name and choosing the type books that very time."""
    open_location(plano, chairs=3, staff=(nurse, front_desk), days=range(7))
    standard_types()
    patient = make_patient(plano, first_name="Tabitha", last_name="Gridley")
    day = clock.now().astimezone(plano.tz).date() + dt.timedelta(days=2)
    page.set_viewport_size({"width": 1024, "height": 768})
    _signed_in(page, live_server, front_desk)
    page.goto(f"{live_server.url}/schedule/?day={day.isoformat()}")
    expect(page.get_by_role("rowheader", name="Chair 1")).to_be_visible()
    screenshot(page, "day-grid-tablet")
    page.get_by_role("link", name="Book Chair 2 at 10:00 am").click()
    expect(page.get_by_role("heading", name="Who is the appointment for?")).to_be_visible()
    page.get_by_label("Name, phone or date of birth").fill("gridl")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name=re.compile("Gridley, Tabitha")).click()
    page.get_by_label("Type").select_option(label="IV ketamine infusion")
    page.get_by_role("button", name="Show open times").click()
    expect(page.get_by_role("heading", name="The time you chose")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^Book .*10:00 am")).click()
    expect(page.get_by_text("Booked for")).to_be_visible()
    booking = Booking.objects.get(patient=patient)
    assert booking.starts_at.astimezone(plano.tz).time() == dt.time(10)
    chairs = [h.resource.name for h in booking.holds.filter(resource__isnull=False) if h.resource]
    assert chairs == ["Chair 2"]  # the chair of the cell chosen, not the first free one
    assert "gridl" not in page.url
    page.goto(f"{live_server.url}/schedule/?day={day.isoformat()}")
    expect(page.get_by_role("link", name="Tabitha Gridley").first).to_be_visible()
    screenshot(page, "day-grid-booked-tablet")
