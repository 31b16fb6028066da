"""Writes that used to live in views: calendar feeds and the creation of a series go through
services, each with its audit event, and need no web request."""

from __future__ import annotations

import datetime as dt

import pytest

from clinic.accounts.models import User
from clinic.audit.models import AuditEvent
from clinic.core.context import Acting
from clinic.locations.models import Location
from clinic.patients.tests.factories import make_patient
from clinic.scheduling import feeds, series_booking, services
from clinic.scheduling.audit_actions import SchedulingAction
from clinic.scheduling.models import BookingSeries
from clinic.scheduling.tests.factories import days_open, open_location, standard_types

pytestmark = pytest.mark.django_db


def test_a_feed_is_created_opened_and_revoked_through_its_services(nurse: User) -> None:
    ctx = Acting.script(nurse)
    feed, token = feeds.feed_create(user=nurse, ctx=ctx)
    assert feed.token_hash != token
    opened = feeds.feed_open(token)
    assert opened is not None
    assert opened.pk == feed.pk
    feed.refresh_from_db()
    assert feed.last_used_at is not None
    assert feeds.feed_revoke(user=nurse, feed_id=str(feed.pk), ctx=ctx) == 1
    assert feeds.feed_open(token) is None
    assert feeds.feed_revoke(user=nurse, feed_id="x' OR 1=1", ctx=ctx) == 0
    events = AuditEvent.objects.filter(action=SchedulingAction.FEED_CHANGED, actor=nurse)
    assert events.count() == 3


def test_a_series_is_created_with_its_event(plano: Location, nurse: User, front_desk: User) -> None:
    open_location(plano, chairs=2, staff=(nurse, front_desk))
    patient = make_patient(plano, first_name="Series")
    days = days_open(plano, 3)
    result = series_booking.series_book(
        kind=standard_types()["iv-ketamine-infusion"],
        location=plano,
        starts=[
            dt.datetime.combine(day, dt.time(10), tzinfo=plano.tz).astimezone(dt.UTC)
            for day in days
        ],
        who=services.Who(patient=patient),
        actor=front_desk,
        ctx=Acting.script(front_desk),
    )
    assert len(result.booked) == 3
    event = AuditEvent.objects.get(action=SchedulingAction.SERIES_CREATED)
    assert event.object_code == str(BookingSeries.objects.get().code)
    assert event.patient_code == patient.code
    assert event.details["requested"] == 3
