"""Simultaneous bookings fill a pool up to its capacity on PostgreSQL, never with a database
error: k requests through the staff booking page for one time at a location with N free
chair-and-nurse pairs give exactly min(k, N) bookings, every other answer a clear "taken",
20 rounds each (8 with fifty at once); the same from separate processes; and one person is
never booked into two appointments at once, however many are sent together."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.test import Client

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.accounts.tests.factories import make_user
from clinic.locations.models import Location
from clinic.patients.models import Patient
from clinic.patients.tests.factories import make_patient
from clinic.scheduling.models import AppointmentType, Booking
from clinic.scheduling.tests.factories import days_open, open_location, standard_types

ROUNDS = 20
# With fifty clients each round already races fifty requests; fewer rounds keep the PostgreSQL
# run inside its time budget (each round is 50 requests through the whole stack).
ROUNDS_FOR_FIFTY = 8

pytestmark = [
    pytest.mark.postgres,  # SQLite serialises every write: the race needs PostgreSQL
    pytest.mark.django_db(transaction=True),
]


def _pool(location: Location, size: int) -> AppointmentType:
    nurses = tuple(
        make_user(Role.NURSE, mfa=False, locations=[location], full_name=f"Nurse {n}")
        for n in range(size)
    )
    open_location(location, chairs=size, rooms=0, staff=nurses)
    return standard_types()["iv-ketamine-infusion"]


def _post(client: Client, patient: Patient, kind: AppointmentType, location: Location, day, start):
    return client.post(
        f"/schedule/book/?patient={patient.code}",
        {
            "appointment_type": kind.pk,
            "location": location.pk,
            "day": day.isoformat(),
            "start": start.isoformat(),
        },
    )


def _start(location: Location, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9), tzinfo=location.tz).astimezone(dt.UTC)


def _check_round(statuses: list[int], bodies: list[str], expected: int) -> None:
    assert statuses.count(302) == expected, statuses
    assert statuses.count(409) == len(statuses) - expected, statuses
    for status, body in zip(statuses, bodies, strict=True):
        if status == 409:
            assert "That time was just taken." in body


@pytest.mark.parametrize(("k", "n"), [(8, 10), (50, 10), (8, 50), (50, 50)])
def test_k_simultaneous_bookings_fill_n_free_pairs(
    k: int, n: int, plano: Location, front_desk: User
) -> None:
    kind = _pool(plano, n)
    patients = [make_patient(plano) for _ in range(k)]
    clients = []
    for _ in range(k):
        client = Client()
        client.force_login(front_desk)
        clients.append(client)

    def attempt(i: int, day: dt.date, barrier: threading.Barrier) -> tuple[int, str]:
        try:
            barrier.wait()
            response = _post(clients[i], patients[i], kind, plano, day, _start(plano, day))
            return response.status_code, response.content.decode()
        finally:
            connections.close_all()

    for day in days_open(plano, ROUNDS if k < 50 else ROUNDS_FOR_FIFTY):
        barrier = threading.Barrier(k)
        with ThreadPoolExecutor(max_workers=k) as pool:
            results = list(pool.map(attempt, range(k), [day] * k, [barrier] * k))
        _check_round([s for s, _ in results], [b for _, b in results], min(k, n))
        assert Booking.objects.filter(starts_at=_start(plano, day)).count() == min(k, n)


def _process_attempt(args: tuple[int, str, str, int, int, str]) -> tuple[int, str]:
    user_id, patient_code, day_text, kind_id, location_id, start_text = args
    connections.close_all()  # this process's own connection
    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    response = client.post(
        f"/schedule/book/?patient={patient_code}",
        {
            "appointment_type": kind_id,
            "location": location_id,
            "day": day_text,
            "start": start_text,
        },
    )
    connections.close_all()
    return response.status_code, response.content.decode()


def test_separate_processes_fill_the_pool_exactly(plano: Location, front_desk: User) -> None:
    k, n = 12, 5
    kind = _pool(plano, n)
    patients = [make_patient(plano) for _ in range(k)]
    context = multiprocessing.get_context("fork")
    for day in days_open(plano, 3):
        start = _start(plano, day)
        work = [
            (front_desk.pk, str(p.code), day.isoformat(), kind.pk, plano.pk, start.isoformat())
            for p in patients
        ]
        connections.close_all()
        with context.Pool(k) as pool:
            results = pool.map(_process_attempt, work)
        _check_round([s for s, _ in results], [b for _, b in results], n)
        assert Booking.objects.filter(starts_at=start).count() == n


def test_one_person_sent_ten_times_at_once_is_booked_once(
    plano: Location, front_desk: User
) -> None:
    kind = _pool(plano, 10)
    patient = make_patient(plano)
    day = days_open(plano, 1)[0]
    clients = []
    for _ in range(10):
        client = Client()
        client.force_login(front_desk)
        clients.append(client)
    barrier = threading.Barrier(10)

    def attempt(i: int) -> int:
        try:
            barrier.wait()
            return _post(clients[i], patient, kind, plano, day, _start(plano, day)).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(attempt, range(10)))
    assert statuses.count(302) == 1, statuses
    assert all(s in (302, 409) for s in statuses), statuses
    assert Booking.objects.filter(patient=patient).count() == 1
