"""The clinic's thresholds for questionnaires, from settings (safe defaults there)."""

from __future__ import annotations

from django.conf import settings

from clinic.questionnaires.scoring import Thresholds


def thresholds() -> Thresholds:
    return Thresholds(
        safety_alert_at=settings.CLINIC_SAFETY_ITEM_ALERT_AT,
        pcl5_cutpoint=settings.CLINIC_PCL5_CUTPOINT,
    )
