"""No exported cell can run as a spreadsheet formula."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic.core.csvsafe import FORMULA_STARTS, safe_cell, write_rows


@pytest.mark.parametrize(
    "value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("x")']
)
def test_formula_starts_are_shown_as_text(value: str) -> None:
    assert safe_cell(value) == "'" + value


@given(st.text())
def test_no_cell_starts_like_a_formula_and_nothing_else_changes(value: str) -> None:
    cell = safe_cell(value)
    assert not cell.startswith(FORMULA_STARTS)
    assert cell in (value, "'" + value)


def test_rows_round_trip_through_csv() -> None:
    out = io.StringIO()
    write_rows(out, [["email", "note"], ["a@example.org", "=cmd"], [None, 3]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["email", "note"],
        ["a@example.org", "'=cmd"],
        ["", "3"],
    ]
