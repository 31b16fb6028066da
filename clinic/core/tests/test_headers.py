"""Browser-side protections on every response."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_content_security_policy_allows_only_this_host_with_a_nonce() -> None:
    response = Client().get("/")
    csp = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ):
        assert directive in csp
    nonce = re.search(r"'nonce-([^']+)'", csp)
    assert nonce is not None
    assert f'nonce="{nonce.group(1)}"'.encode() in response.content
    assert "unsafe-inline" not in csp


def test_each_response_gets_its_own_nonce() -> None:
    first = Client().get("/")["Content-Security-Policy"]
    second = Client().get("/")["Content-Security-Policy"]
    assert first != second


def test_standard_protections() -> None:
    response = Client().get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert len(response["X-Request-ID"]) >= 8


def test_pages_name_no_other_host() -> None:
    body = Client().get("/").content.decode()
    assert not re.search(r'(src|href)="(https?:)?//', body)


def test_health_check_says_ok_and_nothing_else() -> None:
    response = Client().get("/healthz")
    assert response.json() == {"status": "ok"}
