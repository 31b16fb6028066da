from __future__ import annotations

from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "clinic.enquiries"
    label = "enquiries"
