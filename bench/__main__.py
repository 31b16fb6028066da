"""Run every benchmark: python -m bench"""

from __future__ import annotations

from bench import patient_page

if __name__ == "__main__":
    patient_page.run()
