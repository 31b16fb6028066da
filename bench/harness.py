"""Shared set-up: a throwaway SQLite database, production-like settings, timing helpers."""

from __future__ import annotations

import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

_DB_DIR = tempfile.mkdtemp(prefix="clinic-bench-")


def setup_django() -> None:
    """Production-like settings (DEBUG off) with the test suite's throwaway keys."""
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(_DB_DIR) / 'bench.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DJANGO_LOG_LEVEL"] = "ERROR"
    import django
    from django.core.management import call_command

    import clinic.core.testing.pytest_env  # noqa: F401 - sets the throwaway environment

    django.setup()
    call_command("migrate", verbosity=0)


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(run: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return samples


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
