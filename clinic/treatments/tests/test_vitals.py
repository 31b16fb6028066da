"""Vital-sign rules: each clinic threshold at, just below and just above its boundary;
readings that cannot be real are refused in words; when readings fall due."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic.treatments.vitals import (
    APPROVE,
    DEFAULT_THRESHOLDS,
    NOT_TODAY,
    PROCEED,
    Due,
    Reading,
    ReadingRefused,
    Thresholds,
    alerts,
    before_session,
    check_reading,
    due_schedule,
    near_baseline,
    next_due,
)

CALM = Reading(systolic=120, diastolic=78, pulse=72, spo2=98)
T = DEFAULT_THRESHOLDS


def _with(**change: int | None) -> Reading:
    return dataclasses.replace(CALM, **change)


# --- before the session: each line at, below and above ----------------------------------


@pytest.mark.parametrize(
    ("change", "outcome"),
    [
        ({"systolic": T.hold_systolic - 1}, PROCEED),
        ({"systolic": T.hold_systolic}, APPROVE),
        ({"systolic": T.hold_systolic + 1}, APPROVE),
        ({"diastolic": T.hold_diastolic - 1}, PROCEED),
        ({"diastolic": T.hold_diastolic}, APPROVE),
        ({"diastolic": T.hold_diastolic + 1}, APPROVE),
        ({"systolic": T.stop_systolic - 1}, APPROVE),
        ({"systolic": T.stop_systolic}, NOT_TODAY),
        ({"systolic": T.stop_systolic + 1}, NOT_TODAY),
        ({"systolic": 160, "diastolic": T.stop_diastolic - 1}, APPROVE),
        ({"systolic": 160, "diastolic": T.stop_diastolic}, NOT_TODAY),
        ({"systolic": 160, "diastolic": T.stop_diastolic + 1}, NOT_TODAY),
        ({"spo2": T.min_spo2 - 1}, NOT_TODAY),
        ({"spo2": T.min_spo2}, PROCEED),
        ({"spo2": T.min_spo2 + 1}, PROCEED),
        ({"pulse": T.max_pulse - 1}, PROCEED),
        ({"pulse": T.max_pulse}, PROCEED),
        ({"pulse": T.max_pulse + 1}, APPROVE),
        ({"pulse": T.min_pulse - 1}, APPROVE),
        ({"pulse": T.min_pulse}, PROCEED),
        ({"pulse": T.min_pulse + 1}, PROCEED),
        ({"systolic": None, "diastolic": None}, APPROVE),  # missing is not a pass
        ({"spo2": None}, APPROVE),
    ],
)
def test_before_the_session(change: dict[str, int | None], outcome: str) -> None:
    decision = before_session(_with(**change))
    assert decision.outcome == outcome
    assert bool(decision.reasons) is (outcome != PROCEED)


def test_a_clinic_can_move_its_lines() -> None:
    strict = Thresholds(hold_systolic=130, hold_diastolic=85, stop_systolic=160)
    assert before_session(_with(systolic=130), strict).outcome == APPROVE
    assert before_session(_with(systolic=160), strict).outcome == NOT_TODAY
    assert before_session(_with(systolic=129), strict).outcome == PROCEED


def test_the_reasons_say_what_and_where_the_line_is() -> None:
    decision = before_session(_with(systolic=182, diastolic=96, spo2=90))
    assert decision.label == "Do not treat today"
    assert decision.reasons == (
        "BP 182/96 is at or above 180/110",
        "SpO2 90% is below 92%",
    )


# --- during: alerts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "count"),
    [
        ({"systolic": T.stop_systolic - 1}, 0),
        ({"systolic": T.stop_systolic}, 1),
        ({"systolic": T.stop_systolic + 1}, 1),
        ({"systolic": 150, "diastolic": T.stop_diastolic - 1}, 0),
        ({"systolic": 150, "diastolic": T.stop_diastolic}, 1),
        ({"pulse": T.max_pulse}, 0),
        ({"pulse": T.max_pulse + 1}, 1),
        ({"pulse": T.min_pulse}, 0),
        ({"pulse": T.min_pulse - 1}, 1),
        ({"spo2": T.min_spo2}, 0),
        ({"spo2": T.min_spo2 - 1}, 1),
        ({"systolic": 190, "diastolic": 115, "pulse": 130, "spo2": 88}, 3),
    ],
)
def test_alerts_during_the_session(change: dict[str, int], count: int) -> None:
    assert len(alerts(_with(**change))) == count


# --- discharge: back near the baseline ---------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "ready"),
    [
        ({"systolic": 120 + T.discharge_margin_bp}, True),
        ({"systolic": 120 + T.discharge_margin_bp + 1}, False),
        ({"systolic": 119 + T.discharge_margin_bp}, True),
        ({"diastolic": 78 + T.discharge_margin_bp}, True),
        ({"diastolic": 78 + T.discharge_margin_bp + 1}, False),
        ({"pulse": 72 + T.discharge_margin_pulse}, True),
        ({"pulse": 72 + T.discharge_margin_pulse + 1}, False),
        ({"pulse": 72 - T.discharge_margin_pulse - 1}, False),
        ({"spo2": T.discharge_min_spo2}, True),
        ({"spo2": T.discharge_min_spo2 - 1}, False),
        ({"spo2": T.discharge_min_spo2 + 1}, True),
        ({"systolic": None, "diastolic": None}, False),
    ],
)
def test_near_the_baseline_for_discharge(change: dict[str, int | None], ready: bool) -> None:
    assert (near_baseline(_with(**change), CALM) == []) is ready


# --- readings that cannot be real ------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"systolic": 49}, "systolic pressure of 49 is not possible"),
        ({"systolic": 301}, "not possible"),
        ({"diastolic": 19}, "not possible"),
        ({"pulse": 0}, "pulse of 0 is not possible"),
        ({"spo2": 101}, "oxygen saturation of 101"),
        ({"respiration": 3}, "breathing rate of 3"),
        ({"diastolic": 120}, "lower than the systolic"),
        ({"diastolic": None}, "both blood pressure numbers"),
        ({"pulse": True}, "whole number"),
        ({"systolic": 120.5}, "whole number"),
    ],
)
def test_impossible_readings_are_refused(change: dict[str, object], message: str) -> None:
    with pytest.raises(ReadingRefused, match=message):
        check_reading(dataclasses.replace(CALM, **change))  # type: ignore[arg-type]


def test_an_empty_reading_is_refused() -> None:
    with pytest.raises(ReadingRefused, match="at least one"):
        check_reading(Reading())


@given(
    systolic=st.integers(50, 300),
    diastolic=st.integers(20, 200),
    pulse=st.integers(20, 250),
    spo2=st.integers(50, 100),
)
def test_every_plausible_reading_gets_a_verdict_and_the_stop_line_always_alerts(
    systolic: int, diastolic: int, pulse: int, spo2: int
) -> None:
    reading = Reading(systolic=systolic, diastolic=diastolic, pulse=pulse, spo2=spo2)
    if diastolic >= systolic:
        with pytest.raises(ReadingRefused):
            before_session(reading)
        return
    decision = before_session(reading)
    stop = systolic >= T.stop_systolic or diastolic >= T.stop_diastolic or spo2 < T.min_spo2
    assert (decision.outcome == NOT_TODAY) is stop
    assert bool(alerts(reading)) is (
        systolic >= T.stop_systolic
        or diastolic >= T.stop_diastolic
        or spo2 < T.min_spo2
        or pulse > T.max_pulse
        or pulse < T.min_pulse
    )


# --- when readings are due ------------------------------------------------------------------------


def test_an_iv_infusion_every_ten_minutes_then_every_fifteen() -> None:
    assert due_schedule(route="iv", infusion_minutes=40) == (0, 10, 20, 30, 40, 55, 70)
    assert due_schedule(route="iv", infusion_minutes=45, every_during=15) == (
        0,
        15,
        30,
        45,
        60,
        75,
    )


def test_esketamine_before_at_forty_minutes_and_before_discharge() -> None:
    assert due_schedule(route="esketamine", infusion_minutes=None) == (0, 40, 120)


def test_an_im_injection_is_watched_after() -> None:
    assert due_schedule(route="im", infusion_minutes=None) == (0, 15, 30)


@pytest.mark.parametrize(
    ("taken", "elapsed", "due"),
    [
        ([], 0, Due(minute=0, overdue=False)),
        ([], 3, Due(minute=0, overdue=False)),  # within the grace
        ([], 4, Due(minute=0, overdue=True)),
        ([1], 9, Due(minute=10, overdue=False)),
        ([1], 14, Due(minute=10, overdue=True)),
        ([1, 12], 14, Due(minute=20, overdue=False)),  # 12 covers 10 (within 3)
        ([1, 14], 14, Due(minute=10, overdue=True)),  # 14 does not cover 10
        ([0, 10, 20, 30, 40, 55, 70], 80, None),
    ],
)
def test_what_is_due_next(taken: list[int], elapsed: int, due: Due | None) -> None:
    schedule = due_schedule(route="iv", infusion_minutes=40)
    assert next_due(schedule, taken, elapsed) == due


def test_intervals_must_be_real() -> None:
    with pytest.raises(ValueError, match="at least a minute"):
        due_schedule(route="iv", infusion_minutes=40, every_during=0)
