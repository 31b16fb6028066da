"""Reminders: at each type's offsets, by email (with .ics and preparation) and text message,
handed to the outbox once, retried there and then shown to staff; the database queue defers
them."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.test.client import Client

from clinic.accounts.models import User
from clinic.core import outbox, sms
from clinic.core.models import OutgoingMessage
from clinic.locations.models import Location
from clinic.patients.tests.factories import make_patient
from clinic.scheduling import reminders, services
from clinic.scheduling.models import Booking, Reminder
from clinic.scheduling.tests.factories import open_location, standard_types

NOW = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)  # Monday 8 am in Chicago
START = dt.datetime(2026, 3, 5, 15, 0, tzinfo=dt.UTC)  # Thursday 9 am


@pytest.fixture(autouse=True)
def _frozen() -> object:
    sms.outbox.clear()
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def booking(plano: Location, nurse: User) -> Booking:
    open_location(plano, chairs=1, rooms=0, staff=(nurse,))
    kind = standard_types()["iv-ketamine-infusion"]
    patient = make_patient(plano, email="pat@example.org", phone="(972) 555-0111")
    return services.booking_create(
        kind=kind, location=plano, start=START, who=services.Who(patient=patient), by_staff=True
    )


def test_one_reminder_per_channel_and_offset(booking: Booking) -> None:
    due = sorted((r.channel, r.hours_before, r.due_at) for r in booking.reminders.all())
    assert due == [
        ("email", 2, START - dt.timedelta(hours=2)),
        ("email", 48, START - dt.timedelta(hours=48)),
        ("sms", 2, START - dt.timedelta(hours=2)),
        ("sms", 48, START - dt.timedelta(hours=48)),
    ]


@override_settings(CLINIC_SMS_BACKEND="")
def test_with_text_messages_off_only_emails_are_planned(plano: Location, nurse: User) -> None:
    """CLINIC_SMS_BACKEND=none: no text reminder is planned, so none is ever marked sent."""
    open_location(plano, chairs=1, rooms=0, staff=(nurse,))
    patient = make_patient(plano, email="pat@example.org", phone="(972) 555-0111")
    booking = services.booking_create(
        kind=standard_types()["iv-ketamine-infusion"],
        location=plano,
        start=START,
        who=services.Who(patient=patient),
        by_staff=True,
    )
    assert {r.channel for r in booking.reminders.all()} == {"email"}


@override_settings(DEBUG=False)
def test_the_console_backend_never_logs_a_number_outside_development(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with pytest.raises(RuntimeError):
        sms.ConsoleBackend().send_messages([sms.TextMessage(to="(972) 555-0199", body="x")])
    assert "555-0199" not in caplog.text


def test_nothing_is_sent_before_it_is_due_and_each_is_sent_once(booking: Booking) -> None:
    assert reminders.reminders_send_due() == {}
    with time_machine.travel(START - dt.timedelta(hours=47), tick=False):
        assert reminders.reminders_send_due() == {"queued": 2}
        assert reminders.reminders_send_due() == {}
        call_command("send_due_reminders")
    (message,) = mail.outbox
    assert "Reminder" in message.subject
    assert "must not drive" in message.body
    assert message.attachments[0][0] == "appointment.ics"
    (text,) = sms.outbox
    assert text.to == "(972) 555-0111"
    assert "Thursday 5 March 2026, 9:00 am" in text.body
    for code in booking.reminders.values_list("code", flat=True):
        reminders.reminder_send(str(code))  # a second worker picking it up
    assert len(mail.outbox) == 1
    assert len(sms.outbox) == 1


def test_a_cancelled_or_moved_booking_sends_no_stale_reminder(booking: Booking) -> None:
    services.booking_cancel(booking=booking, reason="other", by_patient=False)
    with time_machine.travel(START - dt.timedelta(hours=1), tick=False):
        assert reminders.reminders_send_due() == {}
    assert not mail.outbox
    assert set(booking.reminders.values_list("status", flat=True)) == {"cancelled"}


class Broken:
    def send_messages(self, messages: object) -> int:
        raise ConnectionError("provider down")


@override_settings(CLINIC_SMS_BACKEND="clinic.scheduling.tests.test_reminders.Broken")
def test_a_failure_is_retried_then_shown_to_staff(
    booking: Booking, nurse: User, client: Client
) -> None:
    moment = START - dt.timedelta(hours=2)
    with time_machine.travel(moment, tick=False):
        reminders.reminders_send_due()
    failing = booking.reminders.select_related("message").get(channel="sms", hours_before=2)
    assert failing.status == Reminder.Status.QUEUED
    message = failing.message
    assert message is not None
    while message.status == OutgoingMessage.Status.PENDING:
        with time_machine.travel(message.next_attempt_at, tick=False):
            outbox.sweep()
        message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.FAILED
    assert message.attempts > 5  # retried with growing waits for a day, then given up
    assert message.last_error == "ConnectionError"  # the kind of error, never its text
    email = booking.reminders.select_related("message").get(channel="email", hours_before=2)
    assert email.message is not None
    assert email.message.status == OutgoingMessage.Status.SENT
    with time_machine.travel(START - dt.timedelta(hours=1), tick=False):
        client.force_login(nurse)
        page = client.get("/schedule/", {"day": "2026-03-05"}).content.decode()
        assert "Messages that could not be sent" in page
        assert "Reminder text message" in page
        detail = client.get(f"/schedule/{booking.code}/").content.decode()
        assert "Could not be sent" in detail
        assert "Send again" in detail


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_database_queue_runs_each_reminder_at_its_time(plano: Location, nurse: User) -> None:
    from django_tasks_db.models import DBTaskResult

    open_location(plano, chairs=1, rooms=0, staff=(nurse,))
    kind = standard_types()["follow-up-visit"]
    kind.prescriber = "none"
    kind.needs_room = False
    kind.needs_nurse = True
    kind.save()
    patient = make_patient(plano, email="queue@example.org")
    booking = services.booking_create(
        kind=kind, location=plano, start=START, who=services.Who(patient=patient), by_staff=True
    )
    queued = DBTaskResult.objects.filter(task_path="clinic.scheduling.reminders.send_reminder")
    assert [t.run_after for t in queued] == [START - dt.timedelta(hours=24)]
    call_command("db_worker", batch=True, queue_name="default")
    assert not mail.outbox  # not yet due
    with time_machine.travel(START - dt.timedelta(hours=23), tick=False):
        call_command("db_worker", batch=True, queue_name="default")
        call_command("db_worker", batch=True, queue_name="default")
    assert len(mail.outbox) == 1
    reminder = booking.reminders.select_related("message").get()
    assert reminder.status == Reminder.Status.QUEUED
    assert reminder.message is not None
    assert reminder.message.status == OutgoingMessage.Status.SENT
