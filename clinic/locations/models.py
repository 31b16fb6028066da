"""Clinic locations. A chain with several towns is the normal case."""

from __future__ import annotations

import uuid
import zoneinfo
from urllib.parse import quote_plus

from django.core.exceptions import ValidationError
from django.db import models

from clinic.core.timetext import WEEKDAYS


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            f"{value!r} is not a time zone name such as America/Chicago."
        ) from None


class Location(models.Model):
    """A place where the clinic sees patients, with its own time zone."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True)
    address_line1 = models.CharField("address", max_length=200)
    address_line2 = models.CharField("address (line 2)", max_length=200, blank=True)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, default="TX")
    postal_code = models.CharField(max_length=10)
    phone = models.CharField(max_length=30)
    fax = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    time_zone = models.CharField(
        max_length=64, default="America/Chicago", validators=[validate_time_zone]
    )
    towns_served = models.CharField(
        max_length=300, blank=True, help_text="Towns this location serves, separated by commas."
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def towns(self) -> list[str]:
        return [t.strip() for t in self.towns_served.split(",") if t.strip()]

    @property
    def one_line_address(self) -> str:
        parts = [
            self.address_line1,
            self.address_line2,
            self.city,
            f"{self.state} {self.postal_code}",
        ]
        return ", ".join(p for p in parts if p)

    @property
    def map_url(self) -> str:
        """A plain link to a map search (nothing is embedded or loaded from the map's host)."""
        return "https://www.openstreetmap.org/search?query=" + quote_plus(self.one_line_address)


class BusinessHours(models.Model):
    """One opening interval on one weekday (a location may have several per day)."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(choices=[(i, d) for i, d in enumerate(WEEKDAYS)])
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["location", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="hours_close_after_open"
            )
        ]

    def __str__(self) -> str:
        return f"{WEEKDAYS[self.weekday]} {self.opens}-{self.closes}"

    def clean(self) -> None:
        if self.opens is not None and self.closes is not None and self.closes <= self.opens:
            raise ValidationError({"closes": "Closing time must be after opening time."})


class Closure(models.Model):
    """A date a location is closed (holiday, training day)."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField()
    reason = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["location", "date"]
        constraints = [
            models.UniqueConstraint(fields=["location", "date"], name="one_closure_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.location_id} closed {self.date}"
