"""`requires(Perm.X)`: the guard every staff and patient view wears."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from clinic.accounts.policy import Perm, who_may
from clinic.audit.models import Action
from clinic.audit.services import audit_record
from clinic.core.context import acting

View = Callable[..., HttpResponse]


def requires(perm: Perm, *, not_found: bool = False) -> Callable[[View], View]:
    """Let the view run only for an active user whose roles hold `perm`; others get 403, or
    404 with `not_found` (views of one object: a refusal must not confirm it exists)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.can(perm):
                on_denied(request, perm)
                if not_found:
                    raise Http404("Not found.")
                raise PermissionDenied(f"This page needs the role of {who_may(perm)}.")
            return view(request, *args, **kwargs)

        guarded.required_perm = perm  # type: ignore[attr-defined]
        guarded.denial_status = 404 if not_found else 403  # type: ignore[attr-defined]
        return guarded

    return decorator


def on_denied(request: HttpRequest, perm: Perm) -> None:
    """Record a refused request in the audit trail."""
    audit_record(
        action=Action.ACCESS_DENIED,
        ctx=acting(request),
        details={"permission": str(perm), "path": request.path[:200]},
    )
