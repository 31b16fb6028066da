"""Issue 13's acceptance walk on a tablet (768 by 1024) in real Chromium, axe on every page.
A nurse checks a patient in from the day's booking and completes the checklist; a second
nurse checks the computed dose; the infusion starts; readings are entered as they fall due
(the server's clock moved with time-machine); a high blood pressure raises an alert that is
acknowledged with an action; a reading typed while the connection is down is kept on the
screen and saved once it is back; the patient is discharged and nurse and prescriber sign.
An esketamine session cannot be discharged before 2 hours."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from playwright.sync_api import expect

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.accounts.tests.factories import make_user
from clinic.core import clock
from clinic.core.testing.browser import check_accessibility, screenshot
from clinic.locations.models import Location
from clinic.patients.tests.factories import make_patient
from clinic.scheduling.tests.factories import make_booking
from clinic.scheduling.tests.test_browser import _signed_in
from clinic.treatments.models import TreatmentSession, VitalAlert, VitalReading
from clinic.treatments.tests.factories import make_plan, make_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}


def _as(page: Any, live_server: Any, user: User) -> None:
    page.context.clear_cookies()
    _signed_in(page, live_server, user)


def _fits(page: Any) -> None:
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]


def _done(page: Any, text: str) -> None:
    expect(page.locator(".alert--success").filter(has_text=text)).to_be_visible()
    _fits(page)
    check_accessibility(page, page.guard)  # each state of the one page, not only the last


def _vitals(page: Any, systolic: str, diastolic: str, pulse: str, spo2: str) -> None:
    form = page.locator("form.reading-form")
    form.get_by_label("BP systolic").fill(systolic)
    form.get_by_label("BP diastolic").fill(diastolic)
    form.get_by_label("Heart rate").fill(pulse)
    form.get_by_label("SpO₂ %").fill(spo2)


def test_a_monitored_infusion_on_a_tablet(
    page: Any, live_server: Any, plano: Location, nurse: User, prescriber: User
) -> None:
    second = make_user(Role.NURSE, locations=[plano], full_name="Nora Second")
    patient = make_patient(plano, first_name="Avery", last_name="Tablet")
    make_plan(patient, prescriber)
    booking = make_booking(plano, patient, days_ahead=1)
    base = live_server.url
    page.set_viewport_size(TABLET)
    with time_machine.travel(booking.starts_at - dt.timedelta(minutes=5), tick=True) as moment:
        _as(page, live_server, nurse)
        page.goto(f"{base}/schedule/{booking.code}/")
        page.get_by_role("button", name="Check in for treatment").click()
        expect(page.get_by_role("heading", name="Before the session")).to_be_visible()
        _fits(page)
        url = page.url

        page.get_by_label("The patient told me their full name").check()
        page.get_by_label("Fasted as the protocol asks").check()
        page.get_by_label("Escort or driver (name)").fill("Luis Reyes")
        page.get_by_label("Weight today").fill("70")
        page.get_by_label("BP systolic").fill("124")
        page.get_by_label("BP diastolic").fill("80")
        page.get_by_label("Heart rate").fill("70")
        page.get_by_label("SpO₂ %").fill("98")
        screenshot(page, "session-checks-tablet")
        page.get_by_role("button", name="Save the checks").click()
        _done(page, "Checks saved: Proceed.")

        page.get_by_label("Lot number").fill("KET-2291")
        page.get_by_label("Expiry date").fill((clock.today() + dt.timedelta(days=200)).isoformat())
        page.get_by_label("Vial concentration, mg/mL").fill("10")
        page.get_by_label("Diluent, mL (bag or syringe)").fill("96.5")
        page.get_by_role("button", name="Work out and record the dose").click()
        _done(page, "Dose prepared: 35.0 mg")
        expect(page.get_by_text("150.0 mL/h")).to_be_visible()
        expect(page.get_by_text("A second nurse or prescriber checks this dose")).to_be_visible()

        _as(page, live_server, second)  # the second person, on their own sign-in
        page.goto(url)
        page.get_by_role("button", name="I have checked this dose").click()
        _done(page, "Dose checked.")

        _as(page, live_server, nurse)
        page.goto(url)
        page.get_by_role("button", name="Start the dose now").click()
        _done(page, "Dose started at")
        expect(
            page.get_by_text("Reading overdue: due at 0 min").or_(
                page.get_by_text("Next reading due at 0 min")
            )
        ).to_be_visible()
        _vitals(page, "126", "80", "72", "98")
        page.get_by_role("button", name="Save reading").click()
        _done(page, "Reading saved at")
        expect(page.get_by_text("Next reading due at 10 min")).to_be_visible()

        moment.shift(dt.timedelta(minutes=10))
        _signed_in(page, live_server, nurse)  # a fresh sign-in after the clock's jump
        page.goto(url)
        _vitals(page, "186", "100", "88", "97")
        page.get_by_role("button", name="Save reading").click()
        _done(page, "Out of range: acknowledge the alert below.")
        alert = page.locator(".card--alert")
        expect(alert.get_by_role("heading", name="Alert: BP 186/100")).to_be_visible()
        screenshot(page, "session-alert-tablet")
        alert.get_by_label("Infusion paused").check()
        alert.get_by_label("Note").fill("Paused 5 min, rechecked")
        alert.get_by_role("button", name="Acknowledge").click()
        _done(page, "Alert acknowledged.")
        assert VitalAlert.objects.get().action == "paused"

        # The connection drops while a reading is typed: it stays on the screen, then saves.
        moment.shift(dt.timedelta(minutes=10))
        _signed_in(page, live_server, nurse)
        page.goto(url)
        _vitals(page, "150", "90", "80", "98")
        page.reload()  # a refresh keeps what was typed
        expect(page.locator("form.reading-form").get_by_label("BP systolic")).to_have_value("150")
        page.context.set_offline(True)
        page.get_by_role("button", name="Save reading").click()
        expect(page.get_by_text("Not saved: the clinic's server cannot be reached")).to_be_visible()
        expect(page.locator("form.reading-form").get_by_label("BP systolic")).to_have_value("150")
        page.context.set_offline(False)
        page.get_by_role("button", name="Save reading").click()
        _done(page, "Reading saved at")
        assert VitalReading.objects.filter(systolic=150).count() == 1

        moment.shift(dt.timedelta(minutes=22))
        _signed_in(page, live_server, nurse)
        page.goto(url)
        page.get_by_label("Total given, mg").fill("35")
        page.get_by_label("Left to waste, mg").fill("0")
        page.get_by_role("button", name="Stop and begin recovery").click()
        _done(page, "Dose stopped: recovery begun.")
        _vitals(page, "130", "82", "72", "98")
        page.get_by_role("button", name="Save reading").click()
        _done(page, "Reading saved at")
        page.get_by_label("Alert and oriented").check()
        page.get_by_label("Walking steadily").check()
        page.get_by_label("Escort present (name)").fill("Luis Reyes")
        page.get_by_label("Aftercare instructions given").check()
        page.get_by_role("button", name="Discharge").click()
        _done(page, "Patient discharged. Sign the note.")
        page.get_by_role("button", name="Sign as nurse").click()
        _done(page, "Note signed.")

        _as(page, live_server, prescriber)
        page.goto(url)
        page.get_by_role("button", name="Sign as prescriber").click()
        _done(page, "Note signed and locked.")
        expect(page.get_by_text("Signed and locked", exact=True)).to_be_visible()
        screenshot(page, "session-signed-tablet")
        assert TreatmentSession.objects.get().is_locked


def test_esketamine_is_not_discharged_before_two_hours(
    page: Any, live_server: Any, plano: Location, nurse: User, prescriber: User
) -> None:
    patient = make_patient(plano, first_name="Sam", last_name="Spray")
    plan = make_plan(patient, prescriber, route="esketamine")
    booking = make_booking(plano, patient, days_ahead=1)
    with time_machine.travel(booking.starts_at + dt.timedelta(minutes=100), tick=True):
        session = make_session(
            plan,
            booking,
            nurse,
            phase=TreatmentSession.Phase.RECOVERING,
            dose=True,
            started_at=clock.now() - dt.timedelta(minutes=100),
            given_mg=Decimal(56),
        )
        for baseline in (True, False):
            VitalReading.objects.create(
                session=session,
                key=uuid.uuid4(),
                baseline=baseline,
                taken_at=clock.now(),
                systolic=124,
                diastolic=80,
                pulse=70,
                spo2=98,
                entered_by=nurse,
            )
        page.set_viewport_size(TABLET)
        _signed_in(page, live_server, nurse)
        page.goto(f"{live_server.url}/sessions/{session.code}/")
        expect(page.get_by_text("esketamine needs 2 hours of monitoring").first).to_be_visible()
        page.get_by_label("Alert and oriented").check()
        page.get_by_label("Walking steadily").check()
        page.get_by_label("Escort present (name)").fill("Kim Spray")
        page.get_by_label("Aftercare instructions given").check()
        page.get_by_role("button", name="Discharge").click()
        expect(page.get_by_role("heading", name="Not saved")).to_be_visible()
        expect(page.get_by_text("(20 min left)").first).to_be_visible()
        _fits(page)
        session.refresh_from_db()
        assert session.phase == TreatmentSession.Phase.RECOVERING
