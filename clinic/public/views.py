"""The public front door (grows with the public-site issue)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from clinic.locations.models import Location


@login_not_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    locations = Location.objects.filter(is_active=True).order_by("name")
    return render(request, "public/home.html", {"locations": locations})


@login_not_required
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness and database check for the load balancer; says nothing else."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
