from __future__ import annotations

from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "clinic.newsletter"
    label = "newsletter"
