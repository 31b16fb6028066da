"""The clinic's rules for django-allauth: no public sign-up, throttled sign-in, session stamps."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse

from clinic.accounts import mfa, throttle
from clinic.audit.models import Action
from clinic.audit.services import audit_record
from clinic.core import clock, crypto, keys, outbox, ratelimit
from clinic.core.context import acting
from clinic.core.crypto import blind_index, normalise
from clinic.core.http import client_ip

SESSION_AUTH_AT = "clinic_auth_at"
FRESH_SIGN_IN_SECONDS = 5 * 60
THROTTLED = "throttled"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Staff accounts are made by the clinic's owner; patients are invited by the clinic.
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        # The trusted client address (behind the TLS proxy, not the proxy's own), so that
        # nothing in allauth keys on REMOTE_ADDR.
        return client_ip(request)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        # Counted before the password is checked: parallel attempts each take a number.
        wait = throttle.signin_attempt(email=credentials.get("email", ""), ip=client_ip(request))
        if wait:
            raise ValidationError(throttle.message(wait), code=THROTTLED)

    def authenticate(self, request: HttpRequest, **credentials: Any) -> Any:
        user = super().authenticate(request, **credentials)
        if user is not None and not request.user.is_authenticated:
            mfa.start_pending_signin(request)
        return user

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        email = credentials.get("email", "")
        audit_record(
            action=Action.SIGN_IN_FAILED,
            ctx=acting(request),
            details={"account": account_digest(email)},
        )

    def login(self, request: HttpRequest, user: Any) -> None:
        super().login(request, user)
        request.session[SESSION_AUTH_AT] = clock.now().timestamp()
        throttle.signin_succeeded(email=user.email, ip=client_ip(request))
        audit_record(action=Action.SIGN_IN, actor=user, ctx=acting(request))

    def logout(self, request: HttpRequest) -> None:
        if request.user.is_authenticated:
            audit_record(action=Action.SIGN_OUT, ctx=acting(request))
        super().logout(request)

    def send_password_reset_mail(self, user: Any, email: str, context: dict[str, Any]) -> None:
        # At most a few reset emails an hour to one address, whoever asks: the page answers
        # the same either way, so a flood cannot fill a person's inbox.
        key = ratelimit.key_for("password-reset-email", normalise(email))
        if ratelimit.hit(key, limit=settings.CLINIC_PASSWORD_RESET_EMAILS_PER_HOUR, window=3600):
            return
        super().send_password_reset_mail(user, email, context)

    def send_mail(self, template_prefix: str, email: str, ctx: dict[str, Any]) -> None:
        """allauth's emails (password reset) go through the outbox like every other message:
        kept encrypted, retried across a mail outage, shown to staff if they finally fail."""
        request = context.request
        full = {"request": request, "email": email, "current_site": get_current_site(request)}
        message = self.render_mail(template_prefix, email, {**full, **ctx})
        outbox.email_message(message, template=template_prefix.rsplit("/", 1)[-1])

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


def account_digest(email: str) -> str:
    """A keyed fingerprint of a sign-in name: lets failed attempts on one account be
    correlated without writing the address into the audit trail."""
    return blind_index(normalise(email), key=keys.blind_index_key(), purpose="signin")[:16]


TOTP_AAD = "mfa.authenticator.totp-secret"


class MfaAdapter(DefaultMFAAdapter):
    def get_totp_issuer(self) -> str:
        return settings.CLINIC_NAME

    # Authenticator secrets are kept encrypted with the clinic's keyring, like patient data.
    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text, keyring=keys.keyring(), aad=TOTP_AAD)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text, keyring=keys.keyring(), aad=TOTP_AAD)
