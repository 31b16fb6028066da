"""A minimal iCalendar (RFC 5545) writer for appointment attachments and staff feeds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    uid: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    summary: str
    location: str = ""
    description: str = ""
    cancelled: bool = False
    sequence: int = 0


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(events: Iterable[Event], *, name: str, now: dt.datetime, method: str = "") -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Clinic//Scheduling//EN"]
    if method:
        lines.append(f"METHOD:{method}")
    lines.append(f"X-WR-CALNAME:{_escape(name)}")
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{_stamp(now)}",
            f"DTSTART:{_stamp(event.starts_at)}",
            f"DTEND:{_stamp(event.ends_at)}",
            f"SUMMARY:{_escape(event.summary)}",
            f"SEQUENCE:{event.sequence}",
            f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
        ]
        if event.location:
            lines.append(f"LOCATION:{_escape(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{_escape(event.description)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
