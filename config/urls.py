"""The project's URL map. Every view declares who may use it: see clinic.accounts.policy."""

from __future__ import annotations

from django.conf import settings
from django.urls import include, path

from clinic.accounts.admin_site import admin_site
from clinic.accounts.views import signin

urlpatterns = [
    path("", include("clinic.public.urls")),
    # The clinic's own sign-in view (throttle answers 429) in front of allauth's others.
    path("accounts/login/", signin, name="account_login"),
    path("accounts/", include("clinic.accounts.allauth_urls")),
    path("", include("clinic.accounts.urls")),
    path("", include("clinic.patients.urls")),
    path("", include("clinic.chart.urls")),
    path("", include("clinic.newsletter.urls")),
    path("", include("clinic.content.urls")),
    path("", include("clinic.oversight.urls")),
    path(settings.ADMIN_URL, admin_site.urls),
]
