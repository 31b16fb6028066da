from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from clinic.accounts.models import User
from clinic.audit.models import Action, AuditEvent
from clinic.locations.models import Location
from clinic.patients.models import BreakGlassGrant
from clinic.patients.services import break_glass_open
from clinic.patients.tests.factories import make_patient

pytestmark = pytest.mark.django_db

URL = "/audit/emergency-access/"


@pytest.fixture
def grant(nurse: User, frisco: Location) -> BreakGlassGrant:
    patient = make_patient(frisco)
    return break_glass_open(actor=nurse, patient=patient, reason="Covering Frisco today, urgent.")


def test_owner_reviews_an_emergency_access(owner: User, grant: BreakGlassGrant) -> None:
    client = Client()
    client.force_login(owner)
    page = client.get(URL)
    assert b"Covering Frisco today" in page.content
    response = client.post(URL, {"grant": str(grant.code)})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.reviewed_by == owner
    assert AuditEvent.objects.filter(action=Action.BREAK_GLASS_REVIEWED).count() == 1
    assert b"Nothing waiting for review" in client.get(URL).content


@pytest.mark.parametrize("bad", ["", "not-a-uuid", "00000000-0000-4000-8000-000000000009"])
def test_a_bad_or_unknown_grant_is_a_404(owner: User, grant: BreakGlassGrant, bad: str) -> None:
    client = Client()
    client.force_login(owner)
    assert client.post(URL, {"grant": bad}).status_code == 404


def test_clinicians_cannot_review(nurse: User, grant: BreakGlassGrant) -> None:
    client = Client()
    client.force_login(nurse)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"grant": str(grant.code)}).status_code == 403
    assert reverse("oversight:break_glass_reviews") == URL
