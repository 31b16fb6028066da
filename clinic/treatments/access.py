"""The only ways to a treatment session or plan: through the patient record the person may
reach (patients.access: their locations, or emergency access), and only for clinicians.
Anything else is 404, the same as a code that does not exist."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import Http404

from clinic.accounts.models import User
from clinic.accounts.policy import Perm
from clinic.core.context import Acting
from clinic.locations.models import Location
from clinic.patients import access as patient_access
from clinic.treatments.models import TreatmentPlan, TreatmentSession


def session_for_user(
    user: User, code: uuid.UUID, *, write: bool = False, ctx: Acting | None = None
) -> TreatmentSession:
    if not user.can(Perm.CLINICAL_VIEW):
        raise Http404("No such session.")
    session = (
        TreatmentSession.objects.select_related("plan", "patient", "location", "booking")
        .filter(code=code)
        .first()
    )
    if session is None:
        raise Http404("No such session.")
    patient_access.get_patient_for_user(user, session.patient.code, write=write, ctx=ctx)
    return session


def plan_for_user(
    user: User, code: uuid.UUID, *, write: bool = False, ctx: Acting | None = None
) -> TreatmentPlan:
    if not user.can(Perm.CLINICAL_VIEW):
        raise Http404("No such plan.")
    plan = TreatmentPlan.objects.select_related("patient").filter(code=code).first()
    if plan is None:
        raise Http404("No such plan.")
    patient_access.get_patient_for_user(user, plan.patient.code, write=write, ctx=ctx)
    return plan


def session_locations(user: User) -> QuerySet[Location]:
    """The locations whose sessions the person sees on the running-sessions page."""
    if not user.can(Perm.SESSION_CHART):
        return Location.objects.none()
    return user.locations.filter(is_active=True).order_by("name")
