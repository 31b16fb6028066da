"""Every public page, on a phone and on a desktop: passes the accessibility check, loads
nothing from another host, and does not scroll sideways on a 360 px phone."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings

from clinic.core.testing.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/learn/",
    "/learn/what-to-expect-at-your-first-infusion/",
    "/conditions/depression/",
    "/treatments/esketamine-nasal-spray/",
    "/questions/",
    "/pricing/",
    "/locations/",
    "/locations/plano/",
    "/contact/",
    "/self-assessment/",
    "/self-assessment/pcl-5/",
    "/consultation/",
    "/pricing/request/",
    "/newsletter/",
    "/learn/what-to-expect-at-your-first-infusion/comment/",
    "/accounts/login/",
    "/accounts/password/reset/",
    "/no-such-page/",
]


@pytest.fixture
def demo_site(transactional_db: None) -> None:
    with override_settings(DEBUG=True):
        call_command("seed_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.parametrize("width", [360, 1280])
def test_every_public_page(page: Any, live_server: Any, demo_site: None, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    for path in PAGES:
        response = page.goto(live_server.url + path)
        assert response is not None
        assert response.status < 500, path
        if width == 360:
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{path} scrolls sideways ({scroll}px)"
    screenshot(page, f"public-last-page-{width}")
