"""Issue 12's acceptance walk in a real browser (axe checks every page through the harness).
A patient on a 390 px phone fills in the intake from the link, stopping halfway once and
coming back: history, medicines, two earlier antidepressants, and signs the ketamine consent.
A prescriber at a desktop reads the summary, sees the automatic caution for a
benzodiazepine, goes ahead with a written reason, signs "eligible for IV", and a later word
becomes an addendum while the signed note stays as it was."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from clinic.accounts.models import User
from clinic.core.testing.browser import DESKTOP, PHONE, screenshot
from clinic.intake import consent, questions, selectors
from clinic.intake.defaults import defaults_ensure
from clinic.intake.models import Consent, Evaluation, Intake
from clinic.locations.models import Location
from clinic.patients.tests.factories import make_patient
from clinic.scheduling.tests.test_browser import _signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _all_no(page: Any, section: str) -> None:
    for question in questions.BY_CODE[section].questions:
        group = page.get_by_role("group", name=question.text, exact=True)
        group.get_by_label("No", exact=True).check()


def _save(page: Any, next_heading: str) -> None:
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name=next_heading, exact=True)).to_be_visible()
    _fits_the_phone(page)


WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def _fits_the_phone(page: Any) -> None:
    page.wait_for_load_state("load")  # measured with the stylesheet applied, not before
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], page.evaluate(WIDER_THAN_THE_SCREEN)


def test_intake_on_a_phone_then_the_prescriber_decides_at_a_desk(
    page: Any, live_server: Any, plano: Location, front_desk: User, prescriber: User
) -> None:
    defaults_ensure()  # the contraindication rules and diagnoses, after any earlier flush
    document = consent.consent_document_publish(
        kind="ketamine",
        title="Consent to ketamine treatment",
        body="Ketamine is used off-label for depression. You may feel detached for a while.",
        routes=["iv", "im", "intranasal", "oral"],
        actor=None,
    )
    patient = make_patient(plano, first_name="Alma", last_name="Reyes", email="alma@example.org")
    from clinic.intake.services import intake_link_send

    _, url = intake_link_send(patient=patient, actor=front_desk)
    link = live_server.url + urlsplit(url).path

    # --- the patient, on her phone -----------------------------------------------------
    page.set_viewport_size(PHONE)
    page.goto(link)
    page.get_by_role("link", name="Start: About you").click()
    page.get_by_label("Your legal name").fill("Alma Reyes")
    page.get_by_label("Your pronouns (optional)").fill("she/her")
    _save(page, "Emergency contact and your ride home")

    # She stops halfway, and comes back later with the same link.
    page.goto("about:blank")
    page.goto(link)
    page.get_by_role("link", name="Continue: Emergency contact and your ride home").click()
    page.get_by_label("Emergency contact's name").fill("Luis Reyes")
    page.get_by_label("Emergency contact's phone").fill("(972) 555-0188")
    page.get_by_label("Who will drive you home after a session").fill("Luis Reyes")
    _save(page, "Your own clinicians")
    page.get_by_label("Name").first.fill("Dr Ada Lin")
    page.get_by_label("Their role").first.select_option("prescriber")
    page.get_by_label("May we share information with them?").first.select_option("yes")
    _save(page, "Your mental health")
    _all_no(page, "psychiatric")
    page.get_by_label("Diagnoses you have been given (optional)").fill(
        "Major depression since 2015"
    )
    _save(page, "Your physical health")
    _all_no(page, "medical")
    _save(page, "Pregnancy")
    _all_no(page, "pregnancy")
    _save(page, "Allergies")
    page.get_by_label("Allergies to medicines or anything else").fill("Penicillin (rash)")
    _save(page, "Medicines you take now")
    page.get_by_label("Name").first.fill("Lorazepam")
    page.get_by_label("Dose").first.fill("0.5 mg")
    page.get_by_label("How often").first.fill("At night")
    page.get_by_label("Kind of medicine").first.select_option("benzodiazepine")
    _save(page, "Antidepressants you have tried")
    page.get_by_label("Medicine").nth(0).fill("Sertraline")
    page.get_by_label("Weeks taken").nth(0).fill("12")
    page.get_by_label("Did it help?").nth(0).select_option("partial")
    page.get_by_label("Medicine").nth(1).fill("Bupropion")
    page.get_by_label("Weeks taken").nth(1).fill("8")
    page.get_by_label("Did it help?").nth(1).select_option("none")
    screenshot(page, "acceptance-trials-phone")
    _save(page, "Weight and height")
    page.get_by_label("Weight").fill("154")
    page.get_by_label("Unit").select_option("lb")
    _save(page, "Insurance")
    page.get_by_label("Insurance company (optional)").fill("Blue Plains")
    screenshot(page, "acceptance-insurance-phone")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Your health questions")).to_be_visible()

    page.get_by_role("link", name="Read and sign: Consent to ketamine treatment").click()
    expect(page.get_by_text("Ketamine is used off-label")).to_be_visible()
    page.get_by_label("Type your full name to sign").fill("Alma Reyes")
    page.get_by_label("I have read this and I agree.").check()
    screenshot(page, "acceptance-consent-phone")
    page.get_by_role("button", name="Sign").click()
    expect(page.get_by_text("Signed", exact=True)).to_be_visible()
    page.get_by_role("button", name="Send my answers to the clinic").click()
    _fits_the_phone(page)
    signed = Consent.objects.get(patient=patient)
    assert signed.document_sha256 == document.sha256
    assert Intake.objects.get(patient=patient).status == Intake.Status.COMPLETE

    # --- the prescriber, at a desktop ----------------------------------------------------
    page.set_viewport_size(DESKTOP)
    _signed_in(page, live_server, prescriber)
    page.goto(f"{live_server.url}/patients/{patient.code}/")
    summary = page.get_by_role("region", name="Summary")
    expect(summary.get_by_text("Penicillin (rash)", exact=True)).to_be_visible()
    expect(summary.get_by_text("Lorazepam 0.5 mg, At night")).to_be_visible()
    expect(summary.get_by_text("69.9 kg")).to_be_visible()  # 154 lb, converted
    # the same caution for every route, read once
    expect(summary.get_by_text("Caution", exact=True)).to_have_count(1)
    expect(
        summary.get_by_text(re.compile("IV ketamine, IM ketamine, .*Esketamine"))
    ).to_be_visible()
    expect(page.get_by_text("current", exact=True)).to_be_visible()  # the consent
    screenshot(page, "acceptance-chart-summary")

    page.get_by_role("link", name="Every answer, and fill in at the desk").click()
    expect(page.get_by_role("heading", name="Antidepressants you have tried")).to_be_visible()
    expect(
        page.get_by_text("Medicine: Bupropion; Weeks taken: 8; Did it help?: Not at all")
    ).to_be_visible()
    screenshot(page, "acceptance-intake-record")
    # a correction at the desk, in the prescriber's name
    page.get_by_role("link", name="Correct “Allergies”").click()
    page.get_by_label("Allergies to medicines or anything else").fill("Penicillin (rash); latex")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved: Allergies, in your name.")).to_be_visible()
    expect(page.get_by_text("Earlier answers (1)")).to_be_visible()
    page.goto(f"{live_server.url}/patients/{patient.code}/")

    page.get_by_role("link", name="Evaluate eligibility").click()
    expect(page.get_by_label("Adequate antidepressant trials")).to_have_value("2")
    page.get_by_label("Diagnosis (ICD-10)").select_option(label=_diagnosis_label())
    page.get_by_label("Eligible", exact=True).check()
    page.get_by_label("IV ketamine", exact=True).check()
    page.get_by_role("button", name="Sign the evaluation").click()
    expect(page.get_by_text("acknowledge each caution before signing")).to_be_visible()
    page.get_by_label(re.compile("^I have considered: Benzodiazepine")).check()
    page.get_by_label(re.compile("^Your reason for going ahead despite it")).fill(
        "Low dose at night only; held for 24 hours before each session."
    )
    page.get_by_label("Note").fill("Two adequate trials without remission. No psychosis.")
    screenshot(page, "acceptance-evaluation")
    page.get_by_role("button", name="Sign the evaluation").click()
    expect(page.get_by_text("Evaluation signed. Later changes are addenda.")).to_be_visible()
    expect(page.get_by_text(re.compile("for IV, signed by"))).to_be_visible()
    expect(page.get_by_text(re.compile("held for 24 hours before each session"))).to_be_visible()
    assert selectors.eligible_routes(patient) == {"iv"}

    # A later edit is an addendum; the signed note stays as it was.
    evaluation = Evaluation.objects.get(patient=patient)
    page.get_by_label("Add an addendum").fill("Blood pressure 128/82 today; no change.")
    page.get_by_role("button", name="Add addendum").click()
    expect(page.get_by_text("Blood pressure 128/82 today; no change.")).to_be_visible()
    expect(page.get_by_text("Two adequate trials without remission. No psychosis.")).to_be_visible()
    evaluation.refresh_from_db()
    assert evaluation.note == "Two adequate trials without remission. No psychosis."
    screenshot(page, "acceptance-chart-after-addendum")

    # and orders the course the decision allows (issue 13 builds on this)
    page.get_by_role("link", name="Order a course").click()
    expect(page.get_by_text("IV ketamine", exact=True).first).to_be_visible()
    screenshot(page, "acceptance-plan")
    page.get_by_role("button", name="Sign the plan").click()
    expect(page.get_by_text("Treatment plan signed.")).to_be_visible()
    expect(page.get_by_text(re.compile("induction: 6 sessions"))).to_be_visible()

    page.goto(f"{live_server.url}/waiting/")
    expect(page.get_by_role("heading", name=re.compile("Waiting|waiting"))).to_be_visible()
    screenshot(page, "acceptance-waiting")


def _diagnosis_label() -> str:
    from clinic.intake.models import DiagnosisCode

    return str(DiagnosisCode.objects.get(code="F33.2"))
