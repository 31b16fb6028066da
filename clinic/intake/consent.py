"""Consent: documents in versions, signed online or recorded from paper with a scan, and
withdrawn; each write with its audit event in the same transaction. Which consents are
current, and which routes they cover, is read in `selectors`."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import transaction
from django.db.models import Max

from clinic.accounts.models import User
from clinic.audit.services import audit_record
from clinic.core import clock, files
from clinic.core.context import Acting
from clinic.intake.audit_actions import IntakeAction
from clinic.intake.models import Consent, ConsentDocument
from clinic.intake.screening import ROUTES
from clinic.patients.models import Patient


class ConsentRefused(ValueError):
    """The consent cannot be taken; the message says why, for the person signing."""


def document_hash(title: str, body: str) -> str:
    return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()


@transaction.atomic
def consent_document_publish(
    *,
    kind: str,
    title: str,
    body: str,
    routes: list[str],
    actor: User | None,
    ctx: Acting | None = None,
) -> ConsentDocument:
    """A new version of a consent document (the earlier ones stay, as signed)."""
    if kind not in ConsentDocument.Kind.values:
        raise ConsentRefused("Unknown kind of consent.")
    if not title.strip() or not body.strip():
        raise ConsentRefused("A consent needs a title and a text.")
    if not set(routes) <= set(ROUTES):
        raise ConsentRefused("Unknown route.")
    # Earlier versions locked, so two owners publishing at once number them in turn (the
    # unique constraint has the last word on a first version).
    list(ConsentDocument.objects.select_for_update().filter(kind=kind).values_list("pk"))
    latest = ConsentDocument.objects.filter(kind=kind).aggregate(v=Max("version"))["v"] or 0
    document = ConsentDocument.objects.create(
        kind=kind,
        version=latest + 1,
        title=title.strip(),
        body=body.strip(),
        routes=[r for r in ROUTES if r in routes],
        sha256=document_hash(title.strip(), body.strip()),
    )
    audit_record(
        action=IntakeAction.CONSENT_PUBLISHED,
        actor=actor,
        ctx=ctx,
        obj=document,
        details={"kind": kind, "version": document.version},
    )
    return document


def _current(document: ConsentDocument) -> None:
    newest = ConsentDocument.objects.filter(kind=document.kind).order_by("-version").first()
    if newest is None or newest.pk != document.pk:
        raise ConsentRefused("This consent has a newer version: please read that one.")


@transaction.atomic
def consent_sign_online(
    *,
    patient: Patient,
    document: ConsentDocument,
    typed_name: str,
    agreed: bool,
    ctx: Acting | None = None,
) -> Consent:
    """The patient signs on their phone: their typed name and a ticked box, with the time,
    the version and the hash of the text they were shown."""
    typed = " ".join(typed_name.replace("\x00", "").split())
    if not agreed:
        raise ConsentRefused("Tick the box to say you have read and agree.")
    if not 2 <= len(typed) <= 200:
        raise ConsentRefused("Type your full name to sign.")
    _current(document)
    consent = Consent.objects.create(
        patient=patient,
        document=document,
        document_sha256=document.sha256,
        method=Consent.Method.ONLINE,
        typed_name=typed,
        signed_at=clock.now(),
    )
    audit_record(
        action=IntakeAction.CONSENT_SIGNED,
        actor=None,
        ctx=ctx,
        obj=consent,
        patient_code=patient.code,
        details={"kind": document.kind, "version": document.version, "method": "online"},
    )
    return consent


@transaction.atomic
def consent_record_paper(
    *,
    patient: Patient,
    document: ConsentDocument,
    scan: bytes,
    signed_on: dt.date,
    actor: User,
    ctx: Acting | None = None,
) -> Consent:
    """Staff record a consent signed on paper, with its scan (checked and kept encrypted;
    raises core.uploads.UploadRefused and stores nothing when the scan is refused)."""
    if signed_on > clock.today() or signed_on < dt.date(2000, 1, 1):
        raise ConsentRefused("Enter the date the paper was signed.")
    stored = files.stored_file_save(data=scan, purpose="consent-scan")
    consent = Consent.objects.create(
        patient=patient,
        document=document,
        document_sha256=document.sha256,
        method=Consent.Method.PAPER,
        # Noon on that day where the patient is treated (a date alone has no zone).
        signed_at=dt.datetime.combine(signed_on, dt.time(12), tzinfo=patient.home_location.tz),
        recorded_by=actor,
        scan=stored,
    )
    audit_record(
        action=IntakeAction.CONSENT_SIGNED,
        actor=actor,
        ctx=ctx,
        obj=consent,
        patient_code=patient.code,
        details={"kind": document.kind, "version": document.version, "method": "paper"},
    )
    return consent


@transaction.atomic
def consent_withdraw(
    *, consent: Consent, actor: User | None, note: str = "", ctx: Acting | None = None
) -> None:
    locked = Consent.objects.select_for_update().get(pk=consent.pk)
    if locked.withdrawn_at is not None:
        return
    locked.withdrawn_at, locked.withdrawn_by = clock.now(), actor
    locked.withdrawal_note = note.replace("\x00", "").strip()[:1000]
    locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_note"])
    audit_record(
        action=IntakeAction.CONSENT_WITHDRAWN,
        actor=actor,
        ctx=ctx,
        obj=locked,
        patient_code=locked.patient.code,
        details={"kind": locked.document.kind},
    )
    consent.withdrawn_at = locked.withdrawn_at
