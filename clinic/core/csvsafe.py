"""CSV for people who open it in a spreadsheet: no cell can run as a formula.

Spreadsheets treat a cell that starts with = + - @ (or a tab or carriage return before one) as
a formula (CSV injection, OWASP). Every CSV the clinic exports goes through `writer`, which
prefixes such a cell with an apostrophe so it is shown as text. Pure: no Django."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, Protocol

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def write_rows(target: _Writable, rows: Iterable[Iterable[object]]) -> None:
    """Write rows (the header first) to a file-like target, every cell made safe."""
    out = csv.writer(target)
    for row in rows:
        out.writerow([safe_cell(cell) for cell in row])
