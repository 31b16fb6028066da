"""Sign-in and second-factor throttles.

Every attempt is counted before it is judged (one atomic counter update, see
clinic.core.ratelimit), so parallel attempts cannot all slip under a limit; an attempt that
succeeds gives its count back. Counted: password attempts per account and per client address,
and second-factor attempts (codes, recovery codes, security keys) per account and per pending
sign-in. A pending sign-in that fails its second factor too often is ended, and the password
must be typed again. The answer is the same whether or not an account exists.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.conf import settings

from clinic.core import ratelimit
from clinic.core.crypto import normalise


def _account_key(email: str) -> str:
    return ratelimit.key_for("signin-acct", normalise(email))


def _ip_key(ip: str) -> str:
    return ratelimit.key_for("signin-ip", ip)


def signin_attempt(*, email: str, ip: str) -> int:
    """Count a password attempt; seconds to wait if it is over a limit (then it is not
    judged), else 0."""
    length = settings.CLINIC_SIGNIN_LOCKOUT_SECONDS
    waits = [0]
    for key, limit in (
        (_account_key(email), settings.CLINIC_SIGNIN_MAX_FAILURES_PER_ACCOUNT),
        (_ip_key(ip), settings.CLINIC_SIGNIN_MAX_FAILURES_PER_IP),
    ):
        uses, ends = ratelimit.count(key, window=length)
        if uses > limit:
            waits.append(ratelimit.wait_seconds(ends))
    return max(waits)


def signin_succeeded(*, email: str, ip: str) -> None:
    """A completed sign-in clears the account's count and gives back the address's use."""
    ratelimit.clear(_account_key(email))
    ratelimit.release(_ip_key(ip))


@dataclass(frozen=True)
class MfaVerdict:
    """What the throttle says of one second-factor attempt."""

    wait: int  # seconds the account is locked for; 0 when the attempt may be judged
    last_try: bool  # this is the pending sign-in's last allowed attempt
    exhausted: bool  # the pending sign-in has no attempts left (it must be ended)


def _mfa_account_key(user_code: str) -> str:
    return ratelimit.key_for("mfa-acct", user_code)


def _mfa_pending_key(pending: str) -> str:
    return ratelimit.key_for("mfa-pending", pending)


def mfa_attempt(*, user_code: str, pending: str) -> MfaVerdict:
    """Count one second-factor attempt for the account and for the pending sign-in."""
    length = settings.CLINIC_SIGNIN_LOCKOUT_SECONDS
    per_signin = settings.CLINIC_MFA_MAX_FAILURES_PER_SIGNIN
    account_uses, account_ends = ratelimit.count(_mfa_account_key(user_code), window=length)
    pending_uses, _ = ratelimit.count(_mfa_pending_key(pending), window=length)
    wait = 0
    if account_uses > settings.CLINIC_MFA_MAX_FAILURES_PER_ACCOUNT:
        wait = ratelimit.wait_seconds(account_ends)
    return MfaVerdict(
        wait=wait, last_try=pending_uses == per_signin, exhausted=pending_uses > per_signin
    )


def mfa_succeeded(*, user_code: str, pending: str) -> None:
    ratelimit.clear(_mfa_account_key(user_code))
    ratelimit.clear(_mfa_pending_key(pending))


def message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many failed sign-in attempts. Please try again in {minutes} {unit}."
