"""Who is waiting for what before treatment (issue 12, point 6): stages from the intake and
the evaluation, consent missing or out of date, oldest first, by location; no clinical
detail; front desk and clinicians only; another location's patients never listed."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from clinic.accounts.models import User
from clinic.audit.models import AuditEvent
from clinic.intake import consent, evaluation, selectors, services
from clinic.intake.evaluation import Draft
from clinic.intake.models import DiagnosisCode
from clinic.locations.models import Location
from clinic.patients.tests.factories import make_patient

pytestmark = pytest.mark.django_db


def test_each_stage_in_order_with_consent(
    plano: Location, frisco: Location, front_desk: User, prescriber: User, patient_user: User
) -> None:
    document = consent.consent_document_publish(
        kind="ketamine", title="Ketamine", body="Text.", routes=["iv"], actor=None
    )
    with time_machine.travel(dt.datetime(2026, 3, 1, 15, tzinfo=dt.UTC), tick=False):
        sent = make_patient(plano, first_name="Sent", last_name="Only")
        services.intake_link_send(patient=sent, actor=front_desk)
    with time_machine.travel(dt.datetime(2026, 3, 2, 15, tzinfo=dt.UTC), tick=False):
        started = make_patient(plano, first_name="Half", last_name="Way")
        intake = services.intake_open(patient=started, actor=None)
        services.intake_answer(
            intake=intake, section="allergies", answers={"allergies": "none"}, actor=None
        )
        done = make_patient(plano, first_name="All", last_name="Done")
        finished = services.intake_open(patient=done, actor=None)
        services.intake_complete(intake=finished, actor=None)
        consent.consent_sign_online(
            patient=done, document=document, typed_name="All Done", agreed=True
        )
    with time_machine.travel(dt.datetime(2026, 3, 3, 15, tzinfo=dt.UTC), tick=False):
        decided = make_patient(plano, first_name="Dec", last_name="Ided")
        evaluation.evaluation_sign(
            patient=decided,
            draft=Draft(
                diagnosis=DiagnosisCode.objects.get(code="F33.2"),
                adequate_trials=2,
                resistance_met=True,
                decision="more_info",
                reason="Letter",
                reevaluate_on=dt.date(2026, 3, 10),
            ),
            facts=set(),
            book=selectors.rule_book(),
            actor=prescriber,
        )
        far = make_patient(frisco, first_name="Far", last_name="Away")
        services.intake_open(patient=far, actor=None)
    client = Client()
    client.force_login(front_desk)
    with time_machine.travel(dt.datetime(2026, 3, 12, 15, tzinfo=dt.UTC), tick=False):
        page = client.get("/waiting/").content.decode()
        only_plano = client.get("/waiting/", {"location": str(plano.code)}).content.decode()
    order = [page.index(name) for name in ("Only, Sent", "Way, Half", "Done, All", "Ided, Dec")]
    assert order == sorted(order)  # oldest first
    for stage in (
        "Intake sent, not started",
        "Intake started",
        "Intake complete: awaiting evaluation",
        "Re-evaluation due",
    ):
        assert stage in page
    assert "Away, Far" not in page
    assert "Letter" not in page  # stages only, no clinical detail
    done_row = page[page.index("Done, All") :].split("</tr>")[0]
    assert "Current" in done_row
    sent_row = page[page.index("Only, Sent") :].split("</tr>")[0]
    assert "No treatment consent yet" in sent_row
    assert AuditEvent.objects.filter(action="intake_queue_viewed").exists()
    assert "Only, Sent" in only_plano
    patient_client = Client()
    patient_client.force_login(patient_user)
    assert patient_client.get("/waiting/").status_code == 403
