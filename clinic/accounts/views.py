"""Sign-in and the home pages each role lands on."""

from __future__ import annotations

from allauth.account.views import LoginView
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpResponse
from django.shortcuts import redirect, render

from clinic.accounts import selectors
from clinic.accounts.adapter import THROTTLED
from clinic.accounts.decorators import requires
from clinic.accounts.policy import Perm, tiles_for
from clinic.accounts.types import AuthenticatedRequest


class SigninView(LoginView):
    """allauth's sign-in, answering 429 while the throttle holds."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, code=THROTTLED):
            response.status_code = 429
        return response


signin = login_not_required(SigninView.as_view())


def home(request: AuthenticatedRequest) -> HttpResponse:
    """Send each person to the page for their role."""
    user = request.user
    if user.can(Perm.STAFF_HOME):
        return redirect("accounts:staff_home")
    if user.can(Perm.PATIENT_HOME):
        return redirect("accounts:patient_home")
    return render(request, "accounts/no_role.html", status=403)


@requires(Perm.STAFF_HOME)
def staff_home(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    context = {
        "tiles": tiles_for(user.roles),
        "role_labels": sorted(role.label for role in user.roles),
        "locations": selectors.locations_for_user(user=user),
    }
    return render(request, "accounts/staff_home.html", context)


@requires(Perm.PATIENT_HOME)
def patient_home(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "accounts/patient_home.html")
