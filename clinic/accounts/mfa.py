"""The second factor, throttled: codes, recovery codes and security keys, at sign-in and at
re-authentication.

allauth's own second-factor limit rides on its `login_failed` limit, which the clinic replaces
with clinic.accounts.throttle; these forms put the clinic's throttle in front of every check
instead. Each attempt is counted before it is judged, every failure is written to the audit
trail, and a pending sign-in that fails too often is ended (the password must be typed again).
"""

from __future__ import annotations

import uuid
from typing import Any

from allauth.account.internal import stagekit
from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.base.views import AuthenticateView
from allauth.mfa.base.views import ReauthenticateView as MfaReauthenticateView
from allauth.mfa.webauthn.forms import AuthenticateWebAuthnForm, ReauthenticateWebAuthnForm
from allauth.mfa.webauthn.views import ReauthenticateWebAuthnView
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from clinic.accounts import throttle
from clinic.audit.models import Action
from clinic.audit.services import audit_record
from clinic.core.context import acting
from clinic.core.views import too_many_requests

PENDING_KEY = "clinic_mfa_pending"
THROTTLED = "mfa_throttled"
ENDED = "mfa_signin_ended"
ENDED_MESSAGE = "Too many incorrect codes. For your safety, please sign in again."


def start_pending_signin(request: HttpRequest) -> None:
    """A right password opens a pending sign-in with its own budget of second-factor tries."""
    request.session[PENDING_KEY] = uuid.uuid4().hex


def _pending_id(request: HttpRequest, *, reauthentication: bool) -> str:
    if reauthentication:
        return f"reauth:{request.session.session_key}"
    pending = request.session.get(PENDING_KEY)
    if not pending:
        pending = uuid.uuid4().hex
        request.session[PENDING_KEY] = pending
    return str(pending)


def _end(request: HttpRequest, *, reauthentication: bool) -> None:
    if reauthentication:
        logout(request)
    else:
        stagekit.clear_login(request)
        request.session.pop(PENDING_KEY, None)


class _Throttled:
    """Mixin: wraps the allauth check of one field in the clinic's throttle."""

    user: Any
    reauthentication = False
    kind = "code"

    def _throttled(self, check: Any) -> Any:
        request = context.request
        pending = _pending_id(request, reauthentication=self.reauthentication)
        verdict = throttle.mfa_attempt(user_code=str(self.user.code), pending=pending)
        if verdict.wait:
            self._record(request, outcome="refused: account locked")
            raise forms.ValidationError(
                throttle.message(verdict.wait), code=THROTTLED, params={"wait": verdict.wait}
            )
        if verdict.exhausted:
            self._record(request, outcome="refused: sign-in ended")
            _end(request, reauthentication=self.reauthentication)
            raise forms.ValidationError(ENDED_MESSAGE, code=ENDED)
        try:
            value = check()
        except forms.ValidationError:
            self._record(request, outcome="incorrect", ended=verdict.last_try)
            if verdict.last_try:
                _end(request, reauthentication=self.reauthentication)
                raise forms.ValidationError(ENDED_MESSAGE, code=ENDED) from None
            raise
        throttle.mfa_succeeded(user_code=str(self.user.code), pending=pending)
        if not self.reauthentication:
            request.session.pop(PENDING_KEY, None)
        return value

    def _record(self, request: HttpRequest, *, outcome: str, ended: bool = False) -> None:
        audit_record(
            action=Action.MFA_FAILED,
            actor=self.user,
            ctx=acting(request),
            details={
                "factor": self.kind,
                "step": "re-authentication" if self.reauthentication else "sign-in",
                "outcome": outcome,
                "ended": ended,
            },
        )


class ThrottledAuthenticateForm(_Throttled, AuthenticateForm):
    """Authenticator code or recovery code at sign-in."""

    def clean_code(self) -> str:
        return str(self._throttled(super().clean_code))


class ThrottledReauthenticateForm(_Throttled, ReauthenticateForm):
    reauthentication = True

    def clean_code(self) -> str:
        return str(self._throttled(super().clean_code))


class ThrottledAuthenticateWebAuthnForm(_Throttled, AuthenticateWebAuthnForm):
    """Security key at sign-in."""

    kind = "security key"

    def clean_credential(self) -> Any:
        return self._throttled(super().clean_credential)


class ThrottledReauthenticateWebAuthnForm(_Throttled, ReauthenticateWebAuthnForm):
    reauthentication = True
    kind = "security key"

    def clean_credential(self) -> Any:
        return self._throttled(super().clean_credential)


def _outcome(request: HttpRequest, form: forms.Form) -> HttpResponse | None:
    """The answer for a refused or ended attempt; None for an ordinary wrong code."""
    for field in form.errors.as_data().values():
        for error in field:
            if error.code == ENDED:
                messages.error(request, ENDED_MESSAGE)
                return redirect("account_login")
            if error.code == THROTTLED:
                return too_many_requests(request, int((error.params or {}).get("wait", 60)))
    return None


class ClinicAuthenticateView(AuthenticateView):
    """allauth's second-factor step at sign-in, with the clinic's answers for a locked
    account (429) and an ended sign-in (back to the password)."""

    def form_invalid(self, form: forms.Form) -> HttpResponse:
        return _outcome(self.request, form) or super().form_invalid(form)


class ClinicReauthenticateView(MfaReauthenticateView):
    def form_invalid(self, form: forms.Form) -> HttpResponse:
        return _outcome(self.request, form) or super().form_invalid(form)


class ClinicReauthenticateWebAuthnView(ReauthenticateWebAuthnView):
    def form_invalid(self, form: forms.Form) -> HttpResponse:
        return _outcome(self.request, form) or super().form_invalid(form)


authenticate = ClinicAuthenticateView.as_view()
reauthenticate = ClinicReauthenticateView.as_view()
reauthenticate_webauthn = ClinicReauthenticateWebAuthnView.as_view()
