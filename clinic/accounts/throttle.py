"""Sign-in throttle: failed attempts are counted per account and per address in a fixed
window. When either count reaches its limit, sign-in is refused until the window closes, with
the same answer whether or not the account exists. State lives in the cache with an expiry, so
a flood of made-up addresses cannot grow storage without bound."""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Window:
    """Failures seen since `started_at` (epoch seconds)."""

    failures: int
    started_at: float


def seconds_locked(window: Window | None, *, limit: int, length: int, now: float) -> int:
    """Seconds until sign-in is allowed again; 0 when it is allowed now."""
    if window is None or window.failures < limit:
        return 0
    remaining = window.started_at + length - now
    return max(0, math.ceil(remaining))


def _account_key(email: str) -> str:
    digest = hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()
    return f"signin-fail:acct:{digest}"


def _ip_key(ip: str) -> str:
    return f"signin-fail:ip:{ip}"


def _read(key: str) -> Window | None:
    value = cache.get(key)
    if not value:
        return None
    failures, started_at = value
    return Window(failures=int(failures), started_at=float(started_at))


def retry_after(*, email: str, ip: str) -> int:
    """Seconds the caller must wait before trying to sign in; 0 if it may try now."""
    now = time.time()
    length = settings.CLINIC_SIGNIN_LOCKOUT_SECONDS
    return max(
        seconds_locked(
            _read(_account_key(email)),
            limit=settings.CLINIC_SIGNIN_MAX_FAILURES_PER_ACCOUNT,
            length=length,
            now=now,
        ),
        seconds_locked(
            _read(_ip_key(ip)),
            limit=settings.CLINIC_SIGNIN_MAX_FAILURES_PER_IP,
            length=length,
            now=now,
        ),
    )


def record_failure(*, email: str, ip: str) -> None:
    now = time.time()
    length = settings.CLINIC_SIGNIN_LOCKOUT_SECONDS
    for key in (_account_key(email), _ip_key(ip)):
        window = _read(key)
        if window is None or now - window.started_at >= length:
            window = Window(failures=0, started_at=now)
        remaining = max(1, math.ceil(window.started_at + length - now))
        cache.set(key, (window.failures + 1, window.started_at), timeout=remaining)


def clear_account(*, email: str) -> None:
    """A successful sign-in clears the account's count (the address's count stays)."""
    cache.delete(_account_key(email))


def message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many failed sign-in attempts. Please try again in {minutes} {unit}."
