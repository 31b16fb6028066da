"""The only way to reach a request from the public site. Staff see requests for their
locations and those with no preferred location; anything else answers 404."""

from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet
from django.http import Http404

from clinic.accounts.models import User
from clinic.accounts.policy import Perm
from clinic.audit.models import Action
from clinic.audit.services import audit_record
from clinic.core.context import Acting
from clinic.enquiries.models import ConsultationRequest


def requests_visible_to(user: User) -> QuerySet[ConsultationRequest]:
    if not user.can(Perm.ENQUIRY_VIEW):
        return ConsultationRequest.objects.none()
    return ConsultationRequest.objects.filter(
        Q(preferred_location__isnull=True)
        | Q(preferred_location__in=user.locations.filter(is_active=True))
    )


def get_request_for_user(
    user: User, code: uuid.UUID, *, write: bool = False, ctx: Acting | None = None
) -> ConsultationRequest:
    allowed = user.can(Perm.ENQUIRY_MANAGE) if write else True
    found = (
        requests_visible_to(user)
        .select_related("preferred_location", "assigned_to")
        .filter(code=code)
        .first()
        if allowed
        else None
    )
    if found is None:
        audit_record(
            action=Action.ACCESS_DENIED,
            actor=user,
            ctx=ctx,
            details={"requested": "consultation request", "code": str(code), "write": write},
        )
        raise Http404("No such request.")
    return found
