"""Views read through selectors and access helpers and write through services: no view
module touches a model manager (`Model.objects`) or fetches rows itself."""

from __future__ import annotations

import ast
from pathlib import Path

CLINIC = Path(__file__).resolve().parents[1]
FETCHERS = {"get_object_or_404", "get_list_or_404"}


def _view_modules() -> list[Path]:
    return sorted(
        path
        for path in CLINIC.rglob("*views.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    )


def _orm_uses(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append(f"line {node.lineno}: .objects")
        if isinstance(node, ast.Name) and node.id in FETCHERS:
            found.append(f"line {node.lineno}: {node.id}")
    return found


def test_no_view_module_queries_the_database_itself() -> None:
    modules = _view_modules()
    assert CLINIC / "chart/patient_views.py" in modules
    assert CLINIC / "chart/schedule_views.py" in modules
    offenders = {
        str(path.relative_to(CLINIC)): uses
        for path in modules
        if (uses := _orm_uses(path.read_text()))
    }
    assert offenders == {}


def test_the_check_sees_a_view_that_queries() -> None:
    bad = "def v(request):\n    return Booking.objects.filter(x=1), get_object_or_404(Page)\n"
    assert sorted(_orm_uses(bad)) == ["line 2: .objects", "line 2: get_object_or_404"]
