"""Whole-page caching of public pages for anonymous visitors. Published content bumps a
version number, so every cached page is dropped at once when anything is published."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

VERSION_KEY = "public-pages-version"
View = Callable[..., HttpResponse]


# Each process remembers the version for a moment, saving a cache round trip on every page;
# a publication reaches every process within VERSION_MEMO_SECONDS.
VERSION_MEMO_SECONDS = 2.0
_memo: dict[str, float] = {"version": 0, "until": 0.0}


def _version() -> int:
    now = time.monotonic()
    if now < _memo["until"]:
        return int(_memo["version"])
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY) or 1
    _memo.update(version=int(version), until=now + VERSION_MEMO_SECONDS)
    return int(version)


def bump_public_cache() -> None:
    """Drop every cached public page (called when content is published or changed)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
    _memo["until"] = 0.0


def cached_public_page(timeout: int) -> Callable[[View], View]:
    """Serve the view from the cache for anonymous GETs without a query string."""

    def decorator(view: View) -> View:
        @wraps(view)
        def cached(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if (
                request.method not in ("GET", "HEAD")
                or request.GET
                or request.user.is_authenticated
                or (getattr(request, "session", None) and request.session.session_key)
            ):
                return view(request, *args, **kwargs)
            key = f"page:{_version()}:{request.path}"
            response = cache.get(key)
            if response is None:
                response = view(request, *args, **kwargs)
                if response.status_code == 200 and not response.cookies:
                    if hasattr(response, "render") and callable(response.render):
                        response.render()
                    cache.set(key, response, timeout)
            return response

        return cached

    return decorator
