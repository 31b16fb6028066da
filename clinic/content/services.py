"""Publishing content and moderating comments."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from clinic.accounts.models import User
from clinic.accounts.selectors import clinician_emails
from clinic.audit.models import Action
from clinic.audit.services import audit_record
from clinic.content.models import Comment, Page
from clinic.core import clock, outbox
from clinic.core.context import Acting
from clinic.core.pagecache import bump_public_cache
from clinic.core.safety import mentions_self_harm


@transaction.atomic
def page_set_status(
    *, page: Page, status: str, actor: User | None, ctx: Acting | None = None
) -> None:
    page.status = status
    if status == Page.Status.PUBLISHED and page.published_at is None:
        page.published_at = clock.now()
    page.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(
        action=Action.ADMIN_CHANGE,
        actor=actor,
        ctx=ctx,
        obj=page,
        details={"change": status, "model": "content.page"},
    )
    transaction.on_commit(bump_public_cache)


@transaction.atomic
def comment_submit(*, page: Page, name: str, email: str, body: str) -> Comment:
    """Hold a comment for moderation; one that speaks of self-harm is urgent and is never
    published."""
    urgent = mentions_self_harm(body) or mentions_self_harm(name)
    comment = Comment(
        page=page,
        name=name,
        email=email,
        body=body,
        status=Comment.Status.URGENT if urgent else Comment.Status.PENDING,
    )
    comment.full_clean()
    comment.save()
    if urgent:
        # Same transaction as the comment: the alert is queued if and only if it is stored.
        outbox.email(
            "urgent-comment",
            to=clinician_emails(),
            context={"queue_url": settings.CLINIC_BASE_URL + reverse("content:comment_queue")},
        )
    return comment


class ModerationRefused(Exception):
    """The decision is not allowed (a comment about self-harm is never published)."""


@transaction.atomic
def comment_moderate(
    *, comment: Comment, status: str, actor: User, ctx: Acting | None = None
) -> None:
    if comment.status == Comment.Status.URGENT and status == Comment.Status.APPROVED:
        raise ModerationRefused("A comment that speaks of self-harm is never published.")
    comment.status = status
    comment.moderated_by = actor
    comment.moderated_at = clock.now()
    comment.save(update_fields=["status", "moderated_by", "moderated_at"])
    audit_record(
        action=Action.ADMIN_CHANGE,
        actor=actor,
        ctx=ctx,
        obj=comment,
        details={"change": status, "model": "content.comment"},
    )
    transaction.on_commit(bump_public_cache)
