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


def feed_holds(feed: StaffFeed, *, now: dt.datetime) -> QuerySet[Hold]:
    """The owner's holds from a month ago to four months ahead, for the feed."""
    return (
        Hold.objects.filter(
            staff=feed.user,
            active=True,
            starts_at__gte=now - dt.timedelta(days=30),
            starts_at__lt=now + dt.timedelta(days=120),
        )
        .select_related("booking__appointment_type", "booking__location")
        .prefetch_related("booking__holds__resource")
    )
