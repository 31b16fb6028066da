"""Every view that shows patient data writes exactly one read event (a walk of the URL map)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from clinic.accounts.models import User
from clinic.audit import actions
from clinic.audit.models import AuditEvent
from clinic.core.testing.urlwalk import endpoints
from clinic.enquiries.tests.factories import make_enquiry
from clinic.locations.models import Location
from clinic.patients.tests.factories import make_patient
from clinic.scheduling.tests.factories import make_booking

pytestmark = pytest.mark.django_db

SAMPLE_CODE = "00000000-0000-4000-8000-000000000000"  # what the URL walk puts in <uuid:code>

# For each view that shows patient data: who looks, and at which kind of object.
VIEWERS = {
    "chart:patient_list": ("nurse", None),
    "chart:patient_detail": ("nurse", "patient"),
    "chart:patient_edit": ("nurse", "patient"),
    "patients:my_record": ("patient_user", None),
    "chart:enquiry_inbox": ("front_desk", None),
    "chart:enquiry_detail": ("front_desk", "enquiry"),
    "chart:calendar": ("nurse", None),
    "chart:board": ("nurse", None),
    "chart:conflicts": ("nurse", None),
    "chart:book_find": ("front_desk", None),
    "chart:consent_scan": ("nurse", "consent"),
    "chart:evaluation_new": ("prescriber", "patient"),
    "chart:intake_record": ("front_desk", "patient"),
    "chart:plan_new": ("prescriber", "patient"),
    "chart:intake_edit": ("nurse", "patient"),
    "chart:insurance_card_file": ("front_desk", "card"),
    "chart:waiting": ("front_desk", None),
    "chart:booking_detail": ("front_desk", "booking"),
    "chart:book": ("front_desk", "?patient"),
    "chart:series": ("front_desk", "?patient"),
    "chart:session_chart": ("nurse", "session"),
    "chart:session_aftercare": ("nurse", "session"),
    "chart:course": ("prescriber", "plan"),
    "chart:sessions_running": ("prescriber", None),
}


def _session(patient: Any, booking: Any) -> Any:
    from clinic.accounts.policy import Role
    from clinic.accounts.tests.factories import make_user
    from clinic.core import clock
    from clinic.treatments.models import TreatmentSession
    from clinic.treatments.tests.factories import make_plan

    doctor = make_user(Role.PRESCRIBER, locations=[booking.location])
    return TreatmentSession.objects.create(
        plan=make_plan(patient, doctor),
        patient=patient,
        booking=booking,
        location=booking.location,
        checked_in_at=clock.now(),
        checked_in_by=doctor,
    )


def _paper_consent(patient: Any) -> Any:
    import datetime as dt

    from clinic.intake import consent

    document = consent.consent_document_publish(
        kind="ketamine", title="Consent", body="Text.", routes=["iv"], actor=None
    )
    return consent.consent_record_paper(
        patient=patient,
        document=document,
        scan=b"%PDF-1.4 scan",
        signed_on=dt.date(2026, 1, 5),
        actor=None,  # type: ignore[arg-type]
    )


def _card(patient: Any) -> Any:
    from clinic.intake import services

    intake = services.intake_open(patient=patient, actor=None)
    return services.insurance_card_add(
        intake=intake, side="front", data=b"%PDF-1.4 card", actor=None
    )


def _phi_endpoints() -> dict[str, str]:
    return {e.name: e.path for e in endpoints() if getattr(e.callback, "shows_patient_data", False)}


def test_every_view_that_shows_patient_data_is_covered() -> None:
    assert set(_phi_endpoints()) == set(VIEWERS)


@pytest.mark.parametrize(("name", "path"), sorted(_phi_endpoints().items()))
def test_exactly_one_read_event_per_view(
    name: str, path: str, patient_user: User, plano: Location, request: pytest.FixtureRequest
) -> None:
    viewer_fixture, kind = VIEWERS[name]
    viewer: User = request.getfixturevalue(viewer_fixture)
    patient = make_patient(plano, user=patient_user)
    objects: dict[str, Any] = {
        "patient": patient,
        "enquiry": make_enquiry(plano, name="Sample Person"),
        "booking": make_booking(plano, patient),
        "consent": _paper_consent(patient),
        "card": _card(patient),
    }
    if kind in ("session", "plan"):
        objects["session"] = _session(patient, objects["booking"])
        objects["plan"] = objects["session"].plan
    if kind is not None and kind.startswith("?"):
        path += f"{kind}={objects[kind[1:]].code}"
    elif kind is not None:
        path = path.replace(SAMPLE_CODE, str(objects[kind].code))
    path = path.replace("/sample/", "/allergies/")  # an intake section
    client = Client()
    client.force_login(viewer)
    before = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    response = client.get(path)
    assert response.status_code == 200
    new = list(AuditEvent.objects.filter(seq__gt=before))
    assert [actions.is_read(e.action) for e in new] == [True], [e.action for e in new]
    assert new[0].actor == viewer
