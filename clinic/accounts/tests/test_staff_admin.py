"""Owners add and change staff in the administration pages."""

from __future__ import annotations

from django.conf import settings
from django.test import Client

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.audit.models import AuditEvent
from clinic.locations.models import Location


def test_an_owner_adds_a_nurse_with_a_location(owner: User, plano: Location) -> None:
    client = Client()
    client.force_login(owner)
    response = client.post(
        f"/{settings.ADMIN_URL}accounts/user/add/",
        {
            "email": "Nora.Nurse@Example.org",
            "full_name": "Nora Nurse",
            "title": "RN",
            "roles": [Role.NURSE.value],
            "locations": [plano.pk],
            "password1": "a long enough passphrase 7",
            "password2": "a long enough passphrase 7",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    nurse = User.objects.get(email="nora.nurse@example.org")
    assert list(nurse.locations.all()) == [plano]
    assert nurse.roles == {Role.NURSE}
    assert AuditEvent.objects.filter(action="account_created", object_code=str(nurse.code)).exists()
