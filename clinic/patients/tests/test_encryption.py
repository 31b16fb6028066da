"""Patient data is encrypted at rest, bound to its row, and fails loudly when altered."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings

from clinic.accounts.models import User
from clinic.core import keys
from clinic.core.crypto import DecryptionError, key_id_of
from clinic.locations.models import Location
from clinic.patients.models import BreakGlassGrant, Patient
from clinic.patients.services import break_glass_open
from clinic.patients.tests.factories import make_patient

CANARY_NAME = "Zyxquorbellian"
CANARY_PHONE = "(972) 555-0187"
CANARY_EMAIL = "canary.zyxq@example.org"
CANARY_REASON = "Canaryreason Vorpalstrum covering"


def _canary_patient(location: Location) -> Patient:
    return make_patient(location, first_name=CANARY_NAME, phone=CANARY_PHONE, email=CANARY_EMAIL)


def _raw(patient: Patient, column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM patients_patient WHERE id = %s", [patient.pk])
        return str(cursor.fetchone()[0])


def _set_raw(patient: Patient, column: str, value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE patients_patient SET {column} = %s WHERE id = %s",
            [value, patient.pk],
        )


@pytest.mark.django_db
def test_values_are_stored_encrypted_and_read_back(plano: Location) -> None:
    patient = _canary_patient(plano)
    for column in ("first_name", "last_name", "date_of_birth", "phone", "email"):
        assert _raw(patient, column).startswith("v1:t1:")
    fresh = Patient.objects.get(pk=patient.pk)
    assert fresh.first_name == CANARY_NAME
    assert fresh.phone == CANARY_PHONE
    assert fresh.email == CANARY_EMAIL


@pytest.mark.django_db
def test_a_flipped_byte_in_the_database_fails_loudly(plano: Location) -> None:
    patient = _canary_patient(plano)
    stored = _raw(patient, "first_name")
    raw = bytearray(base64.b64decode(stored.split(":", 2)[2]))
    raw[len(raw) // 2] ^= 0x40
    _set_raw(patient, "first_name", "v1:t1:" + base64.b64encode(bytes(raw)).decode())
    fresh = Patient.objects.get(pk=patient.pk)
    with pytest.raises(DecryptionError):
        _ = fresh.first_name
    assert fresh.last_name  # the other fields are unharmed


@pytest.mark.django_db
def test_a_value_moved_to_another_row_fails_loudly(plano: Location) -> None:
    first = _canary_patient(plano)
    second = make_patient(plano, first_name="Other")
    _set_raw(second, "first_name", _raw(first, "first_name"))
    with pytest.raises(DecryptionError):
        _ = Patient.objects.get(pk=second.pk).first_name


@pytest.mark.django_db
def test_a_value_moved_to_another_column_fails_loudly(plano: Location) -> None:
    patient = _canary_patient(plano)
    _set_raw(patient, "last_name", _raw(patient, "first_name"))
    with pytest.raises(DecryptionError):
        _ = Patient.objects.get(pk=patient.pk).last_name


@pytest.mark.django_db
def test_encrypted_fields_cannot_be_searched_by_plaintext(plano: Location) -> None:
    _canary_patient(plano)
    with pytest.raises(TypeError, match="blind index"):
        list(Patient.objects.filter(first_name=CANARY_NAME))


def _other_key(key_id: str, fill: bytes) -> str:
    return f"{key_id}:{base64.b64encode(fill * 32).decode()}"


@pytest.mark.django_db
def test_rotation_moves_every_value_to_the_new_key(
    plano: Location, nurse: User, capsys: pytest.CaptureFixture[str]
) -> None:
    patients = [_canary_patient(plano) for _ in range(7)]
    break_glass_open(actor=nurse, patient=patients[0], reason=CANARY_REASON)
    before = {
        p.pk: (p.first_name, p.last_name, p.date_of_birth, p.phone, p.email) for p in patients
    }
    old = os.environ["CLINIC_ENCRYPTION_KEYS"]
    try:
        with override_settings(CLINIC_ENCRYPTION_KEYS=f"{_other_key('t2', b'2')},{old}"):
            keys.reset()
            call_command("rotate_encryption_keys", "--batch", "3")
            out = capsys.readouterr().out
            assert "t2: " in out.split("After:")[1]
            assert "t1:" not in out.split("After:")[1]
            for patient in Patient.objects.all():
                for column in ("first_name", "last_name", "date_of_birth", "phone", "email"):
                    assert key_id_of(_raw(patient, column)) == "t2"
        # the old key can now go: everything reads back unchanged under the new key alone
        with override_settings(CLINIC_ENCRYPTION_KEYS=_other_key("t2", b"2")):
            keys.reset()
            for patient in Patient.objects.all():
                assert (
                    patient.first_name,
                    patient.last_name,
                    patient.date_of_birth,
                    patient.phone,
                    patient.email,
                ) == before[patient.pk]
            assert BreakGlassGrant.objects.get().reason == CANARY_REASON
            call_command("rotate_encryption_keys")  # nothing left to do, and it says so
            assert "Rows to re-encrypt: 0" in capsys.readouterr().out
    finally:
        keys.reset()


@pytest.mark.django_db
def test_authenticator_secrets_are_encrypted_too(nurse: User) -> None:
    from allauth.mfa.models import Authenticator

    stored = Authenticator.objects.get(user=nurse).data["secret"]
    assert stored.startswith("v1:t1:")
    assert nurse.totp_secret not in stored  # type: ignore[attr-defined]


@pytest.mark.django_db(transaction=True)
def test_canaries_never_appear_in_the_database_files_or_logs(
    plano: Location, nurse: User, caplog: pytest.LogCaptureFixture
) -> None:
    """Through the real pages: create, list, view, edit, emergency access. Then look at the
    raw database (the SQLite file, or a pg_dump) and every log line of the run."""
    caplog.set_level("DEBUG")
    caplog.set_level("DEBUG", logger="django.db.backends")
    client = Client()
    client.force_login(nurse)
    connection.force_debug_cursor = True  # every SQL statement and its parameters are logged
    try:
        response = client.post(
            "/patients/new/",
            {
                "first_name": CANARY_NAME,
                "last_name": "Avery",
                "date_of_birth": "1984-05-17",
                "phone": CANARY_PHONE,
                "email": CANARY_EMAIL,
                "home_location": plano.pk,
            },
        )
        assert response.status_code == 302
        code = response["Location"].split("/")[2]
        assert CANARY_NAME.encode() in client.get(f"/patients/{code}/").content
        assert CANARY_NAME.encode() in client.get("/patients/").content
        client.get(f"/patients/{code}/edit/")
    finally:
        connection.force_debug_cursor = False
    assert "INSERT INTO" in caplog.text  # the SQL log was really captured
    patient = Patient.objects.get(code=code)
    outsider = User.objects.create_user("outsider@example.org", "x" * 20, full_name="Out")
    break_glass_open(actor=outsider, patient=patient, reason=CANARY_REASON)

    canaries = [CANARY_NAME, CANARY_PHONE, CANARY_EMAIL, "5550187", CANARY_REASON]
    dump = _database_bytes()
    for canary in canaries:
        assert canary.encode() not in dump, f"{canary!r} found in the raw database"
        assert canary not in caplog.text, f"{canary!r} found in the logs"


def _database_bytes() -> bytes:
    if connection.vendor == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "copy.sqlite3"
            with connection.cursor() as cursor:
                cursor.execute("VACUUM INTO %s", [str(target)])
            return target.read_bytes()
    if connection.vendor == "postgresql":
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            pytest.fail(
                "pg_dump is needed to check the PostgreSQL dump (install postgresql-client)"
            )
        settings_dict = connection.settings_dict
        env = {**os.environ, "PGPASSWORD": settings_dict.get("PASSWORD") or ""}
        result = subprocess.run(  # noqa: S603 - fixed argv
            [
                pg_dump,
                "--host",
                settings_dict.get("HOST") or "127.0.0.1",
                "--port",
                str(settings_dict.get("PORT") or 5432),
                "--username",
                settings_dict["USER"],
                "--no-password",
                settings_dict["NAME"],
            ],
            env=env,
            capture_output=True,
            check=True,
        )
        return result.stdout
    pytest.fail(f"no raw check for {connection.vendor}")
