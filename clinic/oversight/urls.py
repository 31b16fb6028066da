from __future__ import annotations

from django.urls import path

from clinic.oversight import views

app_name = "oversight"

urlpatterns = [
    path("audit/", views.event_list, name="event_list"),
    path("audit/emergency-access/", views.break_glass_reviews, name="break_glass_reviews"),
]
