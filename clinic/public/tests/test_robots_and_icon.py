"""Crawlers and browsers find /robots.txt and /favicon.ico."""

from __future__ import annotations

from django.conf import settings
from django.test import Client


def test_robots_txt_keeps_crawlers_to_the_public_pages(db: None) -> None:
    response = Client().get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    for private in ("/patients/", "/requests/", "/schedule/", "/appointments/", "/calendar/"):
        assert f"Disallow: {private}" in body
    assert f"Sitemap: {settings.CLINIC_BASE_URL}/sitemap.xml" in body
    assert settings.ADMIN_URL not in body  # the administration's address stays unlisted


def test_favicon_ico_leads_to_the_clinic_icon(db: None) -> None:
    response = Client().get("/favicon.ico")
    assert response.status_code == 301
    icon = Client().get(response["Location"])
    assert icon.status_code == 200
