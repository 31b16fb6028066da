"""The clinical record before treatment: the clinic's contraindication rules (rows the owner
edits, seeded from `rules.py`) and each patient's intake with its entries (encrypted, never
overwritten). Consent and the eligibility evaluation come next."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from clinic.core.fields import EncryptedTextField
from clinic.intake import rules
from clinic.intake.screening import ROUTE_LABELS, ROUTES, Rule
from clinic.intake.screening import Severity as RuleSeverity


class ContraindicationRule(models.Model):
    class Severity(models.TextChoices):
        ABSOLUTE = "absolute", "Absolute: blocks until a prescriber overrides with a reason"
        RELATIVE = "relative", "Relative: a caution the prescriber acknowledges"

    code = models.SlugField(max_length=60, unique=True)
    label = models.CharField(max_length=200, help_text="What staff read on the chart.")
    severity = models.CharField(max_length=10, choices=Severity.choices)
    facts = models.JSONField(help_text="Any one of these findings meets the rule.")
    routes = models.JSONField(help_text="The routes the rule applies to.")
    source = models.CharField(max_length=200, blank=True)
    is_default = models.BooleanField(
        default=True, help_text="Still the clinic default as shipped (unticked once edited)."
    )
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        facts, routes = self.facts, self.routes
        if not isinstance(facts, list) or not facts or not set(facts) <= set(rules.FACTS):
            raise ValidationError({"facts": "Choose at least one finding from the list."})
        if not isinstance(routes, list) or not routes or not set(routes) <= set(ROUTES):
            raise ValidationError({"routes": "Choose at least one route."})

    def as_rule(self) -> Rule:
        return Rule(
            code=self.code,
            label=self.label,
            severity=RuleSeverity(self.severity),
            facts=frozenset(self.facts),
            routes=frozenset(self.routes),
            source=self.source,
            is_default=self.is_default,
        )


class Intake(models.Model):
    """A patient's intake: sent as a link, filled in (by the patient at home or by staff at
    the desk), then locked by staff. Answers are `IntakeEntry` rows, never overwritten."""

    class Status(models.TextChoices):
        SENT = "sent", "Link sent"
        STARTED = "started", "Started"
        COMPLETE = "complete", "Complete"
        LOCKED = "locked", "Locked by staff"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.OneToOneField("patients.Patient", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENT)
    link_version = models.PositiveIntegerField(default=1)  # a new link retires the old ones
    sent_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    locked_at = models.DateTimeField(null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Intake {self.code}"

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.LOCKED


class IntakeEntry(models.Model):
    """One section's answers as given at one moment, by the patient (no `entered_by`) or a
    member of staff. The newest entry of a section is its current answer; the older ones
    stay readable."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    intake = models.ForeignKey(Intake, on_delete=models.PROTECT, related_name="entries")
    section = models.CharField(max_length=20)
    data = EncryptedTextField()  # JSON of the section's answers
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    after_lock = models.BooleanField(default=False)  # a correction to a locked intake
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["intake", "section", "created_at"])]

    def __str__(self) -> str:
        return f"Intake entry {self.code}"

    @property
    def answers(self) -> dict[str, Any]:
        value = json.loads(self.data) if self.data else {}
        return value if isinstance(value, dict) else {}


class InsuranceCard(models.Model):
    """A photo or scan of one side of the patient's insurance card, kept encrypted
    (`core.StoredFile`). A new upload of a side replaces the old one on the chart; the old
    one stays kept."""

    class Side(models.TextChoices):
        FRONT = "front", "Front"
        BACK = "back", "Back"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    intake = models.ForeignKey(Intake, on_delete=models.PROTECT, related_name="+")
    side = models.CharField(max_length=5, choices=Side.choices)
    file = models.ForeignKey("core.StoredFile", on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(  # none: the patient, through their link
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Insurance card {self.code}"


class ConsentDocument(models.Model):
    """One version of a consent the owner writes (e.g. off-label ketamine, esketamine with
    the REMS acknowledgement). A new version is a new row; a signed version never changes
    (its hash is kept with every signature)."""

    class Kind(models.TextChoices):
        KETAMINE = "ketamine", "Off-label ketamine treatment"
        ESKETAMINE = "esketamine", "Esketamine and REMS enrolment acknowledgement"
        TELEHEALTH = "telehealth", "Telehealth"
        RELEASE = "release", "Release of information"
        FINANCIAL = "financial", "Financial policy"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=160)
    body = models.TextField(help_text="What the patient reads and agrees to.")
    routes = models.JSONField(default=list, blank=True, help_text="Routes this consent covers.")
    sha256 = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="one_version_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    @property
    def route_labels(self) -> list[str]:
        """The routes it covers, in words, in the usual order."""
        return [label for code, label in ROUTE_LABELS.items() if code in (self.routes or [])]


class Consent(models.Model):
    """A patient's consent to one version of a document: signed on their phone (typed name,
    ticked box, time, version and hash) or recorded by staff from paper with a scan.
    Withdrawal is recorded on the row; nothing is deleted."""

    class Method(models.TextChoices):
        ONLINE = "online", "Signed online"
        PAPER = "paper", "Signed on paper (scan kept)"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, related_name="+")
    document = models.ForeignKey(ConsentDocument, on_delete=models.PROTECT, related_name="+")
    document_sha256 = models.CharField(max_length=64)  # what was shown, as signed
    method = models.CharField(max_length=10, choices=Method.choices)
    typed_name = EncryptedTextField(blank=True)
    signed_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    scan = models.ForeignKey(
        "core.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawal_note = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["-signed_at"]
        indexes = [models.Index(fields=["patient", "signed_at"])]

    def __str__(self) -> str:
        return f"Consent {self.code}"


class DiagnosisCode(models.Model):
    """The clinic's short, editable list of ICD-10 codes for evaluations."""

    code = models.CharField(max_length=10, unique=True)
    label = models.CharField(max_length=160)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class Evaluation(models.Model):
    """A prescriber's eligibility evaluation. Signed, it is locked: later changes are
    addenda with their own author and time, and the signed text stays as it was."""

    class Decision(models.TextChoices):
        ELIGIBLE = "eligible", "Eligible"
        CONDITIONS = "conditions", "Eligible with conditions"
        NOT_ELIGIBLE = "not_eligible", "Not eligible"
        MORE_INFO = "more_info", "Needs more information"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, related_name="+")
    prescriber = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    diagnosis = models.ForeignKey(DiagnosisCode, on_delete=models.PROTECT, related_name="+")
    adequate_trials = models.PositiveSmallIntegerField()
    resistance_met = models.BooleanField()
    baseline_phq9 = models.PositiveSmallIntegerField(null=True, blank=True)
    baseline_gad7 = models.PositiveSmallIntegerField(null=True, blank=True)
    decision = models.CharField(max_length=15, choices=Decision.choices)
    routes = models.JSONField(default=list)  # the routes it allows (eligible, conditions)
    screening = EncryptedTextField()  # JSON: per route, findings, overrides, acknowledgements
    conditions = EncryptedTextField(blank=True)
    reason = EncryptedTextField(blank=True)  # not eligible, or more information needed
    note = EncryptedTextField(blank=True)
    reevaluate_on = models.DateField(null=True, blank=True)
    signed_at = models.DateTimeField()

    class Meta:
        ordering = ["-signed_at"]
        indexes = [models.Index(fields=["patient", "signed_at"])]

    def __str__(self) -> str:
        return f"Evaluation {self.code}"

    @property
    def route_labels(self) -> list[str]:
        return [label for code, label in ROUTE_LABELS.items() if code in (self.routes or [])]

    @property
    def findings_as_signed(self) -> list[dict[str, Any]]:
        """The screening findings the prescriber overrode or acknowledged, each once (with
        the routes it applied to), as kept at signing."""
        kept = json.loads(self.screening) if self.screening else {}
        merged: dict[str, dict[str, Any]] = {}
        for route, findings in kept.items() if isinstance(kept, dict) else ():
            for finding in findings:
                entry = merged.setdefault(finding["rule"], {**finding, "routes": []})
                entry["routes"].append(route)
        return list(merged.values())


class Addendum(models.Model):
    """A later word on a signed evaluation: its own author and time; the original stays."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="addenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Addendum {self.code}"
