"""The public reading pages: articles, frequent questions, conditions, treatments, prices,
comments under articles, and the sitemap. Served from the page cache to anonymous readers."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from clinic.content import selectors
from clinic.content.forms import CommentForm
from clinic.content.models import Page
from clinic.content.rendering import render_markdown
from clinic.content.services import comment_submit
from clinic.core.pagecache import cached_public_page
from clinic.core.ratelimit import rate_limited

CACHE_SECONDS = 60 * 60
KIND_URLS: dict[str, str] = {
    Page.Kind.ARTICLE: "public:article",
    Page.Kind.CONDITION: "public:condition",
    Page.Kind.TREATMENT: "public:treatment",
}


def _page(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    page, related, recent = selectors.page_with_neighbours(kind=kind, slug=slug)
    if page is None:
        raise Http404("No such page.")
    url = settings.CLINIC_BASE_URL + request.path
    context = {
        "page": page,
        "body": render_markdown(page.body),
        "related": related,
        "recent": recent,
        "comments": selectors.approved_comments(page) if kind == Page.Kind.ARTICLE else [],
        "share_email": f"mailto:?subject={quote(page.title)}&body={quote(url)}",
        "share_sms": f"sms:?&body={quote(page.title + ' ' + url)}",
    }
    return render(request, "content/page_detail.html", context)


@login_not_required
@require_safe
@cached_public_page(CACHE_SECONDS)
def learn(request: HttpRequest) -> HttpResponse:
    context = {
        "articles": selectors.published(Page.Kind.ARTICLE).order_by("-published_at"),
        "conditions": selectors.published(Page.Kind.CONDITION),
        "treatments": selectors.published(Page.Kind.TREATMENT),
    }
    return render(request, "content/learn.html", context)


@login_not_required
@require_safe
@cached_public_page(CACHE_SECONDS)
def article(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, Page.Kind.ARTICLE, slug)


@login_not_required
@require_safe
@cached_public_page(CACHE_SECONDS)
def condition(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, Page.Kind.CONDITION, slug)


@login_not_required
@require_safe
@cached_public_page(CACHE_SECONDS)
def treatment(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, Page.Kind.TREATMENT, slug)


@login_not_required
@require_safe
@cached_public_page(CACHE_SECONDS)
def faq(request: HttpRequest) -> HttpResponse:
    questions = [(q, render_markdown(q.body)) for q in selectors.published(Page.Kind.FAQ)]
    return render(request, "content/faq.html", {"questions": questions})


@login_not_required
@require_safe
@cached_public_page(CACHE_SECONDS)
def pricing(request: HttpRequest) -> HttpResponse:
    return render(request, "content/pricing.html", {"packages": selectors.price_list()})


@login_not_required
@require_safe
@cached_public_page(CACHE_SECONDS)
def sitemap(request: HttpRequest) -> HttpResponse:
    base = settings.CLINIC_BASE_URL
    fixed = [
        "public:home",
        "public:learn",
        "public:faq",
        "public:pricing",
        "public:location_list",
        "public:contact",
        "public:assessment_index",
        "public:request_consultation",
        "public:newsletter_subscribe",
    ]
    urls: list[tuple[str, object]] = [(base + reverse(name), None) for name in fixed]
    for page in selectors.published().exclude(kind=Page.Kind.FAQ):
        urls.append((base + reverse(KIND_URLS[page.kind], args=[page.slug]), page.updated_at))
    return render(request, "content/sitemap.xml", {"urls": urls}, content_type="application/xml")


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("comment", limit=5, window=3600)
def comment(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors.published(Page.Kind.ARTICLE).filter(slug=slug).first()
    if page is None:
        raise Http404("No such article.")
    request.private = True  # type: ignore[attr-defined]
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = comment_submit(page=page, name=data["name"], email=data["email"], body=data["body"])
        return render(
            request,
            "content/comment_thanks.html",
            {"page": page, "crisis": saved.status == saved.Status.URGENT},
        )
    status = 400 if request.method == "POST" else 200
    return render(request, "content/comment_form.html", {"page": page, "form": form}, status=status)
