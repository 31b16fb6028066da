"""Browser-test harness: Debian's Chromium driven by Playwright against the live server.

Every page a browser test loads is checked with axe (serious and critical violations fail the
test) and every request the page makes must go to the live server: anything bound for another
host is blocked and fails the test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CLINIC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOT_DIR = os.environ.get("CLINIC_SCREENSHOT_DIR", "")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"Chromium is not installed at {CHROMIUM}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_FLAGS,
    }


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": DESKTOP, "locale": "en-US"}


@dataclass
class PageGuard:
    """What a page did that a test must not let pass."""

    origin: str
    foreign_requests: list[str] = field(default_factory=list)
    documents: dict[str, str] = field(default_factory=dict)  # url -> HTML as received
    violations: list[str] = field(default_factory=list)
    checked_urls: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.foreign_requests, f"requests to other hosts: {self.foreign_requests}"
        assert not self.violations, "accessibility violations:\n" + "\n".join(self.violations)


def _same_origin(url: str, origin: str) -> bool:
    if url.startswith(("data:", "blob:", "about:")):
        return True
    parts, base = urlsplit(url), urlsplit(origin)
    return (parts.scheme, parts.netloc) == (base.scheme, base.netloc)


def check_accessibility(page: Any, guard: PageGuard) -> None:
    """Run axe on the page as it is now; record serious and critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    guard.checked_urls.append(page.url)
    for violation in results.response.get("violations", []):
        if violation.get("impact") in {"serious", "critical"}:
            targets = [", ".join(node.get("target", [])) for node in violation.get("nodes", [])]
            guard.violations.append(
                f"{page.url}: {violation['id']} ({violation['impact']}): "
                f"{violation['help']} at {targets}"
            )


def check_received_documents(context: Any, guard: PageGuard) -> None:
    """Replay every HTML document the test's page received, in a page of its own with the same
    styles, and check each with axe. Done after the test so that no check races the test's own
    clicks, and so that pages reached by a form post are checked too."""
    checker = context.new_page()
    try:
        for url, html in guard.documents.items():
            checker.route(url, _serving(html))
            checker.goto(url, wait_until="load")
            check_accessibility(checker, guard)
            checker.unroute(url)
    finally:
        checker.close()


def _serving(html: str) -> Any:
    def serve(route_: Any) -> None:
        route_.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

    return serve


@pytest.fixture
def page(context: Any, live_server: Any) -> Iterator[Any]:
    """A page with the accessibility and same-host guards on."""
    guard = PageGuard(origin=live_server.url)

    def route(route_: Any) -> None:
        request = route_.request
        if not _same_origin(request.url, guard.origin):
            guard.foreign_requests.append(request.url)
            route_.abort()
            return
        if request.resource_type != "document":
            route_.continue_()
            return
        response = route_.fetch(max_redirects=0)
        html = "text/html" in response.headers.get("content-type", "")
        if html and (response.status < 300 or 400 <= response.status < 500):
            guard.documents[request.url] = response.text()
        route_.fulfill(response=response)

    context.route("**/*", route)
    new_page = context.new_page()
    new_page.guard = guard
    yield new_page
    check_received_documents(context, guard)
    guard.assert_clean()


def screenshot(page: Any, name: str) -> None:
    """Save a screenshot when CLINIC_SCREENSHOT_DIR is set (for looking at pages by eye)."""
    if SCREENSHOT_DIR:
        os.makedirs(SCREENSHOT_DIR, exist_ok=True)
        page.screenshot(path=os.path.join(SCREENSHOT_DIR, f"{name}.png"), full_page=True)
