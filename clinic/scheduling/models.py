"""Scheduling: chairs and rooms, staff hours, appointment types, bookings and what each holds.

Times are stored in UTC; rules (hours, weekdays) are wall-clock times in the location's zone.
A booking holds every resource it needs through Hold rows; on PostgreSQL an exclusion
constraint refuses two active holds of one resource that overlap in time (migration 0002).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from clinic.core.fields import EncryptedTextField
from clinic.core.timetext import WEEKDAYS
from clinic.locations.models import Location

_WEEKDAY_CHOICES = [(i, d) for i, d in enumerate(WEEKDAYS)]


class Resource(models.Model):
    """An infusion chair or a consultation room at one location. It is usable whenever the
    location is open, except during its own blocks (maintenance)."""

    class Kind(models.TextChoices):
        CHAIR = "chair", "Infusion chair"
        ROOM = "room", "Consultation room"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=60)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["location", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["location", "name"], name="resource_name_per_location")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.location})"


class StaffHours(models.Model):
    """A weekly working interval of one staff member at one location."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    weekday = models.PositiveSmallIntegerField(choices=_WEEKDAY_CHOICES)
    starts = models.TimeField()
    ends = models.TimeField()

    class Meta:
        ordering = ["user", "location", "weekday", "starts"]
        verbose_name_plural = "staff hours"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gt=models.F("starts")), name="staff_hours_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {WEEKDAYS[self.weekday]} {self.starts}-{self.ends}"

    def clean(self) -> None:
        if self.starts is not None and self.ends is not None and self.ends <= self.starts:
            raise ValidationError({"ends": "The end must be after the start."})


class StaffException(models.Model):
    """Leave (the person is away) or one-off extra hours at a location."""

    class Kind(models.TextChoices):
        LEAVE = "leave", "Away (leave, training)"
        EXTRA = "extra", "Extra hours"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey(
        Location,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Needed for extra hours; leave applies everywhere when left empty.",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    note = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="staff_exception_end_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="extra") | models.Q(location__isnull=False),
                name="extra_hours_have_location",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.user_id} {self.starts_at:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The end must be after the start."})
        if self.kind == self.Kind.EXTRA and self.location_id is None:
            raise ValidationError({"location": "Extra hours are at one location."})


class AppointmentType(models.Model):
    """What is booked, for how long, and what it needs."""

    class Prescriber(models.TextChoices):
        NONE = "none", "Not needed"
        EXCLUSIVE = "exclusive", "Sees the patient (busy for the whole visit)"
        ON_SITE = "on_site", "On site for the whole visit (may see others)"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=80)
    public_description = models.CharField(max_length=300, blank=True)
    duration_minutes = models.PositiveSmallIntegerField()
    buffer_before_minutes = models.PositiveSmallIntegerField(default=0)
    buffer_after_minutes = models.PositiveSmallIntegerField(default=0)
    step_minutes = models.PositiveSmallIntegerField(
        default=15, help_text="Start times are offered on this step from opening time."
    )
    needs_chair = models.BooleanField(default=False)
    needs_room = models.BooleanField(default=False)
    needs_nurse = models.BooleanField(default=False)
    needs_coordinator = models.BooleanField(
        default=False, help_text="A front-desk coordinator (e.g. for a phone call)."
    )
    prescriber = models.CharField(
        max_length=10, choices=Prescriber.choices, default=Prescriber.NONE
    )
    is_telehealth = models.BooleanField(default=False)
    min_notice_hours = models.PositiveSmallIntegerField(default=2)
    max_ahead_days = models.PositiveSmallIntegerField(default=90)
    late_cancel_hours = models.PositiveSmallIntegerField(
        default=24, help_text="Cancelling within this many hours is recorded as late."
    )
    self_bookable = models.BooleanField(
        default=False, help_text="Prospective patients may book this on the website."
    )
    reminder_hours = models.CharField(
        max_length=40,
        default="48,2",
        help_text="Hours before the start at which reminders go out, separated by commas.",
    )
    preparation = models.TextField(
        blank=True, help_text="Preparation instructions sent with every reminder."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gt=0) & models.Q(step_minutes__gt=0),
                name="appointment_type_positive_lengths",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def reminder_offsets(self) -> list[int]:
        hours = []
        for part in self.reminder_hours.split(","):
            part = part.strip()
            if part.isdigit() and 0 < int(part) <= 24 * 14:
                hours.append(int(part))
        return sorted(set(hours), reverse=True)

    def clean(self) -> None:
        for part in self.reminder_hours.split(","):
            if part.strip() and not (part.strip().isdigit() and 0 < int(part) <= 24 * 14):
                raise ValidationError(
                    {"reminder_hours": "Whole hours between 1 and 336, separated by commas."}
                )


class BookingSeries(models.Model):
    """Several bookings made in one action (an induction series)."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    requested = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Series {self.code}"


class Booking(models.Model):
    """One appointment, for a patient or for someone who booked on the website (a request)."""

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        ATTENDED = "attended", "Attended"
        CANCELLED = "cancelled", "Cancelled"
        NO_SHOW = "no_show", "Did not attend"

    class CancelReason(models.TextChoices):
        FEELING_BETTER = "feeling_better", "Feeling better / no longer needed"
        UNWELL = "unwell", "Unwell"
        SCHEDULE = "schedule", "Schedule conflict"
        TRANSPORT = "transport", "No transport or escort"
        COST = "cost", "Cost or insurance"
        CLINIC = "clinic", "Clinic changed the schedule"
        OTHER = "other", "Other"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    appointment_type = models.ForeignKey(
        AppointmentType, on_delete=models.PROTECT, related_name="bookings"
    )
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    patient = models.ForeignKey(
        "patients.Patient", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    enquiry = models.ForeignKey(
        "enquiries.Enquiry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.BOOKED)
    series = models.ForeignKey(
        BookingSeries, null=True, blank=True, on_delete=models.SET_NULL, related_name="bookings"
    )
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=20, choices=CancelReason.choices, blank=True)
    cancel_note = EncryptedTextField(blank=True)
    cancelled_by_patient = models.BooleanField(default=False)
    late_cancel = models.BooleanField(default=False)
    # Why staff booked this person into an overlapping appointment (empty: no overlap).
    overlap_reason = EncryptedTextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["location", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="booking_end_after"
            ),
            models.CheckConstraint(
                condition=models.Q(patient__isnull=False) | models.Q(enquiry__isnull=False),
                name="booking_has_a_person",
            ),
        ]

    def __str__(self) -> str:
        return f"Booking {self.code}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.BOOKED

    @property
    def patient_code(self) -> uuid.UUID | None:
        """For audit events: the patient's code, or None for someone who booked online."""
        return self.patient.code if self.patient is not None else None


class Hold(models.Model):
    """One resource (a chair, a room or a staff member) held by a booking, buffers included.
    `key` names the resource ("r<id>" or "u<id>") so one constraint covers both kinds."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="holds")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    key = models.CharField(max_length=24)
    resource = models.ForeignKey(
        Resource, null=True, blank=True, on_delete=models.PROTECT, related_name="holds"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    need = models.CharField(max_length=20)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    active = models.BooleanField(default=True)

    class Meta:
        indexes = [
            models.Index(fields=["key", "starts_at"]),
            models.Index(fields=["location", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="hold_end_after"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.starts_at:%Y-%m-%d %H:%M}"


class Reminder(models.Model):
    """One reminder of one booking on one channel, due at a moment. When due it is handed to
    the outbox exactly once (queued, with its message); the outbox delivers and retries it and
    shows staff what could not be sent."""

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        SMS = "sms", "Text message"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Not needed"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="reminders")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    hours_before = models.PositiveSmallIntegerField()
    for_start = models.DateTimeField()
    due_at = models.DateTimeField(db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message = models.OneToOneField(
        "core.OutgoingMessage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "channel", "hours_before", "for_start"],
                name="one_reminder_per_offset",
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.hours_before}h {self.booking_id}"

    @property
    def state(self) -> str:
        """What a person is told: the message's own state once it is handed over."""
        if self.message is not None:
            return self.message.get_status_display()
        return self.get_status_display()


class StaffFeed(models.Model):
    """A private calendar feed of one staff member's bookings. Only a hash of the secret in
    its address is kept; revoking it ends the feed at once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Feed of {self.user_id}"


class ScheduleVersion(models.Model):
    """One row whose value changes (on PostgreSQL, by triggers; migration 0003) whenever
    anything that shapes availability changes: locations, hours, closures, chairs and rooms,
    staff hours, leave, roles, accounts. Processes keep that slowly changing part in memory
    and read it again when this value moves. Values come from a sequence, so a change that is
    rolled back never leaves a value that a later change could repeat."""

    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Schedule version {self.value}"
