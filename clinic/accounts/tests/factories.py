from __future__ import annotations

from collections.abc import Iterable

from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value

from clinic.accounts import services
from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.core import clock
from clinic.locations.models import Location

PASSWORD = "correct-horse-battery-staple-9"

_counter = iter(range(1, 10**9))


def make_user(
    *roles: Role,
    mfa: bool = True,
    locations: Iterable[Location] = (),
    email: str | None = None,
    full_name: str = "Test Person",
) -> User:
    """A person made through the real service, with a TOTP secret when `mfa` is true (the
    secret is kept on the object as `totp_secret` so tests can compute codes)."""
    user = services.user_create(
        email=email or f"person{next(_counter)}@example.org",
        full_name=full_name,
        roles=roles,
        password=PASSWORD,
        locations=locations,
    )
    if mfa:
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        user.totp_secret = secret  # type: ignore[attr-defined]
    return user


def totp_code(user: User, *, offset: int = 0) -> str:
    counter = int(clock.now().timestamp()) // 30 + offset
    return format_hotp_value(hotp_value(user.totp_secret, counter))  # type: ignore[attr-defined]
