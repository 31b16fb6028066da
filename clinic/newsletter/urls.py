from __future__ import annotations

from django.urls import path

from clinic.newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("newsletter/subscribers/", views.subscribers, name="subscribers"),
    path("newsletter/subscribers.csv", views.subscribers_export, name="subscribers_export"),
]
