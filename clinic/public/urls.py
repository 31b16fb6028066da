from __future__ import annotations

from django.urls import path

from clinic.public import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
]
