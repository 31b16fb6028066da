"""Requests from the public site: sending, urgency, the inbox, and following up."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from clinic.accounts.models import User
from clinic.audit.models import AuditEvent
from clinic.enquiries.audit_actions import EnquiryAction
from clinic.enquiries.models import CallAttempt, Enquiry
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.patients.tests.factories import make_patient

pytestmark = pytest.mark.django_db

FORM: dict[str, object] = {
    "kind": "consultation",
    "name": "Casey Morgan",
    "phone": "(214) 555-0177",
    "email": "casey@example.org",
    "preferred_times": ["mon-morning", "wed-evening"],
    "payment": "insurance",
    "insurance_payer": "Blue Cross Blue Shield of Texas",
    "insurance_member_id": "XYZ123456789",
    "concerns": ["depression", "trd"],
    "message": "Evenings are best.",
    "consent": "on",
}
PHQ9_ITEM9 = "phq-9:2,2,2,1,1,1,1,1,2,1"  # total 13, item 9 = 2


def _send(data: Mapping[str, object], location: Location | None = None):
    payload = dict(data)
    if location is not None:
        payload["preferred_location"] = location.pk
    return Client().post("/consultation/", payload)


def test_a_request_is_stored_encrypted_and_confirmed(plano: Location, nurse: User) -> None:
    response = _send(FORM, plano)
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.name == "Casey Morgan"
    assert enquiry.insurance_member_id == "XYZ123456789"
    assert enquiry.preferred_time_codes == ["mon-morning", "wed-evening"]
    assert enquiry.urgent is False
    assert enquiry.consent_text.startswith("I agree")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, insurance_member_id FROM enquiries_enquiry")
        raw = cursor.fetchone()
    assert all(value.startswith("v1:") for value in raw)
    assert [m.to for m in mail.outbox] == [["casey@example.org"]]
    assert "Casey" not in mail.outbox[0].body
    assert AuditEvent.objects.filter(action=EnquiryAction.ENQUIRY_RECEIVED).count() == 1


def test_a_request_with_item9_above_zero_is_urgent_and_tells_clinicians(
    plano: Location, nurse: User, prescriber: User, front_desk: User
) -> None:
    response = _send(FORM | {"include_assessment": "on", "assessment": PHQ9_ITEM9}, plano)
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.urgent is True
    assert enquiry.assessment_data is not None
    assert enquiry.assessment_data["total"] == 13
    assert enquiry.assessment_data["safety_flag"] is True
    alerts = [m for m in mail.outbox if "Urgent request" in m.subject]
    assert len(alerts) == 1
    assert sorted(alerts[0].to) == sorted([nurse.email, prescriber.email])
    assert "Casey" not in alerts[0].body
    thanks = Client().get(response["Location"])
    assert thanks.status_code == 200


def test_the_result_is_sent_only_if_the_visitor_chooses(plano: Location) -> None:
    _send(FORM | {"assessment": PHQ9_ITEM9}, plano)  # box not ticked
    enquiry = Enquiry.objects.get()
    assert enquiry.assessment == ""
    assert enquiry.urgent is False


def test_a_crisis_statement_in_the_message_makes_it_urgent(plano: Location) -> None:
    _send(FORM | {"message": "Honestly I have been thinking about ending my life."}, plano)
    assert Enquiry.objects.get().urgent is True


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": ""}, "This field is required"),
        ({"phone": "", "email": ""}, "phone number or an email"),
        ({"consent": ""}, "Tick the box to agree that the clinic may contact you."),
        ({"payment": "insurance", "insurance_payer": ""}, "Which insurance company"),
        ({"insurance_member_id": "<script>"}, "member ID"),
        ({"website": "http://spam.example"}, "leave this field empty"),
        ({"include_assessment": "on", "assessment": "phq-9:9,9,9"}, "could not be read"),
        ({"include_assessment": "on", "assessment": "phq-9:1,1"}, "could not be read"),
    ],
)
def test_bad_requests_get_a_clear_message_and_nothing_is_stored(
    plano: Location, change: dict[str, str], message: str
) -> None:
    response = _send(FORM | change, plano)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Enquiry.objects.count() == 0


def test_the_public_request_form_is_rate_limited() -> None:
    client = Client()
    for _ in range(10):
        client.post("/consultation/", {"name": ""})
    response = client.post("/consultation/", {"name": ""})
    assert response.status_code == 429
    assert b"Please wait a moment" in response.content


def test_coming_from_a_result_prefills_the_form_with_the_result() -> None:
    response = Client().post("/consultation/", {"from_result": "1", "assessment": PHQ9_ITEM9})
    assert response.status_code == 200
    body = response.content.decode()
    assert "13 out of 27" in body
    assert "crisis-heading" in body
    assert Enquiry.objects.count() == 0


def test_inbox_puts_urgent_first_and_shows_waiting_time(plano: Location, front_desk: User) -> None:
    _send(FORM | {"name": "First Person"}, plano)
    _send(FORM | {"name": "Second Person", "message": "I want to die"}, plano)
    client = Client()
    client.force_login(front_desk)
    response = client.get("/requests/")
    body = response.content.decode()
    assert body.index("Second Person") < body.index("First Person")
    assert "Urgent" in body
    assert "waiting" in body
    assert AuditEvent.objects.filter(action=EnquiryAction.ENQUIRY_LISTED).count() == 1


def test_inbox_is_scoped_to_the_staff_members_locations(
    plano: Location, frisco: Location, front_desk: User
) -> None:
    _send(FORM | {"name": "Plano Person"}, plano)
    _send(FORM | {"name": "Frisco Person"}, frisco)
    _send(FORM | {"name": "Anywhere Person"})
    client = Client()
    client.force_login(front_desk)
    body = client.get("/requests/").content.decode()
    assert "Plano Person" in body
    assert "Anywhere Person" in body
    assert "Frisco Person" not in body
    far = Enquiry.objects.get(preferred_location=frisco)
    assert client.get(f"/requests/{far.code}/").status_code == 404


def test_follow_up_assign_call_and_close(plano: Location, front_desk: User) -> None:
    _send(FORM, plano)
    enquiry = Enquiry.objects.get()
    client = Client()
    client.force_login(front_desk)
    assert client.post(f"/requests/{enquiry.code}/assign/", {"assignee": "me"}).status_code == 302
    client.post(f"/requests/{enquiry.code}/call/", {"outcome": "voicemail", "note": "left msg"})
    enquiry.refresh_from_db()
    assert enquiry.assigned_to == front_desk
    assert enquiry.status == Enquiry.Status.IN_PROGRESS
    assert CallAttempt.objects.get().note == "left msg"
    assert client.post(f"/requests/{enquiry.code}/call/", {"outcome": "???"}).status_code == 400
    assert client.post(f"/requests/{enquiry.code}/assign/", {"assignee": "nope"}).status_code == 302
    assert (
        client.post(f"/requests/{enquiry.code}/close/", {"reason": "not_reached"}).status_code
        == 302
    )
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.CLOSED


def test_convert_to_a_patient_with_duplicate_detection(plano: Location, front_desk: User) -> None:
    make_patient(plano, first_name="Casey", last_name="Morgan", email="casey@example.org")
    _send(FORM, plano)
    enquiry = Enquiry.objects.get()
    client = Client()
    client.force_login(front_desk)
    data = {
        "first_name": "Casey",
        "last_name": "Morgan-Lee",
        "date_of_birth": "1990-02-03",
        "home_location": plano.pk,
    }
    response = client.post(f"/requests/{enquiry.code}/convert/", data)
    assert response.status_code == 400
    assert b"may already know this person" in response.content
    response = client.post(f"/requests/{enquiry.code}/convert/", data | {"not_a_duplicate": "on"})
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.CONVERTED
    assert enquiry.patient is not None
    assert Patient.objects.get(pk=enquiry.patient.pk).email == "casey@example.org"


def test_owner_and_patient_cannot_open_the_inbox(owner: User, patient_user: User) -> None:
    for user in (owner, patient_user):
        client = Client()
        client.force_login(user)
        assert client.get("/requests/").status_code == 403


def test_a_request_can_only_be_assigned_to_a_colleague_from_the_list(
    plano: Location, frisco: Location, front_desk: User, nurse: User, patient_user: User
) -> None:
    from clinic.accounts.policy import Role
    from clinic.accounts.tests.factories import make_user

    elsewhere = make_user(Role.NURSE, locations=[frisco])
    _send(FORM, plano)
    enquiry = Enquiry.objects.get()
    client = Client()
    client.force_login(front_desk)
    for outsider in (patient_user, elsewhere):
        client.post(f"/requests/{enquiry.code}/assign/", {"assignee": str(outsider.code)})
        enquiry.refresh_from_db()
        assert enquiry.assigned_to is None
    client.post(f"/requests/{enquiry.code}/assign/", {"assignee": str(nurse.code)})
    enquiry.refresh_from_db()
    assert enquiry.assigned_to == nurse


def test_a_refused_form_says_so_at_the_top_and_links_to_each_field(plano: Location) -> None:
    """Only the consent box missing: the page says "Error:" in its title and opens with a
    summary that links to the field (and receives focus, see the browser test)."""
    without_consent = {k: v for k, v in FORM.items() if k != "consent"}
    response = _send(without_consent, plano)
    assert response.status_code == 400
    page = response.content.decode()
    assert "<title>Error: " in page
    summary = page.split('id="form-errors"', 1)[1].split("</div>", 1)[0]
    assert 'href="#id_consent"' in summary
    assert page.index('id="form-errors"') < page.index('name="consent"')


def test_the_contact_fields_bring_up_the_right_phone_keyboard_and_autofill(db: None) -> None:
    page = Client().get("/consultation/").content.decode()
    phone = re.search(r'<input[^>]*name="phone"[^>]*>', page)
    assert phone is not None
    for attribute in ('type="tel"', 'inputmode="tel"', 'autocomplete="tel"'):
        assert attribute in phone.group(0)
    assert 'autocomplete="name"' in page
    assert 'autocomplete="email"' in page
    assert 'inputmode="email"' in page


def test_the_record_keeps_what_the_person_told_the_clinic(
    plano: Location, front_desk: User
) -> None:
    """Issue 11, point 4: the new record carries the insurer, member id, best times and
    concerns; it shows its request with the self-assessment and the call log; the form
    proposes the name the person typed."""
    _send(FORM | {"include_assessment": "on", "assessment": PHQ9_ITEM9}, plano)
    enquiry = Enquiry.objects.get()
    client = Client()
    client.force_login(front_desk)
    client.post(f"/requests/{enquiry.code}/call/", {"outcome": "voicemail", "note": "Left VM-77"})
    page = client.get(f"/requests/{enquiry.code}/").content.decode()
    assert re.search(r'name="first_name"[^>]*value="Casey"', page)
    assert re.search(r'name="last_name"[^>]*value="Morgan"', page)
    response = client.post(
        f"/requests/{enquiry.code}/convert/",
        {
            "first_name": "Casey",
            "last_name": "Morgan",
            "date_of_birth": "1990-02-03",
            "home_location": plano.pk,
        },
    )
    assert response.status_code == 302
    patient = Patient.objects.get()
    assert patient.payment == Patient.Payment.INSURANCE
    assert patient.insurance_payer == "Blue Cross Blue Shield of Texas"
    assert patient.insurance_member_id == "XYZ123456789"
    assert patient.preferred_time_codes == ["mon-morning", "wed-evening"]
    assert patient.concern_codes == ["depression", "trd"]
    created = AuditEvent.objects.get(action="patient_created")
    assert sorted(created.details["carried"]) == sorted(
        ["payment", "insurance_payer", "insurance_member_id", "preferred_times", "concerns"]
    )
    assert "XYZ123456789" not in str(created.details)
    chart = client.get(response["Location"]).content.decode()
    for shown in (
        "Blue Cross Blue Shield of Texas",
        "XYZ123456789",
        "Monday morning",
        "Wednesday evening",
        "Evenings are best.",
        "PHQ-9 13 out of 27 (Moderate)",
        "Item 9 answered",
        "Left a voicemail (Left VM-77)",
    ):
        assert shown in chart, shown
    viewed = AuditEvent.objects.filter(action="patient_viewed").latest("pk")
    assert viewed.details["requests"] == [str(enquiry.code)]


def _hours(location: Location, weekdays: range, opens: int, closes: int) -> None:
    import datetime as dt

    from clinic.locations.models import BusinessHours

    for day in weekdays:
        BusinessHours.objects.create(
            location=location, weekday=day, opens=dt.time(opens), closes=dt.time(closes)
        )


def test_the_form_offers_only_times_when_a_location_is_open(
    plano: Location, frisco: Location
) -> None:
    """Issue 11, point 18: every location closes at 1 pm on Saturday, so "Saturday
    evening" is not offered; a time the chosen location is closed is refused clearly."""
    _hours(plano, range(5), 8, 19)
    _hours(plano, range(5, 6), 9, 13)
    _hours(frisco, range(5), 9, 17)
    _hours(frisco, range(5, 6), 9, 13)
    page = Client().get("/consultation/").content.decode()
    assert 'value="sat-morning"' in page
    assert 'value="sat-afternoon"' in page  # 12-1 pm is part of the afternoon
    assert 'value="sat-evening"' not in page
    box = re.search(r'<input[^>]*value="mon-evening"[^>]*>', page)
    assert box is not None
    assert f'data-open-at="{plano.pk}"' in box.group(0)  # Frisco closes at 5 pm
    refused = _send(FORM | {"preferred_times": ["mon-evening"]}, frisco)
    assert refused.status_code == 400
    assert "Frisco is not open on Monday evening" in refused.content.decode()
    assert _send(FORM | {"preferred_times": ["mon-evening"]}, plano).status_code == 302
    assert _send(FORM | {"preferred_times": ["sat-evening"]}, None).status_code == 400


def test_self_pay_keeps_no_insurance_details(plano: Location) -> None:
    assert _send(FORM | {"payment": "self_pay"}, plano).status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.insurance_payer == ""
    assert enquiry.insurance_member_id == ""
