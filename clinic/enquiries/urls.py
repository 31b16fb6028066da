from __future__ import annotations

from django.urls import path

from clinic.enquiries import views

app_name = "enquiries"

urlpatterns = [
    path("requests/", views.inbox, name="inbox"),
    path("requests/<uuid:code>/", views.request_detail, name="request_detail"),
    path("requests/<uuid:code>/assign/", views.request_assign, name="request_assign"),
    path("requests/<uuid:code>/call/", views.request_call, name="request_call"),
    path("requests/<uuid:code>/close/", views.request_close, name="request_close"),
    path("requests/<uuid:code>/convert/", views.request_convert, name="request_convert"),
]
