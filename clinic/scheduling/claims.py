"""Taking resources for a booking without racing anyone into a deadlock, a double booking or
an under-filled pool.

Each attempt (in its own transaction or savepoint):
1. chooses resources from the schedule as committed (the first attempt takes the first free
   ones in their usual order; a retry shuffles them, so simultaneous requests spread over the
   free chairs and staff instead of all asking for the same one);
2. on PostgreSQL, takes a transaction-scoped advisory lock on every key it will hold (each
   resource and the person), one at a time in one global order, so contenders queue instead of
   deadlocking inside the exclusion constraint's check;
3. checks again, under those locks, that nothing active overlaps (a statement that starts after
   the lock sees what the previous holder committed), and inserts the holds; the exclusion
   constraint stays the last word.
A lost race (conflict, deadlock or serialisation failure) starts a fresh attempt; the answer is
"taken" only when the fresh picture has no way to meet every need.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from collections.abc import Callable, Iterable

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Q

from clinic.scheduling.models import Booking, Hold

# Enough to fill a pool of many chairs under a burst of simultaneous requests: every round of
# contention books at least one of them, and a retry only costs a look at the schedule.
MAX_ATTEMPTS = 60
# pg_advisory_xact_lock(int, int): the first number keeps these locks apart from any other use.
LOCK_SPACE = 0x5C4D
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001", "55P03"})  # deadlock, serialisation, lock

_shuffler = random.Random()  # noqa: S311 - spreading load, not a secret


PERSON_NEED = "person"  # Hold.need of the hold that keeps a person in one place at a time


class Conflict(Exception):
    """Another booking holds one of the keys (seen under the lock): try again afresh."""


def person_key(*, patient_id: int | None, enquiry_id: int | None) -> str | None:
    """The key that keeps one person out of two appointments at once."""
    if patient_id is not None:
        return f"p{patient_id}"
    if enquiry_id is not None:
        return f"e{enquiry_id}"
    return None


def spread[T](items: list[T], attempt: int) -> list[T]:
    """The usual order on a first attempt, a shuffled one on a retry."""
    if attempt == 0:
        return items
    shuffled = list(items)
    _shuffler.shuffle(shuffled)
    return shuffled


def lock_keys(keys: Iterable[str]) -> None:
    """Queue behind anyone holding these keys (PostgreSQL), in one global order."""
    if connection.vendor != "postgresql":
        return  # SQLite: every write transaction is BEGIN IMMEDIATE, already serialised
    with connection.cursor() as cursor:
        for key in sorted(set(keys)):
            lock_id = zlib.crc32(key.encode()) - 2**31  # a stable signed 32-bit number
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_SPACE, lock_id])


def check_free(rows: list[Hold], *, ignore: Booking | None = None) -> None:
    """Raise Conflict if an active hold of another booking overlaps any of `rows` (one
    query for all of them)."""
    if not rows:
        return
    overlaps = Q()
    for row in rows:
        overlaps |= Q(key=row.key, starts_at__lt=row.ends_at, ends_at__gt=row.starts_at)
    clash = Hold.objects.filter(overlaps, active=True)
    if ignore is not None:
        clash = clash.exclude(booking_id=ignore.pk)
    # Unordered: `.first()` would order by id and walk the primary key past every old hold.
    found = list(clash.values_list("key", flat=True)[:1])
    if found:
        raise Conflict(found[0])


def person_busy(
    *, key: str | None, starts_at: dt.datetime, ends_at: dt.datetime, ignore: Booking | None
) -> Booking | None:
    """The person's other active appointment overlapping this window, if any."""
    if key is None:
        return None
    clash = Hold.objects.filter(
        key=key, active=True, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).select_related("booking__appointment_type", "booking__location")
    if ignore is not None:
        clash = clash.exclude(booking_id=ignore.pk)
    # Ordered by start (the key-and-start index), not by id (a walk past every old hold).
    found = clash.order_by("starts_at").first()
    return found.booking if found is not None else None


def retryable(exc: DatabaseError) -> bool:
    if isinstance(exc, IntegrityError):
        return True  # the exclusion constraint refused an overlapping hold
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) in RETRYABLE_SQLSTATES


def run[T](
    attempt: Callable[[int], T],
    *,
    on_conflict: Callable[[], T | None] = lambda: None,
    exhausted: Callable[[], Exception],
) -> T:
    """Run `attempt(n)` in its own transaction until it succeeds, retrying lost races. A
    conflict may have been another request with the same idempotency key: `on_conflict` then
    returns its result. Every other exception ends the attempts."""
    for n in range(MAX_ATTEMPTS):
        try:
            with transaction.atomic():
                return attempt(n)
        except Conflict:
            pass
        except DatabaseError as exc:
            if not retryable(exc):
                raise
        found = on_conflict()
        if found is not None:
            return found
    raise exhausted()
