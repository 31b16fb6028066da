from __future__ import annotations

from django.apps import AppConfig


class ChartConfig(AppConfig):
    """The staff's interface to a patient and to the website's requests: reads each domain
    app's selectors and calls its services, and owns no tables."""

    name = "clinic.chart"
    label = "chart"
