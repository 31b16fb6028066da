"""`requires(Perm.X)`: the guard every staff and patient view wears."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from clinic.accounts.policy import Perm

View = Callable[..., HttpResponse]


def requires(perm: Perm) -> Callable[[View], View]:
    """Let the view run only for an active user whose roles hold `perm`; others get 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.can(perm):
                on_denied(request, perm)
                raise PermissionDenied
            return view(request, *args, **kwargs)

        guarded.required_perm = perm  # type: ignore[attr-defined]
        return guarded

    return decorator


def on_denied(request: HttpRequest, perm: Perm) -> None:
    """Hook for recording a refused request (the audit trail plugs in here)."""
