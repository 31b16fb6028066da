"""No double booking under load, on PostgreSQL: 50 requests at once for one chair and time,
10 times over, give exactly one booking and 49 clear "taken" answers each time."""

from __future__ import annotations

import datetime as dt
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.test import Client

from clinic.accounts.models import User
from clinic.locations.models import Location
from clinic.patients.tests.factories import make_patient
from clinic.scheduling.models import Booking, Hold
from clinic.scheduling.tests.factories import days_open, open_location, standard_types

CLIENTS = 50
ROUNDS = 10  # fifty requests race in each round


@pytest.mark.postgres  # the exclusion constraint is PostgreSQL's; SQLite serialises writes
@pytest.mark.django_db(transaction=True)
def test_fifty_requests_for_one_chair_book_it_once(
    plano: Location, nurse: User, front_desk: User
) -> None:
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


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_two_sqlite_writers_queue_instead_of_failing(tmp_path: Path) -> None:
    """With the embedded database's settings, a second writer waits at BEGIN for the first to
    commit (IMMEDIATE transactions, a busy timeout) instead of failing half-way with "database
    is locked"; both writes land."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    database = settings.DATABASES["default"]
    params = {**database, "NAME": str(tmp_path / "writers.sqlite3")}

    def register(alias: str) -> None:  # connections are per thread
        connections[alias] = DatabaseWrapper(params, alias)

    def release(alias: str) -> None:
        connections[alias].close()
        del connections[alias]

    register("setup")
    with connections["setup"].cursor() as cursor:
        cursor.execute("CREATE TABLE seen (n integer)")
    holding, waited, failed = threading.Event(), [], []

    def first() -> None:
        register("writer_a")
        try:
            with transaction.atomic(using="writer_a"):
                connections["writer_a"].cursor().execute("INSERT INTO seen VALUES (1)")
                holding.set()
                time.sleep(0.5)
        except Exception as exc:
            failed.append(exc)
        finally:
            release("writer_a")

    def second() -> None:
        register("writer_b")
        try:
            holding.wait(5)
            started = time.monotonic()
            with transaction.atomic(using="writer_b"):
                cursor = connections["writer_b"].cursor()
                cursor.execute("SELECT count(*) FROM seen")  # read, then write: the hard case
                cursor.execute("INSERT INTO seen VALUES (2)")
            waited.append(time.monotonic() - started)
        except Exception as exc:
            failed.append(exc)
        finally:
            release("writer_b")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert failed == []
    assert waited[0] >= 0.3  # it queued behind the first writer
    with connections["setup"].cursor() as cursor:
        cursor.execute("SELECT n FROM seen ORDER BY n")
        assert [row[0] for row in cursor.fetchall()] == [1, 2]
    release("setup")
