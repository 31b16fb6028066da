"""Turning a website request into a patient record, with the appointments booked online.

Enquiries and patients sit below scheduling, so neither may touch bookings; this workflow
does both halves in one transaction, each with its own audit event."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from clinic.accounts.models import User
from clinic.audit.services import audit_record
from clinic.core.context import Acting
from clinic.enquiries import services as enquiries
from clinic.enquiries.models import Enquiry
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.scheduling.audit_actions import SchedulingAction
from clinic.scheduling.models import Booking


@transaction.atomic
def bookings_move_to_patient(
    *, enquiry: Enquiry, patient: Patient, actor: User, ctx: Acting | None = None
) -> list[Booking]:
    """Appointments booked online with the request now belong to the patient's record."""
    moved = list(
        Booking.objects.select_for_update()
        .filter(enquiry=enquiry, patient__isnull=True)
        .order_by("starts_at")
    )
    if not moved:
        return []
    Booking.objects.filter(pk__in=[b.pk for b in moved]).update(patient=patient)
    for booking in moved:
        booking.patient = patient
    audit_record(
        action=SchedulingAction.BOOKINGS_MOVED,
        actor=actor,
        ctx=ctx,
        obj=enquiry,
        patient_code=patient.code,
        details={"bookings": [str(b.code) for b in moved]},
    )
    return moved


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
    """Make the patient record (raises patients.services.DuplicatePatient, changing nothing)
    and move the request's online bookings to it."""
    patient = enquiries.enquiry_convert(
        enquiry=enquiry,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date_of_birth,
        home_location=home_location,
        actor=actor,
        allow_duplicate=allow_duplicate,
        ctx=ctx,
    )
    bookings_move_to_patient(enquiry=enquiry, patient=patient, actor=actor, ctx=ctx)
    return patient
