"""Writes about people: creating staff, changing roles and places of work, resetting factors.
Each writes its audit event (who did it comes from `ctx`; none for a script with no person)."""

from __future__ import annotations

from collections.abc import Iterable

from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.db import transaction

from clinic.accounts.audit_actions import AccountAction
from clinic.accounts.models import User, UserRole
from clinic.accounts.policy import Role
from clinic.accounts.session_store import SessionStore
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.context import Acting
from clinic.locations.models import Location


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    roles: Iterable[Role],
    password: str | None,
    title: str = "",
    locations: Iterable[Location] = (),
    ctx: Acting | None = None,
) -> User:
    """Create a person with their roles. Without a password the account cannot sign in until
    a password reset sets one."""
    user = User(email=email.strip().lower(), full_name=full_name, title=title)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user_set_roles(user=user, roles=roles, ctx=ctx)
    user.locations.set(list(locations))
    audit_record(action=AccountAction.ACCOUNT_CREATED, ctx=ctx, obj=user)
    return user


@transaction.atomic
def user_set_roles(*, user: User, roles: Iterable[Role], ctx: Acting | None = None) -> None:
    wanted = {Role(r) for r in roles}
    if Role.PATIENT in wanted and len(wanted) > 1:
        raise ValueError("A patient account cannot also hold a staff role.")
    UserRole.objects.filter(user=user).exclude(role__in=wanted).delete()
    held = set(UserRole.objects.filter(user=user).values_list("role", flat=True))
    UserRole.objects.bulk_create([UserRole(user=user, role=r) for r in wanted - held])
    user.__dict__.pop("roles", None)
    if wanted != held:
        audit_record(
            action=AccountAction.ROLES_CHANGED,
            ctx=ctx,
            obj=user,
            details={"roles": sorted(r.value for r in wanted)},
        )


@transaction.atomic
def user_reset_second_factor(*, user: User, ctx: Acting | None = None) -> int:
    """Remove every authenticator of a person (lost phone); they must enrol again at next
    sign-in. Their open sessions end. Returns how many authenticators were removed."""
    removed: int = Authenticator.objects.filter(user=user).delete()[0]
    audit_record(
        action=AccountAction.SECOND_FACTOR_RESET, ctx=ctx, obj=user, details={"removed": removed}
    )
    user_end_sessions(user=user, ctx=ctx)
    return removed


@transaction.atomic
def user_end_sessions(*, user: User, ctx: Acting | None = None) -> int:
    """End every open session of a person (deactivation, lost factor)."""
    ended = 0
    store = SessionStore()
    for session in Session.objects.filter(expire_date__gt=clock.now()).iterator():
        if store.decode(session.session_data).get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    audit_record(action=AccountAction.SESSIONS_ENDED, ctx=ctx, obj=user, details={"ended": ended})
    return ended
