from __future__ import annotations

from django.urls import path

from clinic.enquiries.models import Enquiry
from clinic.public import booking_views, content_views, intake_views, views
from clinic.public import newsletter_views as newsletter

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("brand.css", views.brand_css, name="brand_css"),
    path("locations/", views.location_list, name="location_list"),
    path("locations/<slug:slug>/", views.location_detail, name="location_detail"),
    path("contact/", views.contact, name="contact"),
    path("learn/", content_views.learn, name="learn"),
    path("learn/<slug:slug>/", content_views.article, name="article"),
    path("learn/<slug:slug>/comment/", content_views.comment, name="comment"),
    path("questions/", content_views.faq, name="faq"),
    path("conditions/<slug:slug>/", content_views.condition, name="condition"),
    path("treatments/<slug:slug>/", content_views.treatment, name="treatment"),
    path("pricing/", content_views.pricing, name="pricing"),
    path("sitemap.xml", content_views.sitemap, name="sitemap"),
    path("self-assessment/", views.assessment_index, name="assessment_index"),
    path("self-assessment/<slug:code>/", views.assessment_take, name="assessment_take"),
    path("consultation/", views.request_form, name="request_consultation"),
    path(
        "pricing/request/",
        views.request_form,
        {"kind": Enquiry.Kind.PRICING},
        name="request_pricing",
    ),
    path("consultation/thanks/", views.request_thanks, name="request_thanks"),
    # Booking online, and managing a booking from the emailed link.
    path("book/", booking_views.book_start, name="book_start"),
    path(
        "book/<slug:location_slug>/<slug:kind_slug>/", booking_views.book_slots, name="book_slots"
    ),
    path(
        "book/<slug:location_slug>/<slug:kind_slug>/details/",
        booking_views.book_details,
        name="book_details",
    ),
    path("appointments/<str:token>/", booking_views.manage, name="manage_booking"),
    path("intake/<str:token>/", intake_views.intake_home, name="intake"),
    path("intake/<str:token>/finish/", intake_views.intake_finish, name="intake_finish"),
    path(
        "intake/<str:token>/consent/<uuid:document>/",
        intake_views.intake_consent,
        name="intake_consent",
    ),
    path(
        "intake/<str:token>/<slug:section>/",
        intake_views.intake_section,
        name="intake_section",
    ),
    path(
        "appointments/<str:token>/reschedule/",
        booking_views.manage_reschedule,
        name="manage_reschedule",
    ),
    path("newsletter/", newsletter.subscribe, name="newsletter_subscribe"),
    path("newsletter/confirm/<str:token>/", newsletter.confirm, name="newsletter_confirm"),
    path(
        "newsletter/unsubscribe/<str:token>/",
        newsletter.unsubscribe,
        name="newsletter_unsubscribe",
    ),
]
