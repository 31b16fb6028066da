"""The one seam for the current time, so services and views never call the clock directly."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    """The current moment, timezone-aware, in UTC."""
    return timezone.now()
