from __future__ import annotations

from django.urls import path

from clinic.patients import views

app_name = "patients"

urlpatterns = [
    path("patients/", views.patient_list, name="patient_list"),
    path("patients/new/", views.patient_create, name="patient_create"),
    path("patients/<uuid:code>/", views.patient_detail, name="patient_detail"),
    path("patients/<uuid:code>/edit/", views.patient_edit, name="patient_edit"),
    path("patients/<uuid:code>/emergency-access/", views.break_glass, name="break_glass"),
    path("my/record/", views.my_record, name="my_record"),
]
