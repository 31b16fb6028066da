from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from clinic.locations.models import BusinessHours, Closure, Location
from clinic.locations.tests.factories import make_location

pytestmark = pytest.mark.django_db


@pytest.fixture
def denver() -> Location:
    location = make_location(
        name="Denver", slug="denver", time_zone="America/Denver", towns_served="Denver, Aurora"
    )
    BusinessHours.objects.create(location=location, weekday=0, opens=dt.time(9), closes=dt.time(17))
    return location


@pytest.fixture
def dallas() -> Location:
    location = make_location(name="Dallas", slug="dallas")
    BusinessHours.objects.create(location=location, weekday=0, opens=dt.time(9), closes=dt.time(17))
    return location


def test_each_location_is_open_by_its_own_clock(denver: Location, dallas: Location) -> None:
    # Monday 23 November 2026, 15:30 UTC: 9:30 in Dallas (open), 8:30 in Denver (not yet)
    with time_machine.travel(dt.datetime(2026, 11, 23, 15, 30, tzinfo=dt.UTC), tick=False):
        body = Client().get("/locations/").content.decode()
        dallas_at = body.index("Dallas")
        denver_at = body.index("Denver")
        assert "Open now until 5 pm" in body[dallas_at:denver_at]
        assert "Closed · opens today at 9 am" in body[denver_at:]


def test_location_page_shows_hours_closures_towns_and_a_plain_map_link(denver: Location) -> None:
    Closure.objects.create(location=denver, date=dt.date(2099, 12, 25), reason="Christmas Day")
    body = Client().get("/locations/denver/").content.decode()
    assert "Monday</th><td>9 am - 5 pm" in body
    assert "Sunday</th><td>Closed" in body
    assert "Christmas Day" in body
    assert "Serving Denver, Aurora." in body
    assert 'href="https://www.openstreetmap.org/search?query=' in body
    assert "<iframe" not in body


def test_unknown_or_inactive_location_is_a_404(denver: Location) -> None:
    denver.is_active = False
    denver.save()
    assert Client().get("/locations/denver/").status_code == 404
    assert Client().get("/locations/nowhere/").status_code == 404


def test_contact_page_lists_locations_and_crisis_help(dallas: Location) -> None:
    body = Client().get("/contact/").content.decode()
    assert "Dallas" in body
    assert "If you are in crisis" in body
