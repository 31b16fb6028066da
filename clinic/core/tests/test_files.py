"""Uploaded files: only PDF, PNG or JPEG by their own bytes, within the size limit, kept
encrypted (nothing readable in the database), served only as a sandboxed download."""

from __future__ import annotations

import base64

import pytest
from django.db import connection
from django.test import override_settings

from clinic.core import files, uploads
from clinic.core.models import StoredFile
from clinic.core.rotation import encrypted_models

CANARY = b"CANARY-SCAN-Zq81xw PATIENT CARD"
PDF = b"%PDF-1.7\n" + CANARY + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + CANARY
JPEG = b"\xff\xd8\xff\xe0" + CANARY


@pytest.mark.parametrize(
    ("data", "kind"),
    [(PDF, "application/pdf"), (PNG, "image/png"), (JPEG, "image/jpeg")],
)
def test_accepted_kinds_are_known_by_their_bytes(data: bytes, kind: str) -> None:
    assert uploads.check(data, max_bytes=1024)[0] == kind


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"<html><script>alert(1)</script>", "not a PDF, PNG or JPEG"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "not a PDF, PNG or JPEG"),
        (b"MZ\x90\x00 an executable", "not a PDF, PNG or JPEG"),
        (b" %PDF-1.7 with a space first", "not a PDF, PNG or JPEG"),
        (b"\x00" * 64, "not a PDF, PNG or JPEG"),
        (b"%PDF-" + b"x" * 2048, "The file is 2 KB; files can be at most 1 KB"),
    ],
)
def test_anything_else_is_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(uploads.UploadRefused, match=message):
        uploads.check(data, max_bytes=1024)


def test_a_20_mb_scan_is_refused_in_words() -> None:
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.check(b"%PDF-" + b"0" * (20 * 1024 * 1024), max_bytes=10 * 1024 * 1024)
    assert "20.0 MB" in str(refused.value)
    assert "at most 10 MB" in str(refused.value)


@pytest.mark.django_db
def test_a_file_is_kept_encrypted_and_read_back_whole() -> None:
    stored = files.stored_file_save(data=PDF, purpose="consent-scan")
    assert (stored.content_type, stored.size) == ("application/pdf", len(PDF))
    again = StoredFile.objects.get(pk=stored.pk)
    assert files.stored_file_bytes(again) == PDF
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM core_storedfile")
        (raw,) = cursor.fetchone()
    assert raw.startswith("v1:")
    assert b"CANARY" not in raw.encode()
    assert base64.b64encode(CANARY)[:16].decode() not in raw
    assert StoredFile in [model for model, _ in encrypted_models()]  # key rotation covers it


@pytest.mark.django_db
@override_settings(CLINIC_UPLOAD_MAX_BYTES=64)
def test_a_refused_file_leaves_nothing_behind() -> None:
    with pytest.raises(uploads.UploadRefused):
        files.stored_file_save(data=PDF + b"x" * 100, purpose="consent-scan")
    with pytest.raises(uploads.UploadRefused):
        files.stored_file_save(data=b"<html>", purpose="consent-scan")
    assert not StoredFile.objects.exists()


@pytest.mark.django_db
def test_a_file_is_served_only_as_a_sandboxed_download() -> None:
    stored = files.stored_file_save(data=PNG, purpose="insurance-card")
    response = files.download_response(stored, name='card"; evil=.html\r\nX: y')
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="cardevilhtmlXy.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert "no-store" in response["Cache-Control"]
    assert response.content == PNG
