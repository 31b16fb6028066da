"""The shared rate-limit counter: fixed windows, keyed digests, and atomic counting under
parallel use on PostgreSQL (every request gets its own number)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from clinic.core import ratelimit
from clinic.core.models import RateCounter

pytestmark = pytest.mark.django_db


def test_counts_within_a_window_and_starts_again_after_it() -> None:
    key = ratelimit.key_for("test", "203.0.113.9")
    assert [ratelimit.count(key, window=60, now=1000.0)[0] for _ in range(3)] == [1, 2, 3]
    assert ratelimit.count(key, window=60, now=1059.0) == (4, 1060.0)
    assert ratelimit.count(key, window=60, now=1060.0) == (1, 1120.0)


def test_hit_refuses_beyond_the_limit_with_the_wait() -> None:
    key = ratelimit.key_for("test", "a")
    assert [ratelimit.hit(key, limit=2, window=600) for _ in range(2)] == [0, 0]
    assert 590 <= ratelimit.hit(key, limit=2, window=600) <= 600


def test_release_and_clear_and_prune() -> None:
    key = ratelimit.key_for("test", "b")
    ratelimit.count(key, window=60, now=1000.0)
    ratelimit.count(key, window=60, now=1000.0)
    ratelimit.release(key)
    assert ratelimit.peek(key, now=1001.0) == (1, 1060.0)
    ratelimit.clear(key)
    assert ratelimit.peek(key, now=1001.0) == (0, 1001.0)
    ratelimit.count(key, window=60, now=1000.0)
    assert ratelimit.prune(now=2000.0) == 1


def test_keys_hold_no_address_or_name_in_plain_text() -> None:
    ratelimit.count(ratelimit.key_for("signin-acct", "jordan.avery@example.org"), window=60)
    ratelimit.count(ratelimit.key_for("signin-ip", "203.0.113.77"), window=60)
    stored = " ".join(RateCounter.objects.values_list("key", flat=True))
    assert "jordan" not in stored
    assert "203.0.113.77" not in stored


@pytest.mark.postgres  # SQLite serialises every write: the race needs PostgreSQL
@pytest.mark.django_db(transaction=True)
def test_parallel_hits_each_get_their_own_number() -> None:
    """40 requests at once against a limit of 7 on PostgreSQL: exactly 7 are allowed."""
    key = ratelimit.key_for("test", "parallel")
    barrier = threading.Barrier(40)

    def one(_: int) -> int:
        try:
            barrier.wait()
            return ratelimit.hit(key, limit=7, window=600)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=40) as pool:
        waits = list(pool.map(one, range(40)))
    assert waits.count(0) == 7
