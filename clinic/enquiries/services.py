"""Writes for requests from the public site, each with its audit event."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from clinic.accounts.models import User
from clinic.accounts.selectors import clinician_emails
from clinic.audit.services import audit_record
from clinic.core import clock, outbox
from clinic.core.context import Acting
from clinic.enquiries.audit_actions import EnquiryAction
from clinic.enquiries.choices import CONSENT_TEXT
from clinic.enquiries.models import CallAttempt, Enquiry
from clinic.locations.models import Location
from clinic.patients import identity
from clinic.patients.models import Patient
from clinic.patients.services import FirstContact, PatientDetails, patient_create
from clinic.questionnaires.config import thresholds
from clinic.questionnaires.instruments import INSTRUMENTS
from clinic.questionnaires.scoring import score


@dataclass(frozen=True)
class EnquiryDetails:
    kind: str
    name: str
    phone: str
    email: str
    preferred_location: Location | None
    preferred_times: Sequence[str]
    payment: str
    insurance_payer: str
    insurance_member_id: str
    concerns: Sequence[str]
    message: str
    assessment_instrument: str = ""
    assessment_answers: Mapping[int, int] | None = None


def _assessment(details: EnquiryDetails) -> tuple[str, bool]:
    """The self-assessment sent with the request, scored again here (never trusted from the
    browser), as JSON; and whether it shows a sign of suicidal thoughts."""
    if not details.assessment_instrument or details.assessment_answers is None:
        return "", False
    instrument = INSTRUMENTS[details.assessment_instrument]
    result = score(instrument, details.assessment_answers, thresholds())
    data = {
        "instrument": instrument.name,
        "answers": {str(k): v for k, v in sorted(details.assessment_answers.items())},
        "total": result.total,
        "max_total": result.max_total,
        "band": result.band,
        "safety_flag": result.safety_flag,
    }
    return json.dumps(data), result.safety_flag


def enquiry_is_urgent(details: EnquiryDetails, *, crisis_statement: bool = False) -> bool:
    """A sign of suicidal thoughts: PHQ-9 item 9 in the self-assessment sent along, a crisis
    statement in the message, or "thoughts of suicide" chosen among the concerns."""
    return crisis_statement or "suicidal" in details.concerns or _assessment(details)[1]


@transaction.atomic
def enquiry_submit(
    *,
    details: EnquiryDetails,
    ctx: Acting | None = None,
    crisis_statement: bool = False,
    acknowledge: bool = True,
) -> Enquiry:
    """Store a request from the public site. A sign of suicidal thoughts (PHQ-9 item 9, or a
    crisis statement in the message) marks it urgent and queues a note to clinicians in the
    same transaction, so the alert cannot be lost."""
    assessment, _ = _assessment(details)
    urgent = enquiry_is_urgent(details, crisis_statement=crisis_statement)
    enquiry = Enquiry(
        kind=details.kind,
        name=details.name,
        phone=details.phone,
        email=details.email,
        email_bidx=identity.email_index(details.email),
        phone_bidx=identity.phone_index(details.phone),
        preferred_location=details.preferred_location,
        preferred_times=json.dumps(list(details.preferred_times)),
        payment=details.payment,
        insurance_payer=details.insurance_payer,
        insurance_member_id=details.insurance_member_id,
        concerns=json.dumps(list(details.concerns)),
        message=details.message,
        consent_text=CONSENT_TEXT,
        consented_at=clock.now(),
        assessment=assessment,
        urgent=urgent,
    )
    enquiry.full_clean(exclude=["email_bidx", "phone_bidx"])
    enquiry.save()
    audit_record(
        action=EnquiryAction.ENQUIRY_RECEIVED,
        ctx=ctx,
        obj=enquiry,
        details={"urgent": urgent, "with_assessment": bool(assessment)},
    )
    about = f"request:{enquiry.code}"
    if urgent:
        # In the request's own transaction: the clinicians' alert exists if the request does.
        # It holds no patient data, only a link to the inbox.
        outbox.email(
            "urgent-request",
            to=clinician_emails(location_id=enquiry.preferred_location_id),
            context={
                "inbox_url": settings.CLINIC_BASE_URL
                + reverse("chart:enquiry_detail", kwargs={"code": enquiry.code})
            },
            about=about,
        )
    if acknowledge:  # a booking sends its own confirmation instead
        enquiry_acknowledge(enquiry)
    return enquiry


def enquiry_acknowledge(enquiry: Enquiry) -> None:
    """Queue the "we have your request" email (no health details), if there is an address;
    call it inside the transaction that keeps the request."""
    if enquiry.email:
        outbox.email(
            "request-received",
            to=[enquiry.email],
            context={"urgent": enquiry.urgent},
            about=f"request:{enquiry.code}",
        )


@transaction.atomic
def enquiry_assign(
    *,
    enquiry: Enquiry,
    assignee: User | None,
    actor: User,
    ctx: Acting | None = None,
) -> None:
    enquiry.assigned_to = assignee
    if enquiry.status == Enquiry.Status.NEW:
        enquiry.status = Enquiry.Status.IN_PROGRESS
    enquiry.save(update_fields=["assigned_to", "status", "updated_at"])
    audit_record(
        action=EnquiryAction.ENQUIRY_UPDATED,
        actor=actor,
        ctx=ctx,
        obj=enquiry,
        details={"assigned_to": str(assignee.code) if assignee else ""},
    )


@transaction.atomic
def call_attempt_log(
    *,
    enquiry: Enquiry,
    actor: User,
    outcome: str,
    note: str,
    ctx: Acting | None = None,
) -> CallAttempt:
    attempt = CallAttempt(enquiry=enquiry, by=actor, at=clock.now(), outcome=outcome, note=note)
    attempt.full_clean()
    attempt.save()
    if enquiry.status == Enquiry.Status.NEW:
        enquiry.status = Enquiry.Status.IN_PROGRESS
        enquiry.save(update_fields=["status", "updated_at"])
    audit_record(
        action=EnquiryAction.ENQUIRY_UPDATED,
        actor=actor,
        ctx=ctx,
        obj=enquiry,
        details={"call_outcome": outcome},
    )
    return attempt


@transaction.atomic
def enquiry_close(*, enquiry: Enquiry, reason: str, actor: User, ctx: Acting | None = None) -> None:
    enquiry.status = Enquiry.Status.CLOSED
    enquiry.close_reason = reason
    enquiry.full_clean(exclude=["email_bidx", "phone_bidx"])
    enquiry.save(update_fields=["status", "close_reason", "updated_at"])
    audit_record(
        action=EnquiryAction.ENQUIRY_UPDATED,
        actor=actor,
        ctx=ctx,
        obj=enquiry,
        details={"closed": reason},
    )


@transaction.atomic
def enquiry_convert(
    *,
    enquiry: Enquiry,
    first_name: str,
    last_name: str,
    date_of_birth: dt.date,
    home_location: Location,
    actor: User,
    allow_duplicate: bool = False,
    ctx: Acting | None = None,
) -> Patient:
    """Make a patient record from the request (duplicates are checked through the blind
    indexes, as for any new patient); the request is marked converted. Appointments booked
    with the request are scheduling's: clinic.scheduling.conversion moves them in the same
    transaction, and is what the interface calls."""
    patient = patient_create(
        details=PatientDetails(
            first_name=first_name,
            last_name=last_name,
            date_of_birth=date_of_birth,
            phone=enquiry.phone,
            email=enquiry.email,
            home_location=home_location,
        ),
        actor=actor,
        ctx=ctx,
        allow_duplicate=allow_duplicate,
        first_contact=FirstContact(
            payment=enquiry.payment,
            insurance_payer=enquiry.insurance_payer,
            insurance_member_id=enquiry.insurance_member_id,
            preferred_times=tuple(enquiry.preferred_time_codes),
            concerns=tuple(enquiry.concern_codes),
        ),
    )
    enquiry.patient = patient
    enquiry.status = Enquiry.Status.CONVERTED
    enquiry.save(update_fields=["patient", "status", "updated_at"])
    audit_record(
        action=EnquiryAction.ENQUIRY_UPDATED,
        actor=actor,
        ctx=ctx,
        obj=enquiry,
        patient_code=patient.code,
        details={"converted": True},
    )
    return patient
