"""Treatment plans: the course a prescriber orders for an eligible patient. Signed, a plan
is locked; a change is a new plan that replaces it. Doses and sessions come next."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models

from clinic.core.fields import EncryptedTextField
from clinic.intake.screening import ROUTE_LABELS

AFTERCARE_KETAMINE = (
    "Do not drive, cycle or operate machinery until tomorrow after a full night's sleep.\n"
    "Have an adult with you for the rest of today.\n"
    "No alcohol, cannabis or sleeping tablets today.\n"
    "Eat lightly at first; drink water.\n"
    "Make no important decisions and sign nothing important today.\n"
    "If you feel unwell, call the clinic. In an emergency call 911. If you have thoughts "
    "of harming yourself, call or text 988."
)
AFTERCARE_ESKETAMINE = (
    "Do not drive or operate machinery until tomorrow after a full night's sleep.\n"
    "Have someone take you home; do not drive yourself.\n"
    "No alcohol today.\n"
    "Tell the clinic about any new medicines before your next session.\n"
    "If you feel unwell, call the clinic. In an emergency call 911. If you have thoughts "
    "of harming yourself, call or text 988."
)


class TreatmentPlan(models.Model):
    class Route(models.TextChoices):
        IV = "iv", ROUTE_LABELS["iv"]
        IM = "im", ROUTE_LABELS["im"]
        INTRANASAL = "intranasal", ROUTE_LABELS["intranasal"]
        ORAL = "oral", ROUTE_LABELS["oral"]
        ESKETAMINE = "esketamine", ROUTE_LABELS["esketamine"]

    class Phase(models.TextChoices):
        INDUCTION = "induction", "Induction"
        OPTIMISATION = "optimisation", "Optimisation"
        MAINTENANCE = "maintenance", "Maintenance"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        REPLACED = "replaced", "Replaced by a newer plan"
        ENDED = "ended", "Ended"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, related_name="+")
    prescriber = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    route = models.CharField(max_length=12, choices=Route.choices)
    phase = models.CharField(max_length=12, choices=Phase.choices)
    sessions = models.PositiveSmallIntegerField()
    per_week = models.DecimalField(max_digits=3, decimal_places=1)  # the cadence
    # Weight-based routes (IV, IM): the order in mg/kg with its titration and ceilings.
    start_mg_per_kg = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    step_mg_per_kg = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    max_mg_per_kg = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    minutes = models.PositiveSmallIntegerField(null=True, blank=True)  # an infusion's length
    # Fixed doses (esketamine 28/56/84 mg; oral and intranasal racemic ketamine).
    dose_mg = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    max_mg = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    valid_until = models.DateField()
    override_reason = EncryptedTextField(blank=True)  # signed without consent or eligibility
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    signed_at = models.DateTimeField()

    class Meta:
        ordering = ["-signed_at"]
        indexes = [models.Index(fields=["patient", "status"])]

    def __str__(self) -> str:
        return f"Treatment plan {self.code}"

    @property
    def weight_based(self) -> bool:
        return self.route in (self.Route.IV, self.Route.IM)


class TreatmentSession(models.Model):
    """One monitored session, opened from the day's booking at check-in. Each step is saved
    as it is entered; signed by the nurse and the prescriber, it is locked."""

    class Phase(models.TextChoices):
        CHECKED_IN = "checked_in", "Checked in"
        READY = "ready", "Checks done"
        DOSING = "dosing", "Dose prepared"
        RUNNING = "running", "Dose started"
        RECOVERING = "recovering", "Recovering"
        DISCHARGED = "discharged", "Discharged"
        NOT_TREATED = "not_treated", "Not treated today"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(TreatmentPlan, on_delete=models.PROTECT, related_name="+")
    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, related_name="+")
    booking = models.OneToOneField("scheduling.Booking", on_delete=models.PROTECT, related_name="+")
    location = models.ForeignKey("locations.Location", on_delete=models.PROTECT, related_name="+")
    phase = models.CharField(max_length=12, choices=Phase.choices, default=Phase.CHECKED_IN)
    checked_in_at = models.DateTimeField()
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    checklist = EncryptedTextField(blank=True)  # JSON: the pre-session answers
    weight_kg = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    decision = models.CharField(max_length=10, blank=True)  # vitals.PROCEED / APPROVE / NOT_TODAY
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approval_reason = EncryptedTextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    given_mg = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    waste_mg = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    discharged_at = models.DateTimeField(null=True, blank=True)
    discharged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    discharge = EncryptedTextField(blank=True)  # JSON: the discharge checklist
    nurse_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    nurse_signed_at = models.DateTimeField(null=True, blank=True)
    prescriber_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    prescriber_signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-checked_in_at"]
        indexes = [models.Index(fields=["location", "phase"])]

    def __str__(self) -> str:
        return f"Session {self.code}"

    @property
    def is_locked(self) -> bool:
        return self.prescriber_signed_at is not None and self.nurse_signed_at is not None


class Dose(models.Model):
    """The dose of a session as prepared, checked by a second person, and started."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.OneToOneField(TreatmentSession, on_delete=models.PROTECT, related_name="+")
    mg = models.DecimalField(max_digits=6, decimal_places=1)
    mg_per_kg = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    concentration = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    ml = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    total_ml = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    rate_ml_per_h = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    devices = models.PositiveSmallIntegerField(null=True, blank=True)  # esketamine
    lot = models.CharField(max_length=40)
    expires_on = models.DateField()
    over_limits = models.JSONField(default=list, blank=True)
    override_reason = EncryptedTextField(blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    prepared_at = models.DateTimeField()
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Dose {self.code}"


class VitalReading(models.Model):
    """One set of readings at the chair. `key` makes a double submission harmless: the same
    key for the same session is stored once."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(TreatmentSession, on_delete=models.PROTECT, related_name="+")
    key = models.UUIDField()
    baseline = models.BooleanField(default=False)
    taken_at = models.DateTimeField()
    systolic = models.PositiveSmallIntegerField(null=True, blank=True)
    diastolic = models.PositiveSmallIntegerField(null=True, blank=True)
    pulse = models.PositiveSmallIntegerField(null=True, blank=True)
    spo2 = models.PositiveSmallIntegerField(null=True, blank=True)
    respiration = models.PositiveSmallIntegerField(null=True, blank=True)
    sedation = models.PositiveSmallIntegerField(null=True, blank=True)  # clinic scale
    dissociation = models.PositiveSmallIntegerField(null=True, blank=True)  # clinic scale
    nausea = models.PositiveSmallIntegerField(null=True, blank=True)
    note = EncryptedTextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["taken_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "key"], name="one_reading_per_key")
        ]

    def __str__(self) -> str:
        return f"Reading {self.code}"


class VitalAlert(models.Model):
    """A reading out of the clinic's range: open until someone acknowledges it with an
    action."""

    class Action(models.TextChoices):
        PAUSED = "paused", "Infusion paused"
        SLOWED = "slowed", "Infusion slowed"
        STOPPED = "stopped", "Infusion stopped"
        MEDICATION = "medication", "Medication given"
        PRESCRIBER = "prescriber", "Prescriber informed"
        RECHECKED = "rechecked", "Rechecked, no action needed"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reading = models.ForeignKey(VitalReading, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(TreatmentSession, on_delete=models.PROTECT, related_name="+")
    text = models.CharField(max_length=200)  # "BP 184/96: at or above 180/110"
    action = models.CharField(max_length=12, choices=Action.choices, blank=True)
    note = EncryptedTextField(blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Alert {self.code}"


class SessionEvent(models.Model):
    """Something done or something that happened during a session: an intervention (a
    medicine given, the infusion slowed) or an adverse event (what, how severe, how it
    ended, who was told)."""

    class Kind(models.TextChoices):
        INTERVENTION = "intervention", "Intervention"
        ADVERSE = "adverse", "Adverse event"

    class Severity(models.TextChoices):
        MILD = "mild", "Mild"
        MODERATE = "moderate", "Moderate"
        SEVERE = "severe", "Severe"
        SERIOUS = "serious", "Serious (life-threatening, hospital, lasting harm)"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(TreatmentSession, on_delete=models.PROTECT, related_name="+")
    key = models.UUIDField()  # a double submission stores it once
    kind = models.CharField(max_length=12, choices=Kind.choices)
    what = EncryptedTextField()  # "Ondansetron 4 mg IV", "Nausea and vomiting"
    severity = models.CharField(max_length=10, choices=Severity.choices, blank=True)
    outcome = EncryptedTextField(blank=True)
    reported_to = EncryptedTextField(blank=True)
    at = models.DateTimeField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]
        constraints = [models.UniqueConstraint(fields=["session", "key"], name="one_event_per_key")]

    def __str__(self) -> str:
        return f"Session event {self.code}"


class SessionAddendum(models.Model):
    """A signed session note is never changed: what comes later is added beneath it."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(TreatmentSession, on_delete=models.PROTECT, related_name="+")
    text = EncryptedTextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return f"Session addendum {self.code}"


def _default(help_text: str, default: object) -> str:
    return f"{help_text} Clinic default: {default}."


class ClinicalSettings(models.Model):
    """The clinic's own lines for the chair, edited by the owner in administration. One row;
    until it is saved the shipped defaults apply (each labelled as such where it is shown)."""

    hold_systolic = models.PositiveSmallIntegerField(
        default=140, help_text=_default("Before a session, at or above: prescriber approves.", 140)
    )
    hold_diastolic = models.PositiveSmallIntegerField(
        default=90, help_text=_default("Before a session, at or above: prescriber approves.", 90)
    )
    stop_systolic = models.PositiveSmallIntegerField(
        default=180, help_text=_default("At or above: not today before; an alert during.", 180)
    )
    stop_diastolic = models.PositiveSmallIntegerField(
        default=110, help_text=_default("At or above: not today before; an alert during.", 110)
    )
    max_pulse = models.PositiveSmallIntegerField(
        default=120, help_text=_default("Heart rate above this: an alert.", 120)
    )
    min_pulse = models.PositiveSmallIntegerField(
        default=45, help_text=_default("Heart rate below this: an alert.", 45)
    )
    min_spo2 = models.PositiveSmallIntegerField(
        default=92, help_text=_default("SpO2 below this: an alert; not today before.", 92)
    )
    discharge_margin_bp = models.PositiveSmallIntegerField(
        default=20, help_text=_default("mmHg above the baseline, at most, to go home.", 20)
    )
    discharge_margin_pulse = models.PositiveSmallIntegerField(
        default=20, help_text=_default("Beats a minute from the baseline, at most.", 20)
    )
    discharge_min_spo2 = models.PositiveSmallIntegerField(
        default=94, help_text=_default("SpO2 at least this to go home.", 94)
    )
    mg_step = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.5"),
        help_text=_default("Doses are rounded to this many mg.", "0.5"),
    )
    round_down = models.BooleanField(
        default=False,
        help_text="Round always down instead of to the nearest step. Clinic default: nearest.",
    )
    max_mg_per_kg = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.0"),
        help_text=_default("Hard limit: above it a prescriber's written reason.", "1.0"),
    )
    max_mg = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        default=Decimal("150"),
        help_text=_default("Hard limit for one session, in mg.", 150),
    )
    weight_change_percent = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=Decimal("5"),
        help_text=_default("Weight change since the last session to confirm, in %.", 5),
    )
    every_during = models.PositiveSmallIntegerField(
        default=10, help_text=_default("Minutes between readings while an infusion runs.", 10)
    )
    every_after = models.PositiveSmallIntegerField(
        default=15, help_text=_default("Minutes between readings after it stops.", 15)
    )
    aftercare_ketamine = models.TextField(default=AFTERCARE_KETAMINE)
    aftercare_esketamine = models.TextField(default=AFTERCARE_ESKETAMINE)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "clinical settings"
        verbose_name_plural = "clinical settings"

    def __str__(self) -> str:
        return "Clinical settings"
