"""Rate limits counted atomically in the database, keyed on the real client.

Every limit in the clinic (public forms, sign-in, the second factor, password reset,
re-authentication) counts through `hit`: one INSERT ... ON CONFLICT DO UPDATE ... RETURNING
statement, so parallel requests on any number of worker processes each see their own number
and no two are evaluated against the same count (PostgreSQL locks the row for the upsert;
SQLite serialises writers). Keys are keyed digests of what is counted, so neither addresses
nor sign-in names are stored.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse

from clinic.core import keys
from clinic.core.crypto import blind_index
from clinic.core.http import client_ip
from clinic.core.models import RateCounter
from clinic.core.views import too_many_requests

View = Callable[..., HttpResponse]

_UPSERT = """
INSERT INTO core_ratecounter ("key", "count", expires_at) VALUES (%s, 1, %s)
ON CONFLICT ("key") DO UPDATE SET
  count = CASE WHEN core_ratecounter.expires_at <= %s THEN 1
               ELSE core_ratecounter.count + 1 END,
  expires_at = CASE WHEN core_ratecounter.expires_at <= %s THEN excluded.expires_at
                    ELSE core_ratecounter.expires_at END
RETURNING count, expires_at
"""


def key_for(scope: str, value: str) -> str:
    """The counter key of `value` (an address, an account) within `scope`, as a keyed digest."""
    digest = blind_index(value, key=keys.blind_index_key(), purpose=f"ratelimit:{scope}")
    return f"{scope}:{digest[:48]}"


def count(key: str, *, window: int, now: float | None = None) -> tuple[int, float]:
    """Count one use of `key` in a fixed window of `window` seconds. Returns (uses in this
    window including this one, epoch seconds when the window closes)."""
    now = time.time() if now is None else now
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_UPSERT, [key, now + window, now, now])
        uses, expires_at = cursor.fetchone()
    return int(uses), float(expires_at)


def peek(key: str, *, now: float | None = None) -> tuple[int, float]:
    """(uses so far, window end) without counting; (0, now) when no window is open."""
    now = time.time() if now is None else now
    row = RateCounter.objects.filter(key=key, expires_at__gt=now).values_list("count", "expires_at")
    found = row.first()
    return (int(found[0]), float(found[1])) if found else (0, now)


def release(key: str) -> None:
    """Give back one use (an attempt that turned out to be allowed, e.g. a right password)."""
    RateCounter.objects.filter(key=key, count__gt=0).update(count=F("count") - 1)


def clear(key: str) -> None:
    RateCounter.objects.filter(key=key).delete()


def prune(*, now: float | None = None) -> int:
    """Delete counters whose window has closed."""
    now = time.time() if now is None else now
    deleted, _ = RateCounter.objects.filter(expires_at__lte=now).delete()
    return deleted


def wait_seconds(expires_at: float, *, now: float | None = None) -> int:
    now = time.time() if now is None else now
    return max(1, math.ceil(expires_at - now))


def hit(key: str, *, limit: int, window: int) -> int:
    """Count one use of `key`; return seconds to wait if this use is over the limit, else 0."""
    uses, expires_at = count(key, window=window)
    return wait_seconds(expires_at) if uses > limit else 0


def rate_limited(
    scope: str, *, limit: int, window: int, methods: tuple[str, ...] = ("POST",)
) -> Callable[[View], View]:
    """Limit the view's `methods` to `limit` requests per `window` seconds per client address."""

    def decorator(view: View) -> View:
        @wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods:
                wait = hit(key_for(scope, client_ip(request)), limit=limit, window=window)
                if wait:
                    return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return limited

    return decorator
