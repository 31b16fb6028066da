"""No double booking under load, on PostgreSQL: 50 requests at once for one chair and time,
20 times over, give exactly one booking and 49 clear "taken" answers each time."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client

from clinic.accounts.models import User
from clinic.locations.models import Location
from clinic.patients.tests.factories import make_patient
from clinic.scheduling.models import Booking, Hold
from clinic.scheduling.tests.factories import days_open, open_location, standard_types

CLIENTS = 50
ROUNDS = 20


@pytest.mark.django_db(transaction=True)
def test_fifty_requests_for_one_chair_book_it_once(
    plano: Location, nurse: User, front_desk: User
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the exclusion constraint is PostgreSQL's; SQLite serialises every write")
    open_location(plano, chairs=1, rooms=0, staff=(nurse,))
    kind = standard_types()["iv-ketamine-infusion"]
    patients = [make_patient(plano) for _ in range(CLIENTS)]
    clients = []
    for _ in range(CLIENTS):
        client = Client()
        client.force_login(front_desk)
        clients.append(client)

    def attempt(n: int, day: dt.date, start: str, barrier: threading.Barrier) -> int:
        try:
            barrier.wait()
            response = clients[n].post(
                f"/schedule/book/?patient={patients[n].code}",
                {
                    "appointment_type": kind.pk,
                    "location": plano.pk,
                    "day": day.isoformat(),
                    "start": start,
                },
            )
            if response.status_code == 409:
                assert "That time was just taken." in response.content.decode()
            return response.status_code
        finally:
            connections.close_all()

    for day in days_open(plano, ROUNDS):
        start = dt.datetime.combine(day, dt.time(9), tzinfo=plano.tz).astimezone(dt.UTC)
        barrier = threading.Barrier(CLIENTS)
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            statuses = list(
                pool.map(
                    attempt,
                    range(CLIENTS),
                    [day] * CLIENTS,
                    [start.isoformat()] * CLIENTS,
                    [barrier] * CLIENTS,
                )
            )
        assert sorted(statuses) == [302] + [409] * (CLIENTS - 1), statuses
        assert Booking.objects.filter(starts_at=start).count() == 1
        assert (
            Hold.objects.filter(
                active=True, starts_at__lt=start + dt.timedelta(hours=2), ends_at__gt=start
            ).count()
            == 3  # the chair, the nurse and the patient's own time
        )
    late = clients[0].post(
        f"/schedule/book/?patient={patients[0].code}",
        {
            "appointment_type": kind.pk,
            "location": plano.pk,
            "day": day.isoformat(),
            "start": start.isoformat(),
        },
    )
    assert late.status_code == 409
    assert Booking.objects.count() == ROUNDS


def test_sqlite_write_transactions_are_serialised() -> None:
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
