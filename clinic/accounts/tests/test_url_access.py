"""Every URL of the project is public by design or refused to anyone the policy does not allow."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from clinic.accounts.models import User
from clinic.accounts.policy import (
    PUBLIC_URL_NAMES,
    SELF_SERVICE_URL_NAMES,
    Role,
    roles_for,
)
from clinic.core.testing.urlwalk import Endpoint, endpoints

ALL = endpoints()

# Views that refuse a request without these parameters whoever sends it.
SAMPLE_QUERY = {
    "admin:autocomplete": "?app_label=accounts&model_name=user&field_name=locations",
}


def _kind(endpoint: Endpoint) -> str:
    if getattr(endpoint.callback, "required_perm", None) is not None:
        return "guarded"
    if endpoint.name in PUBLIC_URL_NAMES:
        return "public"
    if endpoint.name in SELF_SERVICE_URL_NAMES:
        return "self-service"
    return "undeclared"


def _sent_to_signin(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_every_url_declares_who_may_use_it() -> None:
    """No URL is left without a declaration: public, self-service, or a permission."""
    undeclared = [f"{e.name} ({e.path})" for e in ALL if _kind(e) == "undeclared"]
    assert undeclared == []


def test_walk_covers_the_whole_project() -> None:
    """The walk finds the project's own, allauth's and the admin's URLs."""
    names = {e.name for e in ALL}
    assert {"accounts:staff_home", "account_login", "mfa_activate_totp", "admin:index"} <= names
    assert len(ALL) > 30


def test_public_urls_are_marked_public_on_the_view() -> None:
    """The public list and the views agree: a listed view is open to anonymous visitors."""
    for endpoint in ALL:
        if _kind(endpoint) == "public":
            assert getattr(endpoint.callback, "login_required", True) is False, endpoint.name


def test_only_listed_urls_are_open_to_anonymous_visitors() -> None:
    """A view marked open to everyone must appear in the one public list."""
    for endpoint in ALL:
        if getattr(endpoint.callback, "login_required", True) is False:
            assert endpoint.name in PUBLIC_URL_NAMES, endpoint.name


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", [e for e in ALL if _kind(e) != "public"], ids=lambda e: e.name)
def test_anonymous_visitor_is_sent_to_signin(endpoint: Endpoint, client: Client) -> None:
    """Every non-public URL sends an anonymous visitor to sign-in, for GET and POST alike."""
    assert _sent_to_signin(client.get(endpoint.path)), endpoint.path
    assert _sent_to_signin(client.post(endpoint.path)), endpoint.path


@pytest.mark.django_db
@pytest.mark.parametrize(
    "endpoint", [e for e in ALL if _kind(e) == "guarded"], ids=lambda e: e.name
)
def test_guarded_urls_refuse_every_role_the_policy_does_not_allow(
    endpoint: Endpoint, personas: dict[Role, User]
) -> None:
    """Each role gets in where its permission allows and is refused everywhere else: 403, or
    404 on views of one object (so a refusal does not confirm the object exists)."""
    allowed = roles_for(endpoint.callback.required_perm)  # type: ignore[attr-defined]
    for role, user in personas.items():
        client = Client()
        client.force_login(user)
        response = client.get(endpoint.path + SAMPLE_QUERY.get(endpoint.name, ""))
        if role in allowed:
            assert response.status_code != 403, (role, endpoint.path)
            assert not _sent_to_signin(response), (role, endpoint.path)
        else:
            refusal = getattr(endpoint.callback, "denial_status", 403)
            assert response.status_code == refusal, (role, endpoint.path, response.status_code)
            assert client.post(endpoint.path).status_code == refusal, (role, endpoint.path)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "endpoint", [e for e in ALL if _kind(e) == "self-service"], ids=lambda e: e.name
)
def test_self_service_urls_open_to_every_signed_in_role(
    endpoint: Endpoint, personas: dict[Role, User]
) -> None:
    """Account pages (password, second factor) are open to each signed-in person."""
    for role, user in personas.items():
        client = Client()
        client.force_login(user)
        response = client.get(endpoint.path)
        assert response.status_code != 403, (role, endpoint.path)
        assert not _sent_to_signin(response), (role, endpoint.path)


def test_admin_is_mounted_where_settings_say() -> None:
    assert any(e.name == "admin:index" and e.path == f"/{settings.ADMIN_URL}" for e in ALL)


@pytest.mark.django_db
def test_head_is_answered_wherever_get_is(personas: dict[Role, User]) -> None:
    """A monitor or link checker probing with HEAD gets the same answer as GET, never 405."""
    anonymous, owner = Client(), Client()
    owner.force_login(personas[Role.OWNER])
    refused = []
    for endpoint in ALL:
        path = endpoint.path + SAMPLE_QUERY.get(endpoint.name, "")
        client = anonymous if _kind(endpoint) == "public" else owner
        got = client.get(path).status_code
        if got == 405:
            continue  # a POST-only action
        head = client.head(path).status_code
        if head != got:
            refused.append((endpoint.name, got, head))
    assert refused == []


SAMPLE_CODE = "00000000-0000-4000-8000-000000000000"


def _real_objects(plano: Any, frisco: Any) -> dict[str, str]:
    """For each view of one object, the code of a real object in the personas' scope (a
    patient elsewhere for emergency access, which is for records outside one's scope)."""
    from clinic.content.models import Page
    from clinic.content.services import comment_submit
    from clinic.enquiries.tests.factories import make_enquiry
    from clinic.patients.tests.factories import make_patient
    from clinic.scheduling.tests.factories import make_booking

    patient = make_patient(plano, first_name="Walked")
    booking = make_booking(plano, patient)
    enquiry = make_enquiry(plano, name="Walked Request")
    page = Page.objects.create(
        kind=Page.Kind.ARTICLE, title="Walked", slug="walked", summary="x", body="x"
    )
    comment = comment_submit(page=page, name="Reader", email="r@example.org", body="Hello")
    import datetime as dt

    from clinic.accounts.tests.factories import make_user
    from clinic.intake import consent, evaluation, selectors
    from clinic.intake.models import DiagnosisCode

    document = consent.consent_document_publish(
        kind="ketamine", title="Walked", body="x", routes=["iv"], actor=None
    )
    doctor = make_user(Role.PRESCRIBER, locations=[plano])
    scanned = consent.consent_record_paper(
        patient=patient,
        document=document,
        scan=b"%PDF-1.4",
        signed_on=dt.date(2026, 1, 5),
        actor=doctor,
    )
    signed = evaluation.evaluation_sign(
        patient=patient,
        draft=evaluation.Draft(
            diagnosis=DiagnosisCode.objects.get(code="F33.2"),
            adequate_trials=2,
            resistance_met=True,
            decision="more_info",
            reason="Walked",
        ),
        facts=set(),
        book=selectors.rule_book(),
        actor=doctor,
    )
    from clinic.intake import services

    card = services.insurance_card_add(
        intake=services.intake_open(patient=patient, actor=None),
        side="back",
        data=b"%PDF-1.4",
        actor=None,
    )
    from clinic.core import clock
    from clinic.treatments.models import TreatmentSession
    from clinic.treatments.tests.factories import make_plan

    session = TreatmentSession.objects.create(
        plan=make_plan(patient, doctor),
        patient=patient,
        booking=booking,
        location=plano,
        checked_in_at=clock.now(),
        checked_in_by=doctor,
    )
    return {
        "chart:session_chart": str(session.code),
        "chart:session_aftercare": str(session.code),
        "chart:course": str(session.plan.code),
        "chart:session_check_in": str(booking.code),
        "chart:insurance_card_file": str(card.code),
        "chart:insurance_card_add": str(patient.code),
        "chart:intake_record": str(patient.code),
        "chart:plan_new": str(patient.code),
        "chart:intake_edit": str(patient.code),
        "chart:intake_lock": str(patient.code),
        "chart:consent_scan": str(scanned.code),
        "chart:consent_withdraw": str(scanned.code),
        "chart:addendum_new": str(signed.code),
        "chart:patient_detail": str(patient.code),
        "chart:patient_edit": str(patient.code),
        "chart:intake_send": str(patient.code),
        "chart:consent_paper": str(patient.code),
        "chart:evaluation_new": str(patient.code),
        "chart:break_glass": str(make_patient(frisco, first_name="Far").code),
        "chart:booking_detail": str(booking.code),
        "chart:booking_cancel": str(booking.code),
        "chart:booking_message_resend": str(booking.code),
        "chart:booking_attendance": str(booking.code),
        "content:page_preview": str(page.code),
        "content:comment_moderate": str(comment.code),
        "chart:enquiry_detail": str(enquiry.code),
        "chart:enquiry_assign": str(enquiry.code),
        "chart:enquiry_call": str(enquiry.code),
        "chart:enquiry_close": str(enquiry.code),
        "chart:enquiry_convert": str(enquiry.code),
    }


@pytest.mark.django_db
def test_views_that_hide_refusals_as_404_let_allowed_roles_reach_a_real_object(
    personas: dict[Role, User], plano: Any, frisco: Any
) -> None:
    """A refused role gets 404 on these views, as an unknown code does; so each is walked
    with a real object in scope, where an allowed role must get in and a refused one must
    still get 404."""
    codes = _real_objects(plano, frisco)
    hidden = {e.name for e in ALL if getattr(e.callback, "denial_status", 403) == 404}
    assert hidden == set(codes)
    for endpoint in ALL:
        if endpoint.name not in codes:
            continue
        path = endpoint.path.replace(SAMPLE_CODE, codes[endpoint.name])
        path = path.replace("/sample/", "/insurance/")  # an intake section the desk may reach
        allowed = roles_for(endpoint.callback.required_perm)  # type: ignore[attr-defined]
        for role, user in personas.items():
            client = Client()
            client.force_login(user)
            status = client.get(path).status_code
            if role in allowed:
                assert status in (200, 405), (endpoint.name, role, status)
            else:
                assert status == 404, (endpoint.name, role, status)
