"""What content moderation adds to the audit trail."""

from __future__ import annotations

from django.db import models


class ContentAction(models.TextChoices):
    COMMENTS_VIEWED = "comments_viewed", "Comments to moderate viewed"


READS: tuple[str, ...] = ()
