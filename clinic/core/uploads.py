"""What an uploaded file may be: a PDF, a PNG or a JPEG (scans of paper consents, insurance
cards), recognised by its first bytes, never by its name or the browser's word; within the
clinic's size limit. Pure: no database, settings or clock."""

from __future__ import annotations

# The start of each accepted kind of file, and the type it is served as.
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
)
ACCEPTED = "a PDF, PNG or JPEG"


class UploadRefused(ValueError):
    """The file cannot be kept; the message says why, in words for the person uploading."""


def size_text(size: int) -> str:
    """ "20.0 MB", "10 MB", "512 KB" """
    if size >= 1024 * 1024:
        megabytes = size / (1024 * 1024)
        return f"{megabytes:g} MB" if megabytes.is_integer() else f"{megabytes:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def check_size(size: int, *, max_bytes: int) -> None:
    """Refuse a file by its size alone (before reading it, when the size is known)."""
    if size > max_bytes:
        raise UploadRefused(
            f"The file is {size_text(size)}; files can be at most {size_text(max_bytes)}. "
            "Scan at a lower resolution or as a PDF."
        )


def sniff(data: bytes) -> tuple[str, str] | None:
    """(content type, extension) from the file's own first bytes, or None."""
    for signature, content_type, extension in SIGNATURES:
        if data.startswith(signature):
            return content_type, extension
    return None


def check(data: bytes, *, max_bytes: int) -> tuple[str, str]:
    """The file's (content type, extension) if it may be kept; raises UploadRefused."""
    if not data:
        raise UploadRefused("The file is empty. Choose the scan again.")
    check_size(len(data), max_bytes=max_bytes)
    found = sniff(data)
    if found is None:
        raise UploadRefused(f"This file is not {ACCEPTED}. Scan or save it as one of those.")
    return found
