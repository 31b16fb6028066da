"""The chart: patient records and the requests inbox, for staff."""

from __future__ import annotations

from django.urls import path

from clinic.chart import patient_views, request_views

app_name = "chart"

urlpatterns = [
    path("patients/", patient_views.patient_list, name="patient_list"),
    path("patients/new/", patient_views.patient_create, name="patient_create"),
    path("patients/<uuid:code>/", patient_views.patient_detail, name="patient_detail"),
    path("patients/<uuid:code>/edit/", patient_views.patient_edit, name="patient_edit"),
    path(
        "patients/<uuid:code>/emergency-access/",
        patient_views.break_glass,
        name="break_glass",
    ),
    path("requests/", request_views.inbox, name="inbox"),
    path("requests/<uuid:code>/", request_views.request_detail, name="request_detail"),
    path("requests/<uuid:code>/assign/", request_views.request_assign, name="request_assign"),
    path("requests/<uuid:code>/call/", request_views.request_call, name="request_call"),
    path("requests/<uuid:code>/close/", request_views.request_close, name="request_close"),
    path("requests/<uuid:code>/convert/", request_views.request_convert, name="request_convert"),
]
