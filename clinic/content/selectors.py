"""Reads of published content for the public site."""

from __future__ import annotations

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
