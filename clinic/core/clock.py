"""The one seam for the current time, so services and views never call the clock directly."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.utils import timezone


def now() -> dt.datetime:
    """The current moment, timezone-aware, in UTC."""
    return timezone.now()


def clinic_zone() -> zoneinfo.ZoneInfo:
    """The clinic's own zone: for times that belong to no one location."""
    return zoneinfo.ZoneInfo(settings.CLINIC_TIME_ZONE)


def today(tz: dt.tzinfo | None = None) -> dt.date:
    """Today's date where the person is: in `tz` (a location's zone), else in the clinic's
    zone. Never the UTC date, which is tomorrow in the evening in the Americas."""
    return now().astimezone(tz or clinic_zone()).date()
