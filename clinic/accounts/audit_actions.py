"""What account management adds to the audit trail."""

from __future__ import annotations

from django.db import models


class AccountAction(models.TextChoices):
    ACCOUNT_CREATED = "account_created", "Account created"
    ROLES_CHANGED = "roles_changed", "Roles changed"
    SECOND_FACTOR_RESET = "second_factor_reset", "Second factor reset"
    SESSIONS_ENDED = "sessions_ended", "Signed out everywhere"


READS: tuple[str, ...] = ()
