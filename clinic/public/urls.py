from __future__ import annotations

from django.urls import path

from clinic.enquiries.models import ConsultationRequest
from clinic.newsletter import views as newsletter
from clinic.public import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("locations/", views.location_list, name="location_list"),
    path("locations/<slug:slug>/", views.location_detail, name="location_detail"),
    path("contact/", views.contact, name="contact"),
    path("self-assessment/", views.assessment_index, name="assessment_index"),
    path("self-assessment/<slug:code>/", views.assessment_take, name="assessment_take"),
    path("consultation/", views.request_form, name="request_consultation"),
    path(
        "pricing/request/",
        views.request_form,
        {"kind": ConsultationRequest.Kind.PRICING},
        name="request_pricing",
    ),
    path("consultation/thanks/", views.request_thanks, name="request_thanks"),
    path("newsletter/", newsletter.subscribe, name="newsletter_subscribe"),
    path("newsletter/confirm/<str:token>/", newsletter.confirm, name="newsletter_confirm"),
    path(
        "newsletter/unsubscribe/<str:token>/",
        newsletter.unsubscribe,
        name="newsletter_unsubscribe",
    ),
]
