"""Staff calendar feeds: writes and reads behind the feed pages (services and selectors of
one small thing). A feed's secret is shown once; only its hash is kept."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.db.models import QuerySet

from clinic.accounts.models import User
from clinic.accounts.policy import Perm
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.context import Acting
from clinic.scheduling import ics
from clinic.scheduling.audit_actions import SchedulingAction
from clinic.scheduling.models import Hold, StaffFeed


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def feed_create(*, user: User, ctx: Acting | None = None) -> tuple[StaffFeed, str]:
    """A new feed for the person; returns it and its secret (never stored)."""
    token = secrets.token_urlsafe(32)
    feed = StaffFeed.objects.create(user=user, token_hash=token_hash(token))
    audit_record(
        action=SchedulingAction.FEED_CHANGED, actor=user, ctx=ctx, details={"created": feed.pk}
    )
    return feed, token


@transaction.atomic
def feed_revoke(*, user: User, feed_id: str, ctx: Acting | None = None) -> int:
    """Revoke one of the person's own feeds. Returns how many were revoked (0 or 1)."""
    revoked = StaffFeed.objects.filter(
        user=user, pk=int(feed_id) if feed_id.isdigit() else 0, revoked_at__isnull=True
    ).update(revoked_at=clock.now())
    audit_record(
        action=SchedulingAction.FEED_CHANGED,
        actor=user,
        ctx=ctx,
        details={"revoked": feed_id[:12], "count": revoked},
    )
    return revoked


def feeds_of(user: User) -> QuerySet[StaffFeed]:
    return StaffFeed.objects.filter(user=user)


def feed_open(token: str) -> StaffFeed | None:
    """The live feed this secret opens (its owner still active and allowed), marked used."""
    found = (
        StaffFeed.objects.select_related("user")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if found is None or not found.user.can(Perm.SCHEDULE_VIEW):
        return None
    StaffFeed.objects.filter(pk=found.pk).update(last_used_at=clock.now())
    return found


def feed_events(feed: StaffFeed, *, now: dt.datetime) -> list[ics.Event]:
    """The owner's appointments from a month ago to four months ahead, as calendar events
    saying what, where and which chair only (no names or clinical details: a feed leaves
    the clinic's systems)."""
    holds = (
        Hold.objects.filter(
            staff=feed.user,
            active=True,
            starts_at__gte=now - dt.timedelta(days=30),
            starts_at__lt=now + dt.timedelta(days=120),
        )
        .select_related("booking__appointment_type", "booking__location")
        .prefetch_related("booking__holds__resource")
        .order_by("starts_at")
    )
    events = []
    for hold in holds:
        booking = hold.booking
        chairs = [h.resource.name for h in booking.holds.all() if h.active and h.resource]
        events.append(
            ics.Event(
                uid=f"{booking.code}-{hold.key}@clinic",
                starts_at=booking.starts_at,
                ends_at=booking.ends_at,
                summary=" · ".join([booking.appointment_type.name, *chairs]),
                location=booking.location.name,
            )
        )
    return events
