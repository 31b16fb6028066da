"""The django-allauth views the clinic uses, and no others.

Public sign-up, email management, sign-in codes and passkey sign-up are not offered: accounts
are made by the clinic. Each kept view is listed in clinic.accounts.policy as public or
self-service; a test fails when one is not.
"""

from __future__ import annotations

from allauth import urls as allauth_urls
from django.urls import URLPattern, URLResolver

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


def _kept(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    kept: list[URLPattern | URLResolver] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = _kept(list(pattern.url_patterns))
            if inner:
                kept.append(URLResolver(pattern.pattern, inner, pattern.default_kwargs))
        elif pattern.name in KEPT:
            kept.append(pattern)
    return kept


urlpatterns = _kept(list(allauth_urls.urlpatterns))
