from __future__ import annotations

from django.urls import path

from clinic.accounts import views

app_name = "accounts"

urlpatterns = [
    path("home/", views.home, name="home"),
    path("staff/", views.staff_home, name="staff_home"),
    path("my/", views.patient_home, name="patient_home"),
]
