"""Owners add and change staff in the administration pages."""

from __future__ import annotations

import datetime as dt
import zoneinfo

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


def test_leave_is_entered_in_the_clinics_own_zone(
    owner: User, nurse: User, plano: Location
) -> None:
    """An owner types a nurse's leave as 08:00-18:00 local; it is stored as such (not as
    UTC), and the administration shows it back the same way."""
    from clinic.scheduling.models import StaffException

    client = Client()
    client.force_login(owner)
    url = f"/{settings.ADMIN_URL}scheduling/staffexception/add/"
    page = client.get(url).content.decode()
    assert 'data-admin-utc-offset="0"' not in page
    response = client.post(
        url,
        {
            "user": nurse.pk,
            "location": plano.pk,
            "kind": "leave",
            "starts_at_0": "2026-03-04",
            "starts_at_1": "08:00",
            "ends_at_0": "2026-03-04",
            "ends_at_1": "18:00",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    leave = StaffException.objects.get()
    chicago = zoneinfo.ZoneInfo("America/Chicago")
    assert leave.starts_at == dt.datetime(2026, 3, 4, 8, tzinfo=chicago)
    assert leave.ends_at == dt.datetime(2026, 3, 4, 18, tzinfo=chicago)


def test_an_owner_sees_the_day_but_not_the_chart(owner: User, plano: Location) -> None:
    client = Client()
    client.force_login(owner)
    assert client.get("/schedule/").status_code == 200
    assert client.get("/schedule/board/").status_code == 200
    refused = client.get("/patients/")
    assert refused.status_code == 403
    # The refusal says which role would open the page.
    assert "needs the role of" in refused.content.decode()
    assert "Nurse" in refused.content.decode()


def test_leave_at_a_location_in_another_zone_is_entered_in_that_zone(
    owner: User, nurse: User
) -> None:
    """A chain spans zones: leave at the Denver location typed as 08:00-18:00 means 08:00
    to 18:00 in Denver, and is shown back that way (list and form)."""
    from clinic.scheduling.models import StaffException

    denver = Location.objects.create(
        name="Denver",
        slug="denver-admin",
        address_line1="1 Main",
        city="Denver",
        postal_code="80202",
        time_zone="America/Denver",
    )
    nurse.locations.add(denver)
    owner.locations.add(denver)
    client = Client()
    client.force_login(owner)
    response = client.post(
        f"/{settings.ADMIN_URL}scheduling/staffexception/add/",
        {
            "user": nurse.pk,
            "location": denver.pk,
            "kind": "leave",
            "starts_at_0": "2026-03-04",
            "starts_at_1": "08:00",
            "ends_at_0": "2026-03-04",
            "ends_at_1": "18:00",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    leave = StaffException.objects.get()
    mountain = zoneinfo.ZoneInfo("America/Denver")
    assert leave.starts_at == dt.datetime(2026, 3, 4, 8, tzinfo=mountain)
    assert leave.ends_at == dt.datetime(2026, 3, 4, 18, tzinfo=mountain)
    listing = client.get(f"/{settings.ADMIN_URL}scheduling/staffexception/").content.decode()
    assert "Wed 4 Mar 2026, 8:00 am MST" in listing
    form = client.get(
        f"/{settings.ADMIN_URL}scheduling/staffexception/{leave.pk}/change/"
    ).content.decode()
    assert 'value="08:00:00"' in form or 'value="08:00"' in form
