"""Reads for the newsletter."""

from __future__ import annotations

from django.db.models import Count

from clinic.newsletter.models import Subscriber


def subscriber_counts() -> list[tuple[str, int]]:
    """(status label, number of subscribers) for every status, zeros included."""
    counts = dict(
        Subscriber.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    return [(label, counts.get(value, 0)) for value, label in Subscriber.Status.choices]
