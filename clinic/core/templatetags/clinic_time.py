"""Every time a person sees, in the zone of the place it happens: templates print an aware
datetime only through these filters (a test refuses `|date` on one).

`where` is a location (anything with a `tz`), a zone name, or nothing for the clinic's own
zone. Times carry their zone's abbreviation, since a chain may span zones."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django import template

from clinic.core import clock
from clinic.core.timetext import clock_text, day_text, short_when_text, when_text

register = template.Library()


def zone_of(where: object = None) -> zoneinfo.ZoneInfo:
    tz = getattr(where, "tz", None)
    if isinstance(tz, zoneinfo.ZoneInfo):
        return tz
    if isinstance(where, str) and where:
        try:
            return zoneinfo.ZoneInfo(where)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return clock.clinic_zone()


@register.filter
def local(moment: dt.datetime | None, where: object = None) -> str:
    """ "Tuesday 3 March 2026, 9:00 am CST" """
    return when_text(moment, zone_of(where)) if moment else ""


@register.filter
def local_short(moment: dt.datetime | None, where: object = None) -> str:
    """ "Tue 3 Mar 2026, 9:00 am CST" """
    return short_when_text(moment, zone_of(where)) if moment else ""


@register.filter
def local_day(moment: dt.datetime | None, where: object = None) -> str:
    """ "Tuesday 3 March 2026": the local date of the moment."""
    return day_text(moment.astimezone(zone_of(where)).date()) if moment else ""


@register.filter
def local_iso_day(moment: dt.datetime | None, where: object = None) -> str:
    """ "2026-03-03": the local date, for links and form values."""
    return moment.astimezone(zone_of(where)).date().isoformat() if moment else ""


@register.filter
def local_clock(moment: dt.datetime | None, where: object = None) -> str:
    """ "9:41 am CST": the time of day, for a flowsheet on the day it happens."""
    if not moment:
        return ""
    here = moment.astimezone(zone_of(where))
    return f"{clock_text(here)} {here.tzname()}"


@register.filter
def epoch_ms(moment: dt.datetime | None) -> str:
    """Milliseconds since 1970 for a script's timer (not shown to anyone)."""
    return str(int(moment.timestamp() * 1000)) if moment else ""
