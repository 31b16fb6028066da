"""The clock seam: set to a past moment for writing a history, in this thread only, and
back to the real time afterwards, even when the history fails."""

from __future__ import annotations

import datetime as dt
import threading
import zoneinfo

import pytest

from clinic.core import clock

PAST = dt.datetime(2026, 3, 3, 9, 0, tzinfo=zoneinfo.ZoneInfo("America/Chicago"))


def test_set_to_moves_now_and_today_and_comes_back() -> None:
    with clock.set_to(PAST):
        assert clock.now() == PAST
        assert clock.now().tzinfo == dt.UTC
        assert clock.today() == dt.date(2026, 3, 3)
        seen: list[dt.datetime] = []
        other = threading.Thread(target=lambda: seen.append(clock.now()))
        other.start()
        other.join()
        assert seen[0] != PAST  # another thread keeps the real time
    assert clock.now() > PAST + dt.timedelta(days=200)


def test_a_failure_inside_still_restores_the_time() -> None:
    with pytest.raises(RuntimeError), clock.set_to(PAST):
        raise RuntimeError("history failed")
    assert clock.now() != PAST


def test_a_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"), clock.set_to(dt.datetime(2026, 3, 3)):  # noqa: DTZ001
        pass
