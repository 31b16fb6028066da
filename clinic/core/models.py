"""Rows shared by every app: rate-limit counters."""

from __future__ import annotations

from django.db import models


class RateCounter(models.Model):
    """One fixed-window counter of a rate limit. The key is a keyed digest (never an address
    or a sign-in name in plain text); the row is replaced when its window has passed and
    pruned by the worker."""

    key = models.CharField(max_length=96, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.FloatField(help_text="Epoch seconds when the window closes.")

    class Meta:
        indexes = [models.Index(fields=["expires_at"], name="core_ratecounter_expiry")]

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
