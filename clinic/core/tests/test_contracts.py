"""The import contracts can fail: a copy of the project with one deliberate violation is
refused by `lint-imports`, while the project itself passes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
LINT = Path(sys.executable).parent / "lint-imports"


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(  # noqa: S603 - fixed argv
        [str(LINT), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    copy.mkdir()
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    for package in ("clinic", "config"):
        shutil.copytree(
            ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    return copy


def _add_line(path: Path, line: str) -> None:
    text = path.read_text()
    marker = "from __future__ import annotations\n"
    path.write_text(text.replace(marker, marker + "\n" + line + "\n", 1))


def test_the_project_keeps_its_contracts(tree: Path) -> None:
    result = _lint(tree)
    assert result.returncode == 0, result.stdout[-2000:]


@pytest.mark.parametrize(
    ("module", "line"),
    [
        ("clinic/scheduling/availability.py", "from clinic.scheduling.models import Booking"),
        ("clinic/scheduling/ics.py", "from clinic.patients import selectors"),
        ("clinic/questionnaires/scoring.py", "from clinic.core import clock"),
        ("clinic/core/crypto.py", "import django.conf"),
    ],
)
def test_a_pure_module_reaching_the_orm_is_refused(tree: Path, module: str, line: str) -> None:
    _add_line(tree / module, line)
    result = _lint(tree)
    assert result.returncode != 0
    assert "Pure modules import no Django" in result.stdout
    assert "BROKEN" in result.stdout


def test_a_lower_layer_importing_a_higher_one_is_refused(tree: Path) -> None:
    _add_line(tree / "clinic/patients/selectors.py", "from clinic.scheduling import models")
    result = _lint(tree)
    assert result.returncode != 0
    assert "Layers:" in result.stdout
