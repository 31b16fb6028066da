"""The clinic's rules for django-allauth: no public sign-up, throttled sign-in, session stamps."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse

from clinic.accounts import throttle
from clinic.core import clock
from clinic.core.http import client_ip

SESSION_AUTH_AT = "clinic_auth_at"
FRESH_SIGN_IN_SECONDS = 5 * 60
THROTTLED = "throttled"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Staff accounts are made by the clinic's owner; patients are invited by the clinic.
        return False

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        wait = throttle.retry_after(email=credentials.get("email", ""), ip=client_ip(request))
        if wait:
            raise ValidationError(throttle.message(wait), code=THROTTLED)

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        throttle.record_failure(email=credentials.get("email", ""), ip=client_ip(request))

    def login(self, request: HttpRequest, user: Any) -> None:
        super().login(request, user)
        request.session[SESSION_AUTH_AT] = clock.now().timestamp()
        throttle.clear_account(email=user.email)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        return reverse("accounts:home")

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        # A person enrolling a first factor right after signing in has just typed the
        # password; asking for it again on the way to enrolment only gets in the way.
        request = context.request
        if request is not None and _enrolling_just_after_sign_in(request):
            return False
        return bool(super().is_reauthentication_required(app=app, **kwargs))


def _enrolling_just_after_sign_in(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated or is_mfa_enabled(user):
        return False
    signed_in_at = request.session.get(SESSION_AUTH_AT)
    return (
        signed_in_at is not None
        and clock.now().timestamp() - float(signed_in_at) < FRESH_SIGN_IN_SECONDS
    )


class MfaAdapter(DefaultMFAAdapter):
    def get_totp_issuer(self) -> str:
        return settings.CLINIC_NAME
