"""Run every benchmark: python -m bench [name ...]"""

from __future__ import annotations

import subprocess
import sys

BENCHMARKS = [
    "patient_page",
    "patient_search",
    "clinical_chart",
    "public_pages",
    "scheduling",
    "vital_readings",
    "chairside",
]

if __name__ == "__main__":
    # Each benchmark runs in its own process: each sets up its own throwaway database.
    for name in sys.argv[1:] or BENCHMARKS:
        subprocess.run([sys.executable, "-m", f"bench.{name}"], check=True)  # noqa: S603
