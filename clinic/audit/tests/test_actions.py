"""Each app declares its own audit actions; the trail takes any registered one without a
migration of `audit`, and refuses one nobody registered."""

from __future__ import annotations

import pytest
from django.db import models
from django.test import Client

from clinic.accounts.models import User
from clinic.audit import actions
from clinic.audit.models import AuditEvent
from clinic.audit.services import audit_record
from clinic.scheduling.audit_actions import SchedulingAction

pytestmark = pytest.mark.django_db


class FutureAction(models.TextChoices):
    """What a clinical app added later would declare."""

    DOSE_SIGNED = "test_dose_signed", "Dose checked and signed"


def test_an_app_adds_its_actions_without_touching_audit(owner: User) -> None:
    actions.register(FutureAction.choices)
    audit_record(action=FutureAction.DOSE_SIGNED, actor=owner)
    event = AuditEvent.objects.get(action="test_dose_signed")
    assert event.action_label == "Dose checked and signed"
    client = Client()
    client.force_login(owner)
    page = client.get("/audit/", {"action": "test_dose_signed"}).content.decode()
    assert "Dose checked and signed" in page


def test_an_unregistered_action_is_refused() -> None:
    with pytest.raises(actions.UnknownAction):
        audit_record(action="booking_creatd")
    assert not AuditEvent.objects.filter(action="booking_creatd").exists()


def test_a_value_cannot_change_its_meaning() -> None:
    with pytest.raises(ValueError, match="already registered"):
        actions.register([(SchedulingAction.BOOKING_CREATED.value, "Something else")])


def test_apps_declare_their_own_verbs_and_reads() -> None:
    labels = dict(actions.choices())
    assert labels["booking_created"] == "Appointment booked"
    assert labels["enquiry_received"] == "Request received from the website"
    assert actions.is_read("booking_viewed")
    assert not actions.is_read("booking_created")
