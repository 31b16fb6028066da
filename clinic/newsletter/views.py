"""Newsletter: the public double opt-in pages, and counts and export for staff."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from clinic.accounts.decorators import requires
from clinic.accounts.policy import Perm
from clinic.core.context import acting
from clinic.core.csvsafe import write_rows
from clinic.core.ratelimit import rate_limited
from clinic.newsletter import services
from clinic.newsletter.forms import SubscribeForm
from clinic.newsletter.models import Subscriber


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("newsletter", limit=10, window=3600)
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.subscriber_request(email=form.cleaned_data["email"])
        return render(request, "newsletter/check_email.html")
    status = 400 if request.method == "POST" else 200
    return render(request, "newsletter/subscribe.html", {"form": form}, status=status)


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    # A GET only shows a button: mail scanners that open links must not subscribe anyone.
    if request.method != "POST":
        return render(request, "newsletter/confirm.html", {"token": token})
    subscriber = services.subscriber_confirm(token=token)
    if subscriber is None:
        return render(request, "newsletter/link_expired.html", status=400)
    return render(request, "newsletter/confirmed.html")


@login_not_required
@csrf_exempt  # one-click unsubscribe (RFC 8058) is posted by mail programs; the token authorises it
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method != "POST":
        return render(request, "newsletter/unsubscribe.html", {"token": token})
    subscriber = services.subscriber_unsubscribe(token=token)
    if subscriber is None:
        return render(request, "newsletter/link_expired.html", status=400)
    return render(request, "newsletter/unsubscribed.html")


@requires(Perm.NEWSLETTER_MANAGE)
@require_safe
def subscribers(request: HttpRequest) -> HttpResponse:
    counts = dict(
        Subscriber.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    rows = [(label, counts.get(value, 0)) for value, label in Subscriber.Status.choices]
    return render(request, "newsletter/subscribers.html", {"rows": rows})


@requires(Perm.NEWSLETTER_MANAGE)
@require_safe
def subscribers_export(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="newsletter-subscribers.csv"'
    rows = services.subscriber_export_rows(actor=request.user, ctx=acting(request))
    write_rows(response, [["email", "confirmed_at", "consent_text"], *rows])
    return response
