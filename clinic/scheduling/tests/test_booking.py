"""The booking service: all resources or nothing, no double booking, idempotency, reschedule,
cancel (late or not), attendance, and the audit events."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine

from clinic.accounts.models import User
from clinic.audit.models import AuditEvent
from clinic.enquiries.tests.factories import make_enquiry
from clinic.locations.models import Location
from clinic.patients.tests.factories import make_patient
from clinic.scheduling import services
from clinic.scheduling.audit_actions import SchedulingAction
from clinic.scheduling.models import Booking, Hold
from clinic.scheduling.services import BookingStateError, SlotUnavailable, Who
from clinic.scheduling.tests.factories import open_location, standard_types

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
NOW = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)  # Monday 8 am in Chicago


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=CHICAGO).astimezone(dt.UTC)


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def clinic(plano: Location, nurse: User, prescriber: User, front_desk: User) -> dict[str, object]:
    open_location(plano, chairs=1, rooms=1, staff=(nurse, prescriber, front_desk))
    return {"types": standard_types(), "location": plano}


def book(clinic: dict[str, object], slug: str, start: dt.datetime, **extra: object) -> Booking:
    location = clinic["location"]
    assert isinstance(location, Location)
    who = extra.pop("who", None) or Who(patient=make_patient(location))
    return services.booking_create(
        kind=clinic["types"][slug],  # type: ignore[index]
        location=location,
        start=start,
        who=who,  # type: ignore[arg-type]
        by_staff=bool(extra.pop("by_staff", True)),
        **extra,  # type: ignore[arg-type]
    )


def test_an_infusion_holds_a_chair_and_a_nurse_with_its_buffers(clinic: dict, nurse: User) -> None:
    booking = book(clinic, "iv-ketamine-infusion", at(3, 9))
    holds = {h.need: h for h in booking.holds.all()}
    assert set(holds) == {"chair", "nurse", "person"}
    assert holds["nurse"].staff == nurse
    assert (holds["person"].starts_at, holds["person"].ends_at) == (at(3, 9), at(3, 9, 40))
    assert holds["chair"].starts_at == at(3, 8, 45)  # 15 minutes of set-up before
    assert holds["chair"].ends_at == at(3, 10, 25)  # 40 minutes and 45 of recovery
    event = AuditEvent.objects.get(action=SchedulingAction.BOOKING_CREATED)
    assert event.object_code == str(booking.code)
    assert booking.patient is not None
    assert event.patient_code == booking.patient.code


def test_the_same_chair_cannot_be_booked_twice_and_the_answer_offers_next_times(
    clinic: dict,
) -> None:
    book(clinic, "iv-ketamine-infusion", at(3, 9))
    with pytest.raises(SlotUnavailable) as refused:
        book(clinic, "iv-ketamine-infusion", at(3, 9, 30))
    assert refused.value.taken
    assert refused.value.message == "That time was just taken."
    assert refused.value.next_times
    assert refused.value.next_times[0] >= at(3, 10, 30)
    assert Booking.objects.count() == 1
    assert Hold.objects.exclude(need="person").count() == 2


def test_an_esketamine_session_needs_a_prescriber_on_site_but_does_not_hold_them(
    clinic: dict, prescriber: User
) -> None:
    booking = book(clinic, "esketamine-session", at(3, 9))
    assert {h.need for h in booking.holds.all()} == {"chair", "nurse", "person"}
    # The prescriber can still see someone else meanwhile.
    book(clinic, "follow-up-visit", at(3, 9, 30))


def test_nothing_is_booked_when_one_need_is_missing(clinic: dict, prescriber: User) -> None:
    prescriber.is_active = False
    prescriber.save()
    with pytest.raises(SlotUnavailable) as refused:
        book(clinic, "esketamine-session", at(3, 9))
    assert not refused.value.taken
    assert not Booking.objects.exists()
    assert not Hold.objects.exists()


def test_outside_hours_and_inside_the_notice_are_refused(clinic: dict) -> None:
    with pytest.raises(SlotUnavailable):
        book(clinic, "iv-ketamine-infusion", at(3, 17, 30))  # recovery runs past closing
    with pytest.raises(SlotUnavailable):
        book(clinic, "iv-ketamine-infusion", at(8, 9))  # Sunday: closed
    with pytest.raises(SlotUnavailable):  # self-booking respects the minimum notice
        book(clinic, "free-phone-consultation", at(2, 9), by_staff=False)
    assert book(clinic, "free-phone-consultation", at(2, 11), by_staff=False)


def test_the_same_form_sent_twice_books_once(clinic: dict) -> None:
    first = book(clinic, "follow-up-visit", at(3, 9), idempotency_key="k-1")
    again = book(clinic, "follow-up-visit", at(3, 9), idempotency_key="k-1")
    assert first.pk == again.pk
    assert Booking.objects.count() == 1


def test_cancel_frees_the_chair_and_records_late_cancellation(clinic: dict) -> None:
    booking = book(clinic, "iv-ketamine-infusion", at(2, 15))
    cancelled = services.booking_cancel(booking=booking, reason="unwell", by_patient=True)
    assert cancelled.status == Booking.Status.CANCELLED
    assert cancelled.late_cancel  # 7 hours' notice, within the 24-hour window
    assert not Hold.objects.filter(active=True).exists()
    assert book(clinic, "iv-ketamine-infusion", at(2, 15))
    with pytest.raises(BookingStateError):
        services.booking_cancel(booking=cancelled, reason="other", by_patient=True)
    early = book(clinic, "iv-ketamine-infusion", at(3, 9))  # 25 hours ahead
    assert not services.booking_cancel(
        booking=early, reason="schedule", by_patient=True
    ).late_cancel


def test_reschedule_moves_every_hold_and_may_overlap_its_own_old_time(clinic: dict) -> None:
    booking = book(clinic, "iv-ketamine-infusion", at(3, 9))
    moved = services.booking_reschedule(booking=booking, start=at(3, 9, 30), by_staff=True)
    assert moved.starts_at == at(3, 9, 30)
    active = Hold.objects.filter(active=True).exclude(need="person")
    assert active.count() == 2
    assert all(h.starts_at == at(3, 9, 15) for h in active)
    other = book(clinic, "iv-ketamine-infusion", at(3, 14))
    with pytest.raises(SlotUnavailable):
        services.booking_reschedule(booking=other, start=at(3, 10), by_staff=True)
    assert AuditEvent.objects.filter(action=SchedulingAction.BOOKING_CHANGED).count() == 1


def test_attendance_and_no_show_are_recorded_once_the_time_has_come(
    clinic: dict, nurse: User
) -> None:
    booking = book(clinic, "follow-up-visit", at(2, 11))
    with pytest.raises(BookingStateError):
        services.booking_mark(booking=booking, status=Booking.Status.NO_SHOW, actor=nurse)
    with time_machine.travel(at(2, 11, 20), tick=False):
        marked = services.booking_mark(booking=booking, status=Booking.Status.NO_SHOW, actor=nurse)
    assert marked.status == Booking.Status.NO_SHOW


def test_a_staff_member_busy_at_one_location_is_not_free_at_another(
    clinic: dict, frisco: Location, nurse: User
) -> None:
    open_location(frisco, chairs=1, rooms=0, staff=(nurse,))
    book(clinic, "iv-ketamine-infusion", at(3, 9))
    with pytest.raises(SlotUnavailable):
        services.booking_create(
            kind=clinic["types"]["iv-ketamine-infusion"],
            location=frisco,
            start=at(3, 9),
            who=Who(enquiry=make_enquiry(frisco)),
            by_staff=True,
        )
