"""Marks for views, read by the tests that walk the URL map."""

from __future__ import annotations

from collections.abc import Callable


def shows_patient_data[F: Callable[..., object]](view: F) -> F:
    """The view shows patient data: it must write exactly one read event per request."""
    view.shows_patient_data = True  # type: ignore[attr-defined]
    return view
