"""No template prints an aware datetime except through the clinic_time filters, which put
it in the zone of its location (or the clinic's) and label the zone."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.template import Context, Template

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
PRINTED = re.compile(r"\{\{\s*([\w.]+)\s*((?:\|[^}]*)?)\}\}")
# Plain dates (no time, no zone) may use Django's |date: these names, and any ending in
# "_on" (the project's convention: `signed_at` is a moment, `reevaluate_on` a date).
DATE_ONLY = {"date_of_birth", "date", "day", "valid_until"}
TIME_FILTERS = {
    "local",
    "local_short",
    "local_day",
    "local_iso_day",
    "local_clock",
    "epoch_ms",
    "timesince",
    "timeuntil",
}


def _looks_like_a_moment(name: str) -> bool:
    last = name.rsplit(".", 1)[-1]
    return last == "at" or last.endswith("_at") or last in {"now", "updated"}


def problems(source: str) -> list[str]:
    found = []
    for match in PRINTED.finditer(source):
        name, filters = match.group(1), match.group(2)
        names = {f.split(":", 1)[0].strip() for f in filters.split("|")[1:]}
        last = name.rsplit(".", 1)[-1]
        plain_date = last in DATE_ONLY or last.endswith("_on")  # `_on` names hold dates
        dated = bool({"date", "time"} & names) and not plain_date
        bare = _looks_like_a_moment(name) and not (TIME_FILTERS & names)
        if dated or bare:
            found.append(match.group(0))
    return found


def test_no_template_prints_a_time_without_its_zone() -> None:
    offenders = {
        str(path.relative_to(TEMPLATES)): bad
        for path in sorted(TEMPLATES.rglob("*"))
        if path.is_file() and path.suffix in {".html", ".txt", ".xml"}
        if (bad := problems(path.read_text()))
    }
    assert offenders == {}


def test_the_check_refuses_what_it_should() -> None:
    assert problems('{{ booking.starts_at|date:"g:i a" }}') == [
        '{{ booking.starts_at|date:"g:i a" }}'
    ]
    assert problems("{{ enquiry.created_at }}") == ["{{ enquiry.created_at }}"]
    assert problems("{{ call.at|upper }}") == ["{{ call.at|upper }}"]
    assert problems('{{ patient.date_of_birth|date:"Y-m-d" }}') == []
    assert problems("{{ booking.starts_at|local:booking.location }}") == []
    assert problems("{{ row.created_at|timesince }}") == []


class _Place:
    tz = __import__("zoneinfo").ZoneInfo("America/Chicago")


def test_the_filters_speak_local_time_with_the_zone() -> None:
    moment = dt.datetime(2026, 3, 7, 15, 0, tzinfo=dt.UTC)  # Saturday 9 am in Chicago
    rendered = Template(
        "{{ m|local:place }} / {{ m|local_short:place }} / {{ m|local_day:place }} / "
        "{{ m|local_iso_day:place }} / {{ m|local:'America/Denver' }} / {{ none|local }}"
    ).render(Context({"m": moment, "place": _Place(), "none": None}))
    assert rendered == (
        "Saturday 7 March 2026, 9:00 am CST / Sat 7 Mar 2026, 9:00 am CST / "
        "Saturday 7 March 2026 / 2026-03-07 / Saturday 7 March 2026, 8:00 am MST / "
    )
