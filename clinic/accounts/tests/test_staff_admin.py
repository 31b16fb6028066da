"""Owners add and change staff in the administration pages."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.accounts.tests.factories import make_user
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


@pytest.mark.parametrize(
    ("full_name", "greeting"),
    [
        ("Dr. Amara Okafor", "Dr. Okafor"),
        ("Dr Amara Okafor", "Dr Okafor"),
        ("Amara Okafor", "Amara"),
        ("Drew Barrett", "Drew"),
        ("Dr.", "Dr."),
    ],
)
def test_staff_are_greeted_by_name_not_by_title(full_name: str, greeting: str) -> None:
    assert User(full_name=full_name, email="x@example.org").get_short_name() == greeting


def test_the_home_page_greets_a_doctor_properly(plano: Location) -> None:
    doctor = make_user(Role.PRESCRIBER, locations=[plano], full_name="Dr. Amara Okafor")
    client = Client()
    client.force_login(doctor)
    page = client.get("/staff/").content.decode()
    assert "Good to see you, Dr. Okafor" in page


def test_only_clinicians_are_offered_as_clinical_reviewers(
    owner: User, prescriber: User, nurse: User, front_desk: User, patient_user: User
) -> None:
    client = Client()
    client.force_login(owner)
    form = client.get(f"/{settings.ADMIN_URL}content/page/add/").context["adminform"].form
    reviewers = set(form.fields["reviewer"].queryset)
    authors = set(form.fields["author"].queryset)
    assert reviewers == {prescriber, nurse}
    assert authors == {owner, prescriber, nurse, front_desk}
    posted = client.post(
        f"/{settings.ADMIN_URL}content/page/add/",
        {
            "kind": "article",
            "title": "Ketamine and sleep",
            "slug": "ketamine-and-sleep",
            "summary": "s",
            "body": "b",
            "reviewer": front_desk.pk,
            "order": 0,
            "status": "draft",
        },
    )
    assert posted.status_code == 200
    assert "reviewer" in posted.context["adminform"].form.errors
