"""`make run` on another port builds its links with that port."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("port", ["8000", "8101"])
def test_the_base_url_follows_the_port(port: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CLINIC_BASE_URL"}
    # -n: print the commands without running them; -B: as if nothing were installed yet.
    shown = subprocess.run(  # noqa: S603 - fixed argv
        ["make", "-n", "-B", "run", f"PORT={port}"],  # noqa: S607 - make from PATH
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    serving = [line for line in shown.splitlines() if "runserver" in line or "db_worker" in line]
    assert len(serving) == 2
    for line in serving:
        assert f"CLINIC_BASE_URL=${{CLINIC_BASE_URL:-http://127.0.0.1:{port}}}" in line
    # The worker beside the server logs one line per event: no file watcher of its own.
    (worker,) = [line for line in serving if "db_worker" in line]
    assert "--no-reload" in worker.split("runserver")[0]


def test_make_run_installs_only_what_running_needs() -> None:
    shown = subprocess.run(
        ["make", "-n", "-B", "setup"],  # noqa: S607 - make from PATH
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "-r requirements.txt" in shown
    assert "requirements-dev.txt" not in shown
