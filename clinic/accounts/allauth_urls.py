"""The django-allauth views the clinic uses, and no others.

Public sign-up, email management, sign-in codes and passkey sign-up are not offered: accounts
are made by the clinic. Each kept view is listed in clinic.accounts.policy as public or
self-service; a test fails when one is not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth import urls as allauth_urls
from django.conf import settings
from django.urls import URLPattern, URLResolver

from clinic.accounts import mfa
from clinic.core.ratelimit import rate_limited

KEPT = frozenset(
    {
        "account_logout",
        "account_inactive",
        "account_reauthenticate",
        "account_change_password",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key",
        "account_reset_password_from_key_done",
        "mfa_index",
        "mfa_authenticate",
        "mfa_reauthenticate",
        "mfa_activate_totp",
        "mfa_deactivate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_list_webauthn",
        "mfa_add_webauthn",
        "mfa_reauthenticate_webauthn",
        "mfa_remove_webauthn",
        "mfa_edit_webauthn",
    }
)

# Kept views the clinic answers with its own subclass (the throttled second factor).
REPLACED: dict[str, Callable[..., Any]] = {
    "mfa_authenticate": mfa.authenticate,
    "mfa_reauthenticate": mfa.reauthenticate,
    "mfa_reauthenticate_webauthn": mfa.reauthenticate_webauthn,
}

# Account forms that can be used to guess or to flood, each limited per client address (the
# trusted address behind the proxy). Sign-in and the second factor have their own throttle.
LIMITED = {
    "account_reset_password": "password-reset",
    "account_reset_password_from_key": "password-reset-key",
    "account_change_password": "password-change",
    "account_reauthenticate": "reauthenticate",
}


def _view(name: str, view: Callable[..., Any]) -> Callable[..., Any]:
    view = REPLACED.get(name, view)
    if name in LIMITED:
        per_hour = settings.CLINIC_ACCOUNT_FORMS_PER_HOUR
        view = rate_limited(LIMITED[name], limit=per_hour, window=3600)(view)
    return view


def _kept(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    kept: list[URLPattern | URLResolver] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = _kept(list(pattern.url_patterns))
            if inner:
                kept.append(URLResolver(pattern.pattern, inner, pattern.default_kwargs))
        elif pattern.name in KEPT:
            view = _view(pattern.name, pattern.callback)
            kept.append(URLPattern(pattern.pattern, view, pattern.default_args, pattern.name))
    return kept


urlpatterns = _kept(list(allauth_urls.urlpatterns))
