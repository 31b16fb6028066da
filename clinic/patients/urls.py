from __future__ import annotations

from django.urls import path

from clinic.patients import views

app_name = "patients"

urlpatterns = [
    path("my/record/", views.my_record, name="my_record"),
]
