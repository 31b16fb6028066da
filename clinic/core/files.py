"""Keeping and serving uploaded files. A file is checked (type from its own bytes, size),
kept encrypted (`StoredFile`), and served only as a download that no browser will run or
render inline. The apps that hold files decide who may read them (their access helpers) and
write their own audit events; this module knows nothing of patients."""

from __future__ import annotations

import base64
from typing import Any

from django.conf import settings
from django.http import HttpResponse

from clinic.core import uploads
from clinic.core.models import StoredFile


def stored_file_save(*, data: bytes, purpose: str) -> StoredFile:
    """Check and keep a file; raises uploads.UploadRefused (nothing is stored)."""
    content_type, _ = uploads.check(data, max_bytes=settings.CLINIC_UPLOAD_MAX_BYTES)
    stored = StoredFile(purpose=purpose, content_type=content_type, size=len(data))
    stored.content = base64.b64encode(data).decode("ascii")
    stored.save()
    return stored


def upload_bytes(upload: Any) -> bytes:
    """An uploaded file's bytes, refused by its declared size before it is read, and never
    more read than one byte past the limit (the content check then refuses it)."""
    limit = settings.CLINIC_UPLOAD_MAX_BYTES
    uploads.check_size(upload.size or 0, max_bytes=limit)
    data: bytes = upload.read(limit + 1)
    return data


def stored_file_bytes(stored: StoredFile) -> bytes:
    return base64.b64decode(stored.content)


def download_response(stored: StoredFile, *, name: str) -> HttpResponse:
    """The file as an attachment: never shown inline, never sniffed as another type, and
    sandboxed should a browser open it anyway. `name` is the clinic's, not the uploader's."""
    data = stored_file_bytes(stored)
    found = uploads.sniff(data)
    safe = "".join(ch for ch in name if ch.isascii() and (ch.isalnum() or ch in "-_")) or "file"
    suffix = found[1] if found else "bin"
    response = HttpResponse(data, content_type=stored.content_type)
    response["Content-Disposition"] = f'attachment; filename="{safe}.{suffix}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "no-store, private"
    return response
