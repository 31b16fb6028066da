"""What treatment adds to the audit trail."""

from __future__ import annotations

from django.db import models


class TreatmentAction(models.TextChoices):
    PLAN_SIGNED = "plan_signed", "Treatment plan signed"
    SESSION_CHECKED_IN = "session_checked_in", "Patient checked in for a session"
    SESSION_CHECKED = "session_checked", "Pre-session checks recorded"
    SESSION_APPROVED = "session_approved", "Prescriber approved going ahead"
    DOSE_PREPARED = "dose_prepared", "Dose prepared"
    DOSE_CHECKED = "dose_checked", "Dose checked by a second person"
    DOSE_STARTED = "dose_started", "Dose started"
    READING_RECORDED = "reading_recorded", "Vital signs recorded"
    ALERT_ACKNOWLEDGED = "alert_acknowledged", "Out-of-range reading acknowledged"
    SESSION_STOPPED = "session_stopped", "Dose stopped, recovery begun"
    SESSION_DISCHARGED = "session_discharged", "Patient discharged"
    SESSION_SIGNED = "session_signed", "Session note signed"
    EVENT_RECORDED = "session_event_recorded", "Intervention or adverse event recorded"
    ADDENDUM_ADDED = "session_addendum_added", "Addendum added to a signed session note"
    AFTERCARE_SENT = "aftercare_sent", "Aftercare instructions emailed"
    SESSION_VIEWED = "session_viewed", "Session chart viewed"
    COURSE_VIEWED = "course_viewed", "Treatment course viewed"
    SESSIONS_VIEWED = "sessions_viewed", "Running sessions viewed"


READS: tuple[str, ...] = (
    TreatmentAction.SESSION_VIEWED,
    TreatmentAction.COURSE_VIEWED,
    TreatmentAction.SESSIONS_VIEWED,
)
