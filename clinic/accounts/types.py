"""Request types for views that only signed-in people reach."""

from __future__ import annotations

from django.http import HttpRequest

from clinic.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: User
