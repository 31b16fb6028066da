"""The chart: patient records and the requests inbox, for staff."""

from __future__ import annotations

from django.urls import path

from clinic.chart import enquiry_views, patient_views

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
    path("requests/", enquiry_views.enquiry_inbox, name="enquiry_inbox"),
    path("requests/<uuid:code>/", enquiry_views.enquiry_detail, name="enquiry_detail"),
    path("requests/<uuid:code>/assign/", enquiry_views.enquiry_assign, name="enquiry_assign"),
    path("requests/<uuid:code>/call/", enquiry_views.enquiry_call, name="enquiry_call"),
    path("requests/<uuid:code>/close/", enquiry_views.enquiry_close, name="enquiry_close"),
    path("requests/<uuid:code>/convert/", enquiry_views.enquiry_convert, name="enquiry_convert"),
]
