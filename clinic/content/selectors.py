"""Reads of published content for the public site."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from clinic.content.models import Comment, Page, PricingPackage


def published(kind: str | None = None) -> QuerySet[Page]:
    pages = Page.objects.filter(status=Page.Status.PUBLISHED).select_related(
        "category", "author", "reviewer"
    )
    return pages.filter(kind=kind) if kind else pages


def page_with_neighbours(*, kind: str, slug: str) -> tuple[Page | None, list[Page], list[Page]]:
    """A published page, its related pages (same category) and the most recent articles."""
    page = published(kind).filter(slug=slug).first()
    if page is None:
        return None, [], []
    related = list(
        published(kind).filter(category=page.category).exclude(pk=page.pk)[:3]
        if page.category_id
        else []
    )
    recent = list(published(Page.Kind.ARTICLE).exclude(pk=page.pk).order_by("-published_at")[:3])
    return page, related, recent


def approved_comments(page: Page) -> list[Comment]:
    return list(page.comments.filter(status=Comment.Status.APPROVED).order_by("created_at"))


def price_list() -> QuerySet[PricingPackage]:
    return PricingPackage.objects.filter(is_active=True)


def comments_waiting(*, limit: int = 100) -> list[Comment]:
    """Comments waiting for moderation: urgent ones (they speak of self-harm) first, then
    the oldest."""
    waiting = list(
        Comment.objects.filter(status__in=[Comment.Status.URGENT, Comment.Status.PENDING])
        .select_related("page")
        .order_by("-status", "created_at")[:limit]
    )
    waiting.sort(key=lambda c: (c.status != Comment.Status.URGENT, c.created_at))
    return waiting


def page_for_preview(code: uuid.UUID) -> Page | None:
    """Any page, published or not, for staff who edit content."""
    return Page.objects.select_related("author", "reviewer").filter(code=code).first()


def comment_by_code(code: uuid.UUID) -> Comment | None:
    return Comment.objects.filter(code=code).first()
