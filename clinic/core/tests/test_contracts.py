"""The import contracts can fail: a copy of the project with one deliberate violation is
refused by `lint-imports`, while the project itself passes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
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


def test_an_interface_app_importing_another_is_refused(tree: Path) -> None:
    """Interface apps are independent: the chart may not lean on the public site's views."""
    _add_line(tree / "clinic/chart/patient_views.py", "from clinic.public import views")
    result = _lint(tree)
    assert result.returncode != 0
    assert "clinic.chart.patient_views -> clinic.public.views" in result.stdout


def test_scheduling_may_not_import_the_clinical_domain_when_it_exists(tree: Path) -> None:
    (tree / "clinic/treatments").mkdir(exist_ok=True)
    (tree / "clinic/treatments/__init__.py").write_text("")
    (tree / "clinic/treatments/models.py").write_text("")
    _add_line(tree / "clinic/scheduling/services.py", "from clinic.treatments import models")
    result = _lint(tree)
    assert result.returncode != 0
    assert "clinic.scheduling.services -> clinic.treatments.models" in result.stdout


def _contract_layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    (layers,) = [
        c["layers"] for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"
    ]
    return list(layers)


def test_the_architecture_notes_list_the_layers_line_for_line() -> None:
    notes = (ROOT / "docs/architecture.md").read_text()
    section = notes.split("## Dependency rules", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\d+\. `([^`]+)`", section, flags=re.MULTILINE)
    assert documented == _contract_layers()


def test_every_app_has_its_place_in_the_layers() -> None:
    placed = {
        name.strip().strip("()").removeprefix("clinic.")
        for line in _contract_layers()
        for name in re.split(r"[:|]", line)
    }
    apps = {p.parent.name for p in (ROOT / "clinic").glob("*/__init__.py")}
    assert apps - placed == set()
