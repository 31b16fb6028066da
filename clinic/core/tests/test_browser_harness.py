"""The browser guards themselves catch what they are there to catch."""

from __future__ import annotations

from typing import Any

import pytest

from clinic.core.testing.browser import PageGuard, check_accessibility, check_received_documents

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_axe_check_reports_a_serious_violation(page: Any, live_server: Any) -> None:
    guard = PageGuard(origin=live_server.url)
    page.set_content(
        '<html lang="en"><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        "<button></button></main></body></html>"
    )
    check_accessibility(page, guard)
    assert any("button-name" in v or "image-alt" in v for v in guard.violations)


def test_requests_to_other_hosts_are_blocked_and_recorded(page: Any, live_server: Any) -> None:
    page.goto(live_server.url)
    with pytest.raises(Exception, match="ERR_FAILED"):
        page.goto("http://198.51.100.7/beacon")
    assert page.guard.foreign_requests == ["http://198.51.100.7/beacon"]
    page.guard.foreign_requests.clear()  # the fixture would fail this test otherwise


def test_every_page_received_is_kept_for_the_check(page: Any, live_server: Any) -> None:
    page.goto(live_server.url)
    page.goto(f"{live_server.url}/accounts/login/")
    assert set(page.guard.documents) == {
        f"{live_server.url}/",
        f"{live_server.url}/accounts/login/",
    }


def test_received_documents_are_replayed_and_checked(page: Any, live_server: Any) -> None:

    guard = PageGuard(origin=live_server.url)
    guard.documents[f"{live_server.url}/"] = (
        '<html lang="en"><head><title>x</title></head><body><main><button></button></main>'
        "</body></html>"
    )
    check_received_documents(page.context, guard)
    assert guard.checked_urls == [f"{live_server.url}/"]
    assert any("button-name" in v for v in guard.violations)
