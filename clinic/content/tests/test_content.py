"""Articles and pages: sanitised Markdown, drafts hidden, cache cleared on publish, comments
held for moderation, and a comment about self-harm never published."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from clinic.accounts.models import User
from clinic.audit.models import AuditEvent
from clinic.content.audit_actions import ContentAction
from clinic.content.models import Comment, Page, PricingPackage
from clinic.content.rendering import reading_minutes, render_markdown
from clinic.content.services import comment_moderate, page_set_status


@pytest.mark.parametrize(
    ("markdown", "absent"),
    [
        ("<script>alert(1)</script>", "<script"),
        ("![x](http://198.51.100.7/pixel.gif)", "<img"),
        ('<img src="http://198.51.100.7/x.gif">', "<img"),
        ("[click](javascript:alert(1))", "javascript:"),
        ('<a href="#" onclick="alert(1)">x</a>', "onclick"),
        ('<iframe src="http://198.51.100.7/"></iframe>', "<iframe"),
        ("<style>body{}</style>", "<style"),
    ],
)
def test_markdown_is_sanitised(markdown: str, absent: str) -> None:
    assert absent not in render_markdown(markdown)


def test_markdown_keeps_what_writers_need() -> None:
    html = render_markdown(
        "## Heading\n\n- one\n- **two**\n\n[988](tel:988) [site](https://example.org)"
    )
    assert "<h2>Heading</h2>" in html
    assert "<strong>two</strong>" in html
    assert 'href="tel:988"' in html
    assert 'rel="noopener noreferrer"' in html


def test_reading_time() -> None:
    assert reading_minutes("word " * 10) == 1
    assert reading_minutes("word " * 401) == 3


@pytest.fixture
def article(db: None, prescriber: User) -> Page:
    page = Page.objects.create(
        kind=Page.Kind.ARTICLE,
        title="What to expect",
        slug="what-to-expect",
        summary="Step by step.",
        body="## Arriving\n\nWe check your blood pressure.",
        reviewer=prescriber,
    )
    page_set_status(page=page, status=Page.Status.PUBLISHED, actor=None)
    return page


@pytest.mark.django_db
def test_published_article_shows_author_reviewer_and_reading_time(article: Page) -> None:
    body = Client().get("/learn/what-to-expect/").content.decode()
    assert "<h2>Arriving</h2>" in body
    assert "Clinically reviewed by Priya Prescriber" in body
    assert "1 min read" in body
    assert "mailto:?subject=" in body
    assert "<title>What to expect" in body
    assert 'content="Step by step."' in body


@pytest.mark.django_db
def test_drafts_are_hidden_and_previewed_only_by_editors(
    article: Page, owner: User, nurse: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        page_set_status(page=article, status=Page.Status.DRAFT, actor=owner)
    assert Client().get("/learn/what-to-expect/").status_code == 404
    editor = Client()
    editor.force_login(owner)
    assert editor.get(f"/content/{article.code}/preview/").status_code == 200
    other = Client()
    other.force_login(nurse)
    assert other.get(f"/content/{article.code}/preview/").status_code == 404


@pytest.mark.django_db
def test_published_pages_are_cached_and_the_cache_is_cleared_on_publish(
    article: Page, owner: User, django_capture_on_commit_callbacks: Any
) -> None:
    Client().get("/learn/")  # cached now
    new = Page.objects.create(
        kind=Page.Kind.ARTICLE, title="Brand new", slug="brand-new", summary="New.", body="New."
    )
    with django_capture_on_commit_callbacks(execute=True):
        page_set_status(page=new, status=Page.Status.DRAFT, actor=owner)
    assert b"Brand new" not in Client().get("/learn/").content
    new.status = Page.Status.PUBLISHED
    new.save()
    assert b"Brand new" not in Client().get("/learn/").content  # still the cached page
    with django_capture_on_commit_callbacks(execute=True):
        page_set_status(page=new, status=Page.Status.PUBLISHED, actor=owner)
    assert b"Brand new" in Client().get("/learn/").content


@pytest.mark.django_db
def test_signed_in_staff_never_get_the_cached_page(article: Page, nurse: User) -> None:
    Client().get("/learn/")
    client = Client()
    client.force_login(nurse)
    assert b"Sign out" in client.get("/learn/").content


@pytest.mark.django_db
def test_comment_is_held_then_approved_and_shown_escaped(
    article: Page, front_desk: User, django_capture_on_commit_callbacks: Any
) -> None:
    client = Client()
    response = client.post(
        "/learn/what-to-expect/comment/",
        {
            "name": "Sam",
            "email": "sam@example.org",
            "body": "<b>Thank you</b> for this",
        },
    )
    assert response.status_code == 200
    assert b"once a member of our team has read it" in response.content
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert b"Thank you" not in Client().get("/learn/what-to-expect/").content
    with django_capture_on_commit_callbacks(execute=True):
        comment_moderate(comment=comment, status=Comment.Status.APPROVED, actor=front_desk)
    body = Client().get("/learn/what-to-expect/").content.decode()
    assert "&lt;b&gt;Thank you&lt;/b&gt; for this" in body
    assert "sam@example.org" not in body


@pytest.mark.django_db
def test_a_comment_about_self_harm_shows_crisis_help_is_urgent_and_never_published(
    article: Page, front_desk: User, nurse: User
) -> None:
    response = Client().post(
        "/learn/what-to-expect/comment/",
        {
            "name": "Alex",
            "email": "alex@example.org",
            "body": "Some days I want to kill myself.",
        },
    )
    assert b"You don't have to go through this alone" in response.content
    assert b"It will not be published" in response.content
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.URGENT
    alerts = [m for m in mail.outbox if "Urgent comment" in m.subject]
    assert len(alerts) == 1
    assert "kill myself" not in alerts[0].body
    staff = Client()
    staff.force_login(front_desk)
    queue = staff.get("/comments/").content.decode()
    assert (
        AuditEvent.objects.filter(action=ContentAction.COMMENTS_VIEWED, actor=front_desk).count()
        == 1
    )
    assert queue.index("Urgent: speaks of self-harm") < queue.index("Alex") + 500
    staff.post(f"/comments/{comment.code}/moderate/", {"decision": "approved"})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.URGENT
    assert b"kill myself" not in Client().get("/learn/what-to-expect/").content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"name": "", "email": "a@example.org", "body": "Hello"},
        {"name": "Sam", "email": "nope", "body": "Hello"},
        {"name": "Sam", "email": "a@example.org", "body": ""},
        {"name": "Sam", "email": "a@example.org", "body": "Hello", "website": "x"},
    ],
)
def test_bad_comments_are_refused(article: Page, data: dict[str, str]) -> None:
    assert Client().post("/learn/what-to-expect/comment/", data).status_code == 400
    assert Comment.objects.count() == 0


@pytest.mark.django_db
def test_comments_are_rate_limited(article: Page) -> None:
    client = Client()
    for _ in range(5):
        client.post("/learn/what-to-expect/comment/", {"name": ""})
    assert client.post("/learn/what-to-expect/comment/", {"name": ""}).status_code == 429


@pytest.mark.django_db
def test_faq_pricing_and_sitemap(article: Page) -> None:
    Page.objects.create(
        kind=Page.Kind.FAQ,
        title="Can I drive home?",
        slug="drive",
        summary="x",
        body="No.",
        status=Page.Status.PUBLISHED,
    )
    PricingPackage.objects.create(name="Single IV infusion", price="495.00", unit="per infusion")
    assert b"Can I drive home?" in Client().get("/questions/").content
    assert b"$495" in Client().get("/pricing/").content
    sitemap = Client().get("/sitemap.xml")
    assert sitemap["Content-Type"].startswith("application/xml")
    assert b"/learn/what-to-expect/</loc>" in sitemap.content
    assert b"/self-assessment/</loc>" in sitemap.content
