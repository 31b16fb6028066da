"""Session lifetime and second-factor enrolment, enforced on every request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from clinic.accounts.adapter import SESSION_AUTH_AT
from clinic.accounts.policy import MFA_ENROLMENT_URL_NAMES
from clinic.audit.models import Action
from clinic.audit.services import audit_record
from clinic.core import clock
from clinic.core.context import acting


class SessionLifetimeMiddleware:
    """Ends a session older than CLINIC_SESSION_MAX_AGE whatever its activity. (Idle sign-out
    is the session's own expiry, renewed on each request.) No request parameter skips this."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = clock.now().timestamp()
            started = request.session.get(SESSION_AUTH_AT)
            if started is None:
                request.session[SESSION_AUTH_AT] = now
            elif now - float(started) > settings.CLINIC_SESSION_MAX_AGE:
                audit_record(
                    action=Action.SIGN_OUT, ctx=acting(request), details={"reason": "time limit"}
                )
                logout(request)
                messages.info(request, "Your session reached its time limit. Please sign in again.")
        return self.get_response(request)


class MfaEnrolmentMiddleware:
    """A staff member without a second factor can do nothing but enrol one (or sign out)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or not user.is_staff_member:
            return None
        if not getattr(view_func, "login_required", True):
            return None  # public pages stay public
        match = request.resolver_match
        if match is not None and match.view_name in MFA_ENROLMENT_URL_NAMES:
            return None
        if is_mfa_enabled(user, types=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]):
            return None
        messages.warning(
            request,
            "Staff accounts need a second factor. Set up an authenticator app to continue.",
        )
        return redirect("mfa_activate_totp")
