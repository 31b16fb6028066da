"""What scheduling adds to the audit trail."""

from __future__ import annotations

from django.db import models


class SchedulingAction(models.TextChoices):
    BOOKING_CREATED = "booking_created", "Appointment booked"
    BOOKING_CHANGED = "booking_changed", "Appointment changed"
    BOOKING_CANCELLED = "booking_cancelled", "Appointment cancelled"
    BOOKING_VIEWED = "booking_viewed", "Appointment viewed"
    SCHEDULE_VIEWED = "schedule_viewed", "Schedule viewed"
    FEED_CHANGED = "feed_changed", "Calendar feed created or revoked"
    SERIES_CREATED = "series_created", "Series of appointments booked"
    BOOKINGS_MOVED = "bookings_moved", "Appointments moved to a patient record"


READS = (SchedulingAction.BOOKING_VIEWED, SchedulingAction.SCHEDULE_VIEWED)
