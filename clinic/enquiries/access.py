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
from clinic.enquiries.models import Enquiry


def enquiries_visible_to(user: User) -> QuerySet[Enquiry]:
    if not user.can(Perm.ENQUIRY_VIEW):
        return Enquiry.objects.none()
    return Enquiry.objects.filter(
        Q(preferred_location__isnull=True)
        | Q(preferred_location__in=user.locations.filter(is_active=True))
    )


def get_enquiry_for_user(
    user: User, code: uuid.UUID, *, write: bool = False, ctx: Acting | None = None
) -> Enquiry:
    allowed = user.can(Perm.ENQUIRY_MANAGE) if write else True
    enquiry = (
        enquiries_visible_to(user)
        .select_related("preferred_location", "assigned_to")
        .filter(code=code)
        .first()
        if allowed
        else None
    )
    if enquiry is None:
        audit_record(
            action=Action.ACCESS_DENIED,
            actor=user,
            ctx=ctx,
            details={"requested": "consultation request", "code": str(code), "write": write},
        )
        raise Http404("No such request.")
    return enquiry
