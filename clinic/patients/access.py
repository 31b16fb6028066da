"""The only way to reach a patient record. Anything outside the person's scope answers 404,
says nothing of the record, and leaves an access-denied event in the audit trail.

Scope: clinical and front-desk staff see patients whose home location is one of theirs, plus
any patient they hold an unexpired break-glass grant for. A patient sees their own record.
"""

from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet
from django.http import Http404

from clinic.accounts.models import User
from clinic.accounts.policy import Perm
from clinic.audit.models import Action
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.context import Acting
from clinic.patients.models import Patient


def patients_visible_to(user: User, *, write: bool = False) -> QuerySet[Patient]:
    """Every patient record the person may read (or, with `write`, change)."""
    staff_perm = Perm.PATIENT_EDIT if write else Perm.PATIENT_VIEW
    if user.can(staff_perm):
        in_scope = Q(home_location__in=user.locations.filter(is_active=True)) | Q(
            break_glass__user=user, break_glass__expires_at__gt=clock.now()
        )
        return Patient.objects.filter(in_scope).distinct()
    if not write and user.can(Perm.OWN_RECORD_VIEW):
        return Patient.objects.filter(user=user)
    return Patient.objects.none()


def get_patient_for_user(
    user: User, code: uuid.UUID, *, write: bool = False, ctx: Acting | None = None
) -> Patient:
    """The patient with this code if the person may reach it; otherwise 404."""
    patient = (
        patients_visible_to(user, write=write).select_related("home_location").filter(code=code)
    ).first()
    if patient is None:
        audit_record(
            action=Action.ACCESS_DENIED,
            actor=user,
            ctx=ctx,
            details={"requested": "patient", "code": str(code), "write": write},
        )
        raise Http404("No such patient.")
    return patient


def patient_exists(code: uuid.UUID) -> Patient | None:
    """For break-glass only: the record, whoever's scope it is in."""
    return Patient.objects.select_related("home_location").filter(code=code).first()


def get_own_record(user: User) -> Patient | None:
    """A patient's own record (None for a patient account not yet linked to one)."""
    if not user.can(Perm.OWN_RECORD_VIEW):
        return None
    return Patient.objects.select_related("home_location").filter(user=user).first()
