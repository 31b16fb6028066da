"""The newsletter's public pages: double opt-in, confirmation, one-click unsubscribe."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from clinic.core.ratelimit import rate_limited
from clinic.newsletter import services
from clinic.newsletter.forms import SubscribeForm


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("newsletter", limit=10, window=3600)
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.subscriber_request(email=form.cleaned_data["email"])
        return render(request, "public/newsletter/check_email.html")
    status = 400 if request.method == "POST" else 200
    return render(request, "public/newsletter/subscribe.html", {"form": form}, status=status)


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    # A GET only shows a button: mail scanners that open links must not subscribe anyone.
    if request.method != "POST":
        return render(request, "public/newsletter/confirm.html", {"token": token})
    subscriber = services.subscriber_confirm(token=token)
    if subscriber is None:
        return render(request, "public/newsletter/link_expired.html", status=400)
    return render(request, "public/newsletter/confirmed.html")


@login_not_required
@csrf_exempt  # one-click unsubscribe (RFC 8058) is posted by mail programs; the token authorises it
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method != "POST":
        return render(request, "public/newsletter/unsubscribe.html", {"token": token})
    subscriber = services.subscriber_unsubscribe(token=token)
    if subscriber is None:
        return render(request, "public/newsletter/link_expired.html", status=400)
    return render(request, "public/newsletter/unsubscribed.html")
