"""A small cache-based rate limit for public forms: too many submissions from one address
answer 429 with a page that says how long to wait. State expires with the window."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from clinic.core.http import client_ip
from clinic.core.views import too_many_requests

View = Callable[..., HttpResponse]


def hit(key: str, *, limit: int, window: int) -> int:
    """Count one use of `key`; return seconds to wait if over the limit, else 0."""
    now = time.time()
    value = cache.get(key)
    count, started = value if value else (0, now)
    if now - started >= window:
        count, started = 0, now
    if count >= limit:
        return max(1, math.ceil(started + window - now))
    cache.set(key, (count + 1, started), timeout=max(1, math.ceil(started + window - now)))
    return 0


def rate_limited(
    scope: str, *, limit: int, window: int, methods: tuple[str, ...] = ("POST",)
) -> Callable[[View], View]:
    """Limit the view's `methods` to `limit` requests per `window` seconds per client address."""

    def decorator(view: View) -> View:
        @wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods:
                wait = hit(f"rl:{scope}:{client_ip(request)}", limit=limit, window=window)
                if wait:
                    return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return limited

    return decorator
