"""Writes to patient records, each with its audit event in the same transaction."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from clinic.accounts.models import User
from clinic.audit.models import Action
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.context import Acting
from clinic.locations.models import Location
from clinic.patients import access, identity, search
from clinic.patients.models import BreakGlassGrant, Patient, PatientSearchToken


@dataclass(frozen=True)
class PatientDetails:
    first_name: str
    last_name: str
    date_of_birth: dt.date
    phone: str
    email: str
    home_location: Location


@dataclass(frozen=True)
class FirstContact:
    """What a person told the clinic when they asked for help, carried to their record."""

    payment: str = ""
    insurance_payer: str = ""
    insurance_member_id: str = ""
    preferred_times: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()

    def apply(self, patient: Patient) -> list[str]:
        """Fill what the record does not hold yet; returns the names of the fields set."""
        values = {
            "payment": self.payment,
            "insurance_payer": self.insurance_payer,
            "insurance_member_id": self.insurance_member_id,
            "preferred_times": json.dumps(list(self.preferred_times))
            if self.preferred_times
            else "",
            "concerns": json.dumps(list(self.concerns)) if self.concerns else "",
        }
        carried = []
        for field, value in values.items():
            if value and not getattr(patient, field):
                setattr(patient, field, value)
                carried.append(field)
        return carried


class DuplicatePatient(Exception):
    """Another record has the same last name and date of birth, email or phone."""

    def __init__(self, matches: list[Patient]) -> None:
        super().__init__("possible duplicate")
        self.matches = matches


class ScopeChangeRefused(Exception):
    """A write that would move a record into or out of someone's scope, by a person who holds
    the record only through emergency access (or to a location that is not theirs)."""


def patient_find_duplicates(
    *, details: PatientDetails, exclude: Patient | None = None
) -> list[Patient]:
    match = Q(identity_bidx=identity.identity_index(details.last_name, details.date_of_birth))
    if details.email:
        match |= Q(email_bidx=identity.email_index(details.email))
    if details.phone:
        match |= Q(phone_bidx=identity.phone_index(details.phone))
    found = Patient.objects.filter(match)
    if exclude is not None:
        found = found.exclude(pk=exclude.pk)
    return list(found.select_related("home_location")[:10])


def search_tokens_refresh(patient: Patient) -> None:
    """Keep the record's search tokens in step with its name, phone and birth date."""
    wanted = search.tokens_for(
        first_name=patient.first_name,
        last_name=patient.last_name,
        phone=patient.phone,
        date_of_birth=patient.date_of_birth,
    )
    held = set(PatientSearchToken.objects.filter(patient=patient).values_list("token", flat=True))
    PatientSearchToken.objects.filter(patient=patient, token__in=held - wanted).delete()
    PatientSearchToken.objects.bulk_create(
        [PatientSearchToken(patient=patient, token=t) for t in sorted(wanted - held)]
    )


def _apply(patient: Patient, details: PatientDetails) -> None:
    patient.first_name = details.first_name
    patient.last_name = details.last_name
    patient.date_of_birth = details.date_of_birth
    patient.phone = details.phone
    patient.email = details.email
    patient.email_bidx = identity.email_index(details.email)
    patient.phone_bidx = identity.phone_index(details.phone)
    patient.identity_bidx = identity.identity_index(details.last_name, details.date_of_birth)
    patient.home_location = details.home_location


@transaction.atomic
def patient_create(
    *,
    details: PatientDetails,
    actor: User | None,
    ctx: Acting | None = None,
    allow_duplicate: bool = False,
    first_contact: FirstContact | None = None,
) -> Patient:
    """Create a record. Raises DuplicatePatient, naming only records the creator may see,
    unless `allow_duplicate` (the person confirmed it is someone else). `first_contact`:
    what the person told the clinic in their request (insurer, best times, concerns)."""
    matches = patient_find_duplicates(details=details)
    if actor is None:
        visible, hidden = matches, []
    else:
        in_scope = set(
            access.patients_visible_to(actor)
            .filter(pk__in=[m.pk for m in matches])
            .values_list("pk", flat=True)
        )
        visible = [m for m in matches if m.pk in in_scope]
        hidden = [m for m in matches if m.pk not in in_scope]
    if visible and not allow_duplicate:
        raise DuplicatePatient(visible)
    patient = Patient(created_by=actor)
    _apply(patient, details)
    carried = first_contact.apply(patient) if first_contact else []
    patient.full_clean(exclude=["email_bidx", "phone_bidx"])
    patient.save()
    search_tokens_refresh(patient)
    audit_record(
        action=Action.PATIENT_CREATED,
        actor=actor,
        ctx=ctx,
        obj=patient,
        patient_code=patient.code,
        # names of the fields carried from the request, never their values
        details={"duplicate_confirmed": allow_duplicate and bool(visible), "carried": carried},
    )
    if hidden:
        # Records the creator may not see are never mentioned to them (that would tell them
        # the person is a patient elsewhere); the case goes to the audit trail, where the
        # owner, who sees every location, can merge or leave the records.
        audit_record(
            action=Action.PATIENT_DUPLICATE_SUSPECTED,
            actor=actor,
            ctx=ctx,
            obj=patient,
            patient_code=patient.code,
            details={"needs_review": True, "matches": [str(m.code) for m in hidden]},
        )
    return patient


@transaction.atomic
def patient_update(
    *,
    patient: Patient,
    details: PatientDetails,
    actor: User,
    ctx: Acting | None = None,
) -> Patient:
    before = {
        f: getattr(patient, f)
        for f in ("first_name", "last_name", "date_of_birth", "phone", "email")
    }
    before_location = patient.home_location_id
    if details.home_location.pk != before_location:
        # Only someone who holds the record by ordinary scope moves it, and only to one of
        # their own locations: emergency access can never widen its own scope.
        own = set(actor.locations.filter(is_active=True).values_list("pk", flat=True))
        if before_location not in own or details.home_location.pk not in own:
            raise ScopeChangeRefused("the home location can be changed only by its own staff")
    _apply(patient, details)
    changed = sorted(f for f, value in before.items() if getattr(patient, f) != value)
    if patient.home_location_id != before_location:
        changed.append("home_location")
    patient.full_clean(exclude=["email_bidx", "phone_bidx"])
    patient.save()
    search_tokens_refresh(patient)
    audit_record(
        action=Action.PATIENT_UPDATED,
        actor=actor,
        ctx=ctx,
        obj=patient,
        patient_code=patient.code,
        details={"fields": changed},  # names of fields only, never values
    )
    return patient


@transaction.atomic
def break_glass_open(
    *, actor: User, patient: Patient, reason: str, ctx: Acting | None = None
) -> BreakGlassGrant:
    """Open time-boxed access to a record outside the person's scope, flagged for review."""
    now = clock.now()
    grant = BreakGlassGrant(
        user=actor,
        patient=patient,
        reason=reason,
        created_at=now,
        expires_at=now + dt.timedelta(seconds=settings.CLINIC_BREAK_GLASS_SECONDS),
    )
    grant.full_clean()
    grant.save()
    audit_record(
        action=Action.BREAK_GLASS,
        actor=actor,
        ctx=ctx,
        obj=grant,
        patient_code=patient.code,
        details={"expires_at": grant.expires_at.isoformat(), "needs_review": True},
    )
    return grant


@transaction.atomic
def break_glass_review(*, grant: BreakGlassGrant, actor: User, ctx: Acting | None = None) -> None:
    grant.reviewed_at = clock.now()
    grant.reviewed_by = actor
    grant.save(update_fields=["reviewed_at", "reviewed_by"])
    audit_record(
        action=Action.BREAK_GLASS_REVIEWED,
        actor=actor,
        ctx=ctx,
        obj=grant,
        patient_code=grant.patient.code,
    )
