from __future__ import annotations

from decimal import Decimal

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.core.lookups import user_email_index
from clinic.demo import data
from clinic.locations.models import Location
from clinic.patients.models import Patient

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_seed_builds_the_demo_network_and_is_idempotent(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("seed_demo_data")
    call_command("seed_demo_data")
    assert Location.objects.count() == 4
    assert set(Location.objects.values_list("city", flat=True)) == {
        "Dallas",
        "Plano",
        "Fort Worth",
        "Frisco",
    }
    assert User.objects.count() == len(data.PEOPLE)
    assert Patient.objects.count() == len(data.PATIENTS)
    assert Patient.objects.filter(user__email_bidx=user_email_index("patient@demo.clinic")).exists()
    held = {role for user in User.objects.all() for role in user.roles}
    assert held == set(Role)
    enrolled = sum(p.enrolled for p in data.PEOPLE)
    assert Authenticator.objects.filter(type=Authenticator.Type.TOTP).count() == enrolled
    # Patients at every stage before treatment (issue 12, point 7).
    from clinic.intake import selectors
    from clinic.intake.models import Evaluation, Intake

    stages = {i.patient.first_name: i.status for i in Intake.objects.select_related("patient")}
    assert stages["Rachel"] == Intake.Status.SENT
    assert stages["Samuel"] == Intake.Status.STARTED
    decisions = {e.patient.first_name: e for e in Evaluation.objects.select_related("patient")}
    assert decisions["Jordan"].decision == "eligible"
    assert decisions["Maria"].decision == "conditions"
    assert '"acknowledged": true' in decisions["Maria"].screening  # the caution, considered
    assert decisions["Linh"].decision == "not_eligible"
    linh = decisions["Linh"].patient
    assert selectors.eligible_routes(linh) == set()
    assert Evaluation.objects.count() == 4  # idempotent: seeded once
    from clinic.treatments.models import TreatmentPlan

    planned = {p.patient.first_name: p for p in TreatmentPlan.objects.select_related("patient")}
    assert set(planned) == {"Jordan", "Maria", "Tomas"}  # the eligible ones; once
    assert planned["Maria"].max_mg_per_kg == Decimal("0.75")
    assert planned["Tomas"].route == "esketamine"
    from clinic.treatments.models import SessionEvent, TreatmentSession, VitalAlert

    done = list(TreatmentSession.objects.select_related("patient", "plan"))
    assert {s.patient.first_name for s in done} == {"Jordan", "Maria", "Tomas"}
    assert all(s.is_locked for s in done)  # discharged and signed by nurse and prescriber
    assert VitalAlert.objects.filter(action="slowed").exists()  # a BP alert, acknowledged
    assert any(s.given_mg is not None and s.given_mg < 30 for s in done)  # one stopped early
    assert SessionEvent.objects.filter(kind="adverse").count() >= 2
    out = capsys.readouterr().out
    assert "owner@demo.clinic" in out
    assert data.DEMO_PASSWORD in out


def test_seed_refuses_without_debug() -> None:
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo_data")
    assert User.objects.count() == 0


@override_settings(DEBUG=True)
def test_demo_totp_code_prints_six_digits(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("demo_totp_code", "nurse@demo.clinic")
    code = capsys.readouterr().out.strip()
    assert len(code) == 6
    assert code.isdigit()
