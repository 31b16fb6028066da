"""The one seam for the current time, so services and views never call the clock directly."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.utils import timezone

_SET: ContextVar[dt.datetime | None] = ContextVar("clinic_clock_set", default=None)


def now() -> dt.datetime:
    """The current moment, timezone-aware, in UTC."""
    return _SET.get() or timezone.now()


@contextmanager
def set_to(moment: dt.datetime) -> Iterator[None]:
    """Run as if it were `moment`, in this thread only: for writing a history through the
    services (the demo's past sessions), never for anything a person does."""
    if moment.tzinfo is None:
        raise ValueError("an aware moment, please")
    token = _SET.set(moment.astimezone(dt.UTC))
    try:
        yield
    finally:
        _SET.reset(token)


def clinic_zone() -> zoneinfo.ZoneInfo:
    """The clinic's own zone: for times that belong to no one location."""
    return zoneinfo.ZoneInfo(settings.CLINIC_TIME_ZONE)


def today(tz: dt.tzinfo | None = None) -> dt.date:
    """Today's date where the person is: in `tz` (a location's zone), else in the clinic's
    zone. Never the UTC date, which is tomorrow in the evening in the Americas."""
    return now().astimezone(tz or clinic_zone()).date()
