"""The owner's copy of the contraindication rules: seeded from the clinic defaults, edited
in the administration pages (then no longer marked default), read back as the rule book."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from clinic.accounts.models import User
from clinic.audit.models import AuditEvent
from clinic.intake import selectors
from clinic.intake.models import ContraindicationRule
from clinic.intake.rules import DEFAULT_RULES
from clinic.intake.screening import Status

pytestmark = pytest.mark.django_db


def test_the_defaults_are_seeded_and_screen_as_the_shipped_set() -> None:
    assert ContraindicationRule.objects.count() == len(DEFAULT_RULES)
    assert all(r.is_default for r in ContraindicationRule.objects.all())
    book = selectors.rule_book()
    assert [r.code for r in book.rules] == [r.code for r in DEFAULT_RULES]
    assert {r.code: r.facts for r in book.rules} == {r.code: r.facts for r in DEFAULT_RULES}
    assert book.screen({"avm"}, "esketamine").status is Status.BLOCKED


def test_an_owner_edits_a_rule_and_it_is_the_clinics_own(owner: User) -> None:
    rule = ContraindicationRule.objects.get(code="sleep-apnoea")
    client = Client()
    client.force_login(owner)
    url = f"/{settings.ADMIN_URL}intake/contraindicationrule/{rule.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "code": "sleep-apnoea",
            "label": "Sleep apnoea: CPAP at the chair",
            "severity": "absolute",
            "facts": ["sleep_apnoea"],
            "routes": ["iv", "im"],
            "source": "Our anaesthetist, 2026",
            "active": "on",
            "order": "5",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    rule.refresh_from_db()
    assert rule.is_default is False
    assert rule.routes == ["iv", "im"]
    book = selectors.rule_book()
    assert book.screen({"sleep_apnoea"}, "iv").status is Status.BLOCKED
    assert book.screen({"sleep_apnoea"}, "esketamine").status is Status.CLEAR
    assert AuditEvent.objects.filter(action="admin_change").exists()


def test_a_rule_without_findings_or_routes_is_refused(owner: User) -> None:
    client = Client()
    client.force_login(owner)
    response = client.post(
        f"/{settings.ADMIN_URL}intake/contraindicationrule/add/",
        {"code": "empty", "label": "Empty", "severity": "relative", "order": "1"},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "facts" in errors
    assert "routes" in errors
    assert not ContraindicationRule.objects.filter(code="empty").exists()


def test_an_inactive_rule_is_not_applied() -> None:
    ContraindicationRule.objects.filter(code="pregnancy").update(active=False)
    assert selectors.rule_book().screen({"pregnancy"}, "iv").status is Status.CLEAR


def test_front_desk_cannot_edit_rules(front_desk: User) -> None:
    client = Client()
    client.force_login(front_desk)
    response = client.get(f"/{settings.ADMIN_URL}intake/contraindicationrule/")
    assert response.status_code in (302, 403)


def test_missing_defaults_are_put_back_and_changed_ones_left_alone() -> None:
    from clinic.intake.defaults import defaults_ensure
    from clinic.intake.models import DiagnosisCode

    ContraindicationRule.objects.filter(code="pregnancy").delete()
    ContraindicationRule.objects.filter(code="liver").update(label="Ours", is_default=False)
    DiagnosisCode.objects.all().delete()
    assert defaults_ensure() == 1 + 9
    assert ContraindicationRule.objects.get(code="liver").label == "Ours"
    assert DiagnosisCode.objects.filter(code="F33.2").exists()
    assert defaults_ensure() == 0
