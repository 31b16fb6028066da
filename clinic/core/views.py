"""Error pages. Each is calm, says what happened and where to go, and leaks nothing."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def too_many_requests(request: HttpRequest, retry_after_seconds: int) -> HttpResponse:
    """The 429 page shown by every throttle, with Retry-After."""
    minutes = max(1, -(-retry_after_seconds // 60))
    response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(retry_after_seconds)
    return response
