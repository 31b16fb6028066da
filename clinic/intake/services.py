"""Writes to the clinical record before treatment, each with its audit event in the same
transaction. Answers are appended, never overwritten; any text a person writes is checked
for crisis language, and a sign of it alerts the location's clinicians at once (the alert
carries no health details), exactly as an urgent website request does."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from clinic.accounts.models import User
from clinic.accounts.selectors import clinician_emails
from clinic.audit.services import audit_record
from clinic.core import clock, files, outbox, uploads
from clinic.core.context import Acting
from clinic.core.safety import mentions_self_harm
from clinic.intake import links, questions
from clinic.intake.audit_actions import IntakeAction
from clinic.intake.models import InsuranceCard, Intake, IntakeEntry
from clinic.patients.models import Patient


class IntakeClosed(Exception):
    """The patient's link can no longer change the intake (staff locked it)."""


class UnknownSection(ValueError):
    """No such intake section."""


@dataclass(frozen=True)
class Saved:
    entry: IntakeEntry
    crisis: bool  # the text spoke of suicide or self-harm: show crisis help now


@transaction.atomic
def intake_open(*, patient: Patient, actor: User | None, ctx: Acting | None = None) -> Intake:
    """The patient's intake, made on first use (one per patient)."""
    intake, made = Intake.objects.get_or_create(patient=patient)
    if made:
        audit_record(
            action=IntakeAction.INTAKE_OPENED,
            actor=actor,
            ctx=ctx,
            obj=intake,
            patient_code=patient.code,
            details={"opened": True},
        )
    return intake


@transaction.atomic
def intake_link_send(
    *, patient: Patient, actor: User, ctx: Acting | None = None
) -> tuple[Intake, str]:
    """A new intake link for the patient (earlier links stop working), emailed to them when
    the record has an address. The email says only that the clinic asks them to fill in
    their health questions; it carries no health details. Returns the intake and the link."""
    intake, _ = Intake.objects.select_for_update().get_or_create(patient=patient)
    intake.link_version += 1
    intake.sent_at = clock.now()
    intake.save(update_fields=["link_version", "sent_at"])
    url = links.intake_url(intake.code, intake.link_version)
    if patient.email:
        outbox.email(
            "intake-link",
            to=[patient.email],
            context={"url": url, "days": settings.CLINIC_INTAKE_LINK_DAYS},
            about=f"intake:{intake.code}",
        )
    audit_record(
        action=IntakeAction.INTAKE_SENT,
        actor=actor,
        ctx=ctx,
        obj=intake,
        patient_code=patient.code,
        details={"emailed": bool(patient.email), "version": intake.link_version},
    )
    return intake, url


@transaction.atomic
def intake_answer(
    *,
    intake: Intake,
    section: str,
    answers: Mapping[str, Any],
    actor: User | None,
    ctx: Acting | None = None,
) -> Saved:
    """Append one section's answers: by the patient through their link (`actor` None) until
    staff lock the intake, or by staff at any time (after the lock, as a marked correction)."""
    if section not in questions.BY_CODE:
        raise UnknownSection(section)
    locked = Intake.objects.select_for_update().get(pk=intake.pk)
    if locked.is_locked and actor is None:
        raise IntakeClosed("staff have locked this intake")
    entry = IntakeEntry.objects.create(
        intake=locked,
        section=section,
        data=json.dumps(dict(answers), sort_keys=True),
        entered_by=actor,
        after_lock=locked.is_locked,
    )
    now = clock.now()
    if locked.status == Intake.Status.SENT:
        locked.status, locked.started_at = Intake.Status.STARTED, now
        locked.save(update_fields=["status", "started_at"])
    crisis = any(mentions_self_harm(t) for t in questions.free_texts(section, answers))
    patient = locked.patient
    audit_record(
        action=IntakeAction.INTAKE_ANSWERED,
        actor=actor,
        ctx=ctx,
        obj=entry,
        patient_code=patient.code,
        # the section's name and the flag, never what was written
        details={"section": section, "by_patient": actor is None, "crisis": crisis},
    )
    if crisis:
        outbox.email(
            "urgent-intake",
            to=clinician_emails(location_id=patient.home_location_id),
            context={
                "chart_url": settings.CLINIC_BASE_URL
                + reverse("chart:patient_detail", kwargs={"code": patient.code})
            },
            about=f"intake:{locked.code}",
        )
    intake.status = locked.status
    return Saved(entry=entry, crisis=crisis)


@transaction.atomic
def intake_complete(*, intake: Intake, actor: User | None, ctx: Acting | None = None) -> None:
    locked = Intake.objects.select_for_update().get(pk=intake.pk)
    if locked.status in (Intake.Status.SENT, Intake.Status.STARTED):
        locked.status, locked.completed_at = Intake.Status.COMPLETE, clock.now()
        locked.save(update_fields=["status", "completed_at"])
    intake.status = locked.status


@transaction.atomic
def intake_lock(*, intake: Intake, actor: User, ctx: Acting | None = None) -> None:
    """Staff lock the intake: the patient's link can no longer change it; staff corrections
    after this are marked entries."""
    locked = Intake.objects.select_for_update().get(pk=intake.pk)
    if locked.is_locked:
        return
    locked.status, locked.locked_at, locked.locked_by = Intake.Status.LOCKED, clock.now(), actor
    locked.save(update_fields=["status", "locked_at", "locked_by"])
    audit_record(
        action=IntakeAction.INTAKE_LOCKED,
        actor=actor,
        ctx=ctx,
        obj=locked,
        patient_code=locked.patient.code,
    )
    intake.status = locked.status


@transaction.atomic
def insurance_card_add(
    *, intake: Intake, side: str, data: bytes, actor: User | None, ctx: Acting | None = None
) -> InsuranceCard:
    """Keep a photo or scan of one side of the insurance card, by the patient through their
    link (`actor` None, until staff lock the intake) or by staff. The file is checked and
    kept encrypted; raises core.uploads.UploadRefused and stores nothing when refused."""
    if side not in InsuranceCard.Side.values:
        raise ValueError(f"unknown side {side!r}")
    locked = Intake.objects.select_for_update().get(pk=intake.pk)
    if locked.is_locked and actor is None:
        raise IntakeClosed("staff have locked this intake")
    stored = files.stored_file_save(data=data, purpose="insurance-card")
    card = InsuranceCard.objects.create(intake=locked, side=side, file=stored, uploaded_by=actor)
    audit_record(
        action=IntakeAction.INSURANCE_CARD_ADDED,
        actor=actor,
        ctx=ctx,
        obj=card,
        patient_code=locked.patient.code,
        details={"side": side, "by_patient": actor is None, "bytes": len(data)},
    )
    return card


@transaction.atomic
def insurance_answer(
    *,
    intake: Intake,
    answers: Mapping[str, Any],
    cards: Mapping[str, bytes],
    actor: User | None,
    ctx: Acting | None = None,
) -> Saved:
    """The insurance answers and any card photos ("front", "back") together: all kept, or
    none (a refused photo raises core.uploads.UploadRefused and nothing is saved)."""
    for data in cards.values():
        uploads.check(data, max_bytes=settings.CLINIC_UPLOAD_MAX_BYTES)
    saved = intake_answer(intake=intake, section="insurance", answers=answers, actor=actor, ctx=ctx)
    for side, data in cards.items():
        insurance_card_add(intake=intake, side=side, data=data, actor=actor, ctx=ctx)
    return saved
