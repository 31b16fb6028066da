"""The admin site, for clinic owners only: staff accounts, roles and locations.

Sign-in always goes through the clinic's own sign-in (throttled, with the second factor); the
admin's own login page only sends people there. Every admin URL carries Perm.MANAGE_CLINIC.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import update_wrapper
from typing import Any

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, URLResolver, reverse_lazy
from django.utils.decorators import method_decorator

from clinic.accounts.decorators import on_denied
from clinic.accounts.policy import Perm


class ClinicAdminSite(admin.AdminSite):
    site_header = "Clinic administration"
    site_title = "Clinic administration"
    index_title = "Staff, roles and locations"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_authenticated and user.can(Perm.MANAGE_CLINIC))

    def admin_view(self, view: Callable[..., Any], cacheable: bool = False) -> Any:
        inner = super().admin_view(view, cacheable)

        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not self.has_permission(request):
                on_denied(request, Perm.MANAGE_CLINIC)
                raise PermissionDenied
            response: HttpResponse = inner(request, *args, **kwargs)
            return response

        return update_wrapper(guarded, inner)

    def get_urls(self) -> list[URLPattern | URLResolver]:
        urls = super().get_urls()
        _declare(urls)
        return urls

    @method_decorator(login_not_required)
    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """The admin's login page only passes visitors on to the clinic's sign-in."""
        return redirect_to_login(request.GET.get("next") or "/admin/")

    def logout(self, request: HttpRequest, extra_context: Any = None) -> Any:
        return redirect("account_logout")


def _declare(patterns: list[URLPattern | URLResolver]) -> None:
    """Mark every admin view with its permission, and send anonymous visitors straight to the
    clinic's sign-in rather than through the admin's own login page."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            _declare(list(entry.url_patterns))
        elif getattr(entry.callback, "login_required", True) is not False:
            entry.callback.required_perm = Perm.MANAGE_CLINIC  # type: ignore[attr-defined]
            entry.callback.login_url = reverse_lazy("account_login")  # type: ignore[attr-defined]


admin_site = ClinicAdminSite(name="admin")
