"""Browser-side protections on every response."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_content_security_policy_allows_only_this_host() -> None:
    response = Client().get("/")
    csp = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "style-src 'self'",
        "connect-src 'self'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert b"<style" not in response.content  # no inline style: pages can be cached safely
    assert b"<script>" not in response.content


def test_pages_without_inline_code_carry_no_nonce() -> None:
    """Styles and scripts come from files on this host; JSON data blocks are not code. So the
    policy needs no nonce, and a cached page cannot reuse one."""
    csp = Client().get("/")["Content-Security-Policy"]
    assert "'nonce-" not in csp
    assert re.search(r"script-src 'self'", csp)


def test_brand_colours_come_from_settings_as_a_stylesheet() -> None:
    response = Client().get("/brand.css")
    assert response["Content-Type"].startswith("text/css")
    assert b"--brand: #0b5563" in response.content


def test_standard_protections() -> None:
    response = Client().get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert len(response["X-Request-ID"]) >= 8


def test_pages_name_no_other_host() -> None:
    body = Client().get("/").content.decode()
    assert not re.search(r'(src|href)="(https?:)?//(?!www\.openstreetmap\.org/search)', body)
    assert not re.search(r'src="(https?:)?//', body)


def test_health_check_says_ok_and_nothing_else() -> None:
    response = Client().get("/healthz")
    assert response.json() == {"status": "ok"}


def test_permissions_policy_denies_powerful_features() -> None:
    policy = Client().get("/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


@pytest.mark.parametrize("path", ["/healthz", "/", "/questions/", "/locations/", "/book/"])
def test_head_is_answered_like_get(path: str) -> None:
    """Monitors and link checkers probe with HEAD: same status as GET, and no body."""
    client = Client()
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
