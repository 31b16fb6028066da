"""Issue 11, point 19: one way to a free consultation. Every "free consultation" button
leads to the request form, which offers choosing a time online; the phone consultation is
listed once on the booking page (with the nearest location to choose), not once per place."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from clinic.accounts.models import User
from clinic.content.models import Page
from clinic.content.services import page_set_status
from clinic.locations.models import Location
from clinic.scheduling.tests.factories import standard_types

pytestmark = pytest.mark.django_db


def _links(html: str, text: str) -> set[str]:
    return set(re.findall(rf'href="([^"]+)"[^>]*>\s*{re.escape(text)}\s*<', html))


def test_every_free_consultation_button_leads_to_the_request_form(
    client: Client, plano: Location
) -> None:
    home = client.get("/").content.decode()
    assert _links(home, "Book a free consultation") == {"/consultation/"}
    assert _links(home, "Free consultation") == {"/consultation/"}  # the navigation
    assert "Book online" not in home  # not a second door beside it
    place = client.get(f"/locations/{plano.slug}/").content.decode()
    assert _links(place, "Book a free consultation") == {"/consultation/"}
    form = client.get("/consultation/").content.decode()
    assert _links(form, "Pick a time online") == {"/book/"}


def test_an_article_button_leads_to_the_same_form(client: Client, prescriber: User) -> None:
    page = Page.objects.create(
        kind=Page.Kind.ARTICLE,
        title="What to expect",
        slug="what-to-expect",
        summary="Step by step.",
        body="Text.",
        reviewer=prescriber,
    )
    page_set_status(page=page, status=Page.Status.PUBLISHED, actor=None)
    html = client.get("/learn/what-to-expect/").content.decode()
    assert _links(html, "Book a free consultation") == {"/consultation/"}


def test_the_phone_consultation_is_listed_once(
    client: Client, plano: Location, frisco: Location
) -> None:
    standard_types()
    html = client.get("/book/").content.decode()
    assert html.count("<h3>Free phone consultation</h3>") == 1
    assert ">Free phone consultation<span" not in html  # not a button per location
    assert "Free phone consultation, </span>Frisco" in html
    assert "Free phone consultation, </span>Plano" in html
