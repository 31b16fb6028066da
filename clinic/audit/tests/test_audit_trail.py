"""The audit trail: chained, verified, append-only on PostgreSQL, searchable by the owner."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import Client

from clinic.accounts.models import User
from clinic.audit.models import Action, AuditEvent
from clinic.audit.services import audit_record
from clinic.locations.models import Location
from clinic.patients.tests.factories import make_patient

pytestmark = pytest.mark.django_db


def _events(n: int) -> list[AuditEvent]:
    return [audit_record(action=Action.PATIENT_VIEWED, details={"n": i}) for i in range(n)]


@contextmanager
def _as_table_owner() -> Iterator[None]:
    """Someone with DDL rights who switches the append-only trigger off (PostgreSQL)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # flush the test's pending FK checks
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
    try:
        yield
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only"
                )


def test_events_form_a_contiguous_chain(capsys: pytest.CaptureFixture[str]) -> None:
    events = _events(5)
    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    assert events[1].prev_hash == events[0].hash
    call_command("audit_verify")
    assert "intact: 5 events" in capsys.readouterr().out


@pytest.mark.parametrize("column", ["action", "details", "actor_id", "at", "patient_code"])
def test_editing_any_row_through_sql_is_named_by_verify(column: str, nurse: User) -> None:
    events = _events(6)
    target = events[3]
    values = {
        "action": "'sign_in'",
        "details": "'{\"n\": 99}'",
        "actor_id": str(nurse.pk),
        "at": "'2020-01-01 00:00:00'",
        "patient_code": "'00000000000040008000000000000000'"
        if connection.vendor == "sqlite"
        else "'00000000-0000-4000-8000-000000000000'",
    }
    with _as_table_owner(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE audit_auditevent SET {column} = {values[column]} WHERE seq = %s",
            [target.seq],
        )
    with pytest.raises(CommandError, match=f"event {target.seq}: altered"):
        call_command("audit_verify")


def test_deleting_a_row_through_sql_is_named_by_verify() -> None:
    _events(6)
    with _as_table_owner(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE seq = 4")
    with pytest.raises(CommandError, match="event 4: missing"):
        call_command("audit_verify")


def test_deleting_the_newest_rows_is_named_by_verify() -> None:
    _events(6)
    with _as_table_owner(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE seq >= 5")
    with pytest.raises(CommandError, match="event 5: missing"):
        call_command("audit_verify")


@pytest.mark.postgres  # PostgreSQL's trigger
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditevent SET action = 'sign_in' WHERE seq = 1",
        "DELETE FROM audit_auditevent WHERE seq = 1",
    ],
)
def test_postgresql_refuses_update_and_delete(statement: str) -> None:
    _events(2)

    def attempt() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)

    with pytest.raises(DatabaseError, match="append-only"):
        attempt()
    assert AuditEvent.objects.count() == 2


def test_a_write_and_its_event_commit_together(plano: Location) -> None:
    """If the change fails after its event was written, neither is kept."""
    before = AuditEvent.objects.count()

    @transaction.atomic
    def change_that_fails() -> None:
        make_patient(plano)
        raise RuntimeError("the rest of the change failed")

    with pytest.raises(RuntimeError):
        change_that_fails()
    assert AuditEvent.objects.count() == before
    call_command("audit_verify")


def test_sign_in_sign_out_failure_and_denial_are_recorded(nurse: User) -> None:
    from clinic.accounts.tests.factories import PASSWORD, totp_code

    client = Client()
    client.post("/accounts/login/", {"login": nurse.email, "password": "wrong-password-1"})
    client.post("/accounts/login/", {"login": nurse.email, "password": PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(nurse)})
    client.get("/audit/")  # a nurse may not read the trail
    client.post("/accounts/logout/")
    actions = list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))
    assert actions[-4:] == [
        Action.SIGN_IN_FAILED,
        Action.SIGN_IN,
        Action.ACCESS_DENIED,
        Action.SIGN_OUT,
    ]
    failed = AuditEvent.objects.get(action=Action.SIGN_IN_FAILED)
    assert nurse.email not in str(failed.details)
    assert failed.ip == "127.0.0.1"


def test_owner_searches_the_trail_and_the_search_is_recorded(
    owner: User, nurse: User, plano: Location
) -> None:
    patient = make_patient(plano)
    client = Client()
    client.force_login(nurse)
    client.get(f"/patients/{patient.code}/")
    client.force_login(owner)
    response = client.get("/audit/", {"patient": str(patient.code), "action": "patient_viewed"})
    assert response.status_code == 200
    rows = list(response.context["page"])
    assert [e.actor for e in rows] == [nurse]
    latest = AuditEvent.objects.order_by("-seq").first()
    assert latest is not None
    assert latest.action == Action.AUDIT_VIEWED
    assert latest.actor == owner
    assert latest.patient_code == patient.code


def test_audit_search_by_user_and_dates(owner: User, nurse: User) -> None:
    audit_record(action=Action.PATIENT_LISTED, actor=nurse)
    client = Client()
    client.force_login(owner)
    response = client.get(
        "/audit/", {"user": nurse.email, "since": "2000-01-01", "until": "2199-12-31"}
    )
    assert {e.actor for e in response.context["page"]} == {nurse}
    bad = client.get("/audit/", {"since": "2026-02-01", "until": "2026-01-01"})
    assert bad.status_code == 400


def test_a_nul_in_details_is_recorded_on_every_database() -> None:
    """PostgreSQL's jsonb refuses U+0000: the event is kept, with the NUL shown as U+2400."""
    audit_record(action=Action.ACCESS_DENIED, details={"path": "/admin/\x00x/", "k\x00": ["\x00"]})
    event = AuditEvent.objects.get(action=Action.ACCESS_DENIED)
    assert event.details == {"path": "/admin/\u2400x/", "k\u2400": ["\u2400"]}


def test_a_nul_probe_of_the_admin_is_refused_and_recorded(nurse: User) -> None:
    client = Client()
    client.force_login(nurse)
    response = client.get("/admin/%00x/")
    assert response.status_code in (403, 404)
    assert AuditEvent.objects.filter(action=Action.ACCESS_DENIED).exists()


@pytest.mark.postgres  # SQLite serialises every write
@pytest.mark.django_db(transaction=True)
def test_events_appended_at_once_keep_the_chain_whole() -> None:
    """Twenty writers appending outside any transaction of their own: each append is one
    transaction, so sequence numbers are contiguous and every link holds."""
    import threading

    from django.db import connections

    barrier = threading.Barrier(20)

    def append() -> None:
        try:
            barrier.wait()
            for _ in range(5):
                audit_record(action=Action.PATIENT_LISTED)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=append) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    seqs = sorted(AuditEvent.objects.values_list("seq", flat=True))
    assert seqs == list(range(seqs[0], seqs[0] + 100))
    call_command("audit_verify")
