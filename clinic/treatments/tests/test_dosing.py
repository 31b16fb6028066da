"""The dosing module, exhaustively over a grid of weights, orders, concentrations, rounding
steps and infusion times, and with hypothesis against an independent reading in exact
fractions; every refusal in words."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic.treatments.dosing import (
    DEFAULT_LIMITS,
    DoseRefused,
    Limits,
    check_limits,
    esketamine_devices,
    mg_for,
    ml_for,
    rate_ml_per_h,
    weight_based,
    weight_change_percent,
    weight_kg,
    weight_needs_confirming,
)

# --- an independent reading, in exact fractions ------------------------------------------


def _half_up(value: Fraction, step: Fraction) -> Fraction:
    steps = value / step
    whole = steps.numerator // steps.denominator
    return (whole + (1 if steps - whole >= Fraction(1, 2) else 0)) * step


def _down(value: Fraction, step: Fraction) -> Fraction:
    steps = value / step
    return (steps.numerator // steps.denominator) * step


def _reference(
    weight: Fraction,
    unit: str,
    per_kg: Fraction,
    concentration: Fraction,
    step: Fraction,
    minutes: int,
    diluent: Fraction,
    down: bool,
) -> tuple[Fraction, Fraction, Fraction, Fraction]:
    kg = _half_up(weight * Fraction(45359237, 10**8) if unit == "lb" else weight, Fraction(1, 10))
    mg = (_down if down else _half_up)(kg * per_kg, step)
    ml = _half_up(mg / concentration, Fraction(1, 100))
    rate = _half_up((ml + diluent) * 60 / minutes, Fraction(1, 10))
    return kg, mg, ml, rate


def _fraction(value: Decimal) -> Fraction:
    return Fraction(value)


# --- the grid ---------------------------------------------------------------------------

WEIGHTS = [Decimal(w) / 2 for w in range(80, 401, 7)]  # 40 to 200 kg in uneven steps
ORDERS = [Decimal(x) for x in ("0.1", "0.25", "0.5", "0.6", "0.75", "0.8", "1.0")]
CONCENTRATIONS = [Decimal(10), Decimal(50), Decimal(100)]
STEPS = [Decimal("0.1"), Decimal("0.5"), Decimal(1), Decimal(5)]


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("down", [False, True])
def test_every_combination_of_the_grid_matches_the_reference(step: Decimal, down: bool) -> None:
    limits = Limits(mg_step=step, round_down=down, max_mg=Decimal(500), max_mg_per_kg=Decimal(3))
    checked = 0
    for weight in WEIGHTS:
        for unit in ("kg", "lb"):
            if unit == "lb" and weight * Decimal("0.45359237") < limits.min_weight_kg:
                continue
            for per_kg in ORDERS:
                for concentration in CONCENTRATIONS:
                    expected = _reference(
                        Fraction(weight),
                        unit,
                        Fraction(per_kg),
                        Fraction(concentration),
                        Fraction(step),
                        40,
                        Fraction(100),
                        down,
                    )
                    order = {
                        "weight": weight,
                        "unit": unit,
                        "mg_per_kg": per_kg,
                        "concentration": concentration,
                        "minutes": 40,
                        "diluent_ml": 100,
                        "limits": limits,
                    }
                    if expected[1] <= 0:  # rounds to nothing: refused, never a zero dose
                        with pytest.raises(DoseRefused, match="more than zero"):
                            weight_based(**order)  # type: ignore[arg-type]
                        continue
                    dose = weight_based(**order)  # type: ignore[arg-type]
                    got = (dose.weight_kg, dose.mg, dose.ml, dose.rate_ml_per_h)
                    assert tuple(_fraction(g) for g in got if g is not None) == expected
                    checked += 1
    assert checked > 1500


@given(
    weight_tenths=st.integers(min_value=300, max_value=3000),
    per_kg_hundredths=st.integers(min_value=5, max_value=100),
    concentration=st.sampled_from([10, 50, 100]),
    step=st.sampled_from([Decimal("0.1"), Decimal("0.5"), Decimal(1), Decimal("2.5")]),
    minutes=st.integers(min_value=1, max_value=240),
    diluent=st.integers(min_value=0, max_value=250),
    down=st.booleans(),
)
def test_any_order_matches_the_exact_fraction_reading(
    weight_tenths: int,
    per_kg_hundredths: int,
    concentration: int,
    step: Decimal,
    minutes: int,
    diluent: int,
    down: bool,
) -> None:
    limits = Limits(mg_step=step, round_down=down, max_mg=Decimal(500), max_mg_per_kg=Decimal(3))
    weight = Decimal(weight_tenths) / 10
    per_kg = Decimal(per_kg_hundredths) / 100
    expected = _reference(
        Fraction(weight),
        "kg",
        Fraction(per_kg),
        Fraction(concentration),
        Fraction(step),
        minutes,
        Fraction(diluent),
        down,
    )
    if expected[1] <= 0:
        return
    dose = weight_based(
        weight=weight,
        unit="kg",
        mg_per_kg=per_kg,
        concentration=concentration,
        minutes=minutes,
        diluent_ml=diluent,
        limits=limits,
    )
    assert dose.rate_ml_per_h is not None
    got = (dose.weight_kg, dose.mg, dose.ml, dose.rate_ml_per_h)
    assert tuple(_fraction(g) for g in got) == expected


# --- worked examples ------------------------------------------------------------------------


def test_the_standard_infusion() -> None:
    """70 kg at 0.5 mg/kg: 35 mg = 0.7 mL at 50 mg/mL, in 100 mL over 40 minutes."""
    dose = weight_based(
        weight="70", unit="kg", mg_per_kg="0.5", concentration="50", minutes=40, diluent_ml=100
    )
    assert (dose.mg, dose.ml, dose.total_ml, dose.rate_ml_per_h) == (
        Decimal("35.0"),
        Decimal("0.70"),
        Decimal("100.70"),
        Decimal("151.1"),
    )
    assert dose.over_limits == ()


def test_an_injection_has_no_rate() -> None:
    dose = weight_based(weight="154", unit="lb", mg_per_kg="0.5", concentration="100")
    assert dose.weight_kg == Decimal("69.9")
    assert dose.mg == Decimal("35.0")  # 34.95 to the nearest 0.5
    assert dose.ml == Decimal("0.35")
    assert dose.rate_ml_per_h is None


@pytest.mark.parametrize(
    ("mg", "devices"), [(28, 1), (56, 2), (84, 3), ("56", 2), (Decimal("84.0"), 3)]
)
def test_esketamine_devices(mg: object, devices: int) -> None:
    assert esketamine_devices(mg) == devices


@pytest.mark.parametrize("mg", [0, -28, 14, 42, 112, "56.5", "lots", "NaN", "Infinity", None])
def test_esketamine_refuses_other_doses(mg: object) -> None:
    with pytest.raises(DoseRefused):
        esketamine_devices(mg)


# --- refusals, in words, and limits at their boundaries -----------------------------------


@pytest.mark.parametrize(
    ("weight", "unit", "message"),
    [
        ("0", "kg", "more than zero"),
        ("-70", "kg", "more than zero"),
        ("", "kg", "as a number"),
        ("seventy", "kg", "as a number"),
        ("NaN", "kg", "as a number"),
        ("Infinity", "lb", "as a number"),
        ("70", "stone", "kg or lb"),
        ("29.9", "kg", "outside 30-300 kg"),
        ("300.1", "kg", "outside 30-300 kg"),
        ("1e5", "kg", "outside"),
        ("1e9", "kg", "far too large"),
        ("9" * 40, "lb", "far too large"),
        ("1e999999", "kg", "far too large"),
    ],
)
def test_impossible_weights_are_refused(weight: str, unit: str, message: str) -> None:
    with pytest.raises(DoseRefused, match=message):
        weight_kg(weight, unit)


def test_weight_limits_at_their_boundaries() -> None:
    assert weight_kg("30", "kg") == Decimal("30.0")
    assert weight_kg("300", "kg") == Decimal("300.0")
    assert weight_kg("29.95", "kg") == Decimal("30.0")  # rounds into range


@pytest.mark.parametrize(
    ("mg", "weight", "reason", "over"),
    [
        (Decimal("70"), Decimal("70"), "", []),  # exactly 1.0 mg/kg: at the limit
        (Decimal("150"), Decimal("160"), "", []),  # exactly 150 mg
        (
            Decimal("150.5"),
            Decimal("160"),
            "Tolerated 150 mg twice",
            ["more than 150 mg in one session"],
        ),
        (Decimal("70.5"), Decimal("70"), "Titration plan", ["more than 1.0 mg/kg"]),
    ],
)
def test_hard_limits_at_and_over_their_boundaries(
    mg: Decimal, weight: Decimal, reason: str, over: list[str]
) -> None:
    assert check_limits(mg, weight, override_reason=reason) == over


@pytest.mark.parametrize(
    ("mg", "weight", "message"),
    [
        (Decimal("70.5"), Decimal("70"), "prescriber must override"),
        (Decimal("150.5"), Decimal("160"), "prescriber must override"),
        (Decimal("0"), Decimal("70"), "more than zero"),
        (Decimal("-5"), Decimal("70"), "more than zero"),
        (Decimal("210.5"), Decimal("70"), "beyond what this clinic allows"),  # over 3 mg/kg
        (Decimal("500.5"), Decimal("300"), "beyond what this clinic allows"),
    ],
)
def test_over_a_hard_limit_without_a_reason_or_absurd_is_refused(
    mg: Decimal, weight: Decimal, message: str
) -> None:
    with pytest.raises(DoseRefused, match=message):
        check_limits(mg, weight)
    if "beyond" in message:  # even with a reason
        with pytest.raises(DoseRefused, match=message):
            check_limits(mg, weight, override_reason="I am sure")


def test_whitespace_is_not_a_reason() -> None:
    with pytest.raises(DoseRefused, match="prescriber must override"):
        check_limits(Decimal("71"), Decimal("70"), override_reason="   ")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"mg_per_kg": "0"}, "dose per kg must be more than zero"),
        ({"mg_per_kg": "-0.5"}, "dose per kg must be more than zero"),
        ({"mg_per_kg": "x"}, "dose per kg as a number"),
        ({"concentration": "0"}, "concentration must be more than zero"),
        ({"concentration": "-50"}, "concentration must be more than zero"),
        ({"minutes": 0}, "1 to 240 minutes"),
        ({"minutes": 241}, "1 to 240 minutes"),
        ({"minutes": True}, "whole minutes"),
        ({"diluent_ml": "-1"}, "diluent volume must be 0 to 1000"),
        ({"diluent_ml": "1000.1"}, "diluent volume must be 0 to 1000"),
    ],
)
def test_impossible_orders_are_refused(kwargs: dict[str, object], message: str) -> None:
    base: dict[str, object] = {
        "weight": "70",
        "unit": "kg",
        "mg_per_kg": "0.5",
        "concentration": "50",
        "minutes": 40,
    }
    with pytest.raises(DoseRefused, match=message):
        weight_based(**(base | kwargs))  # type: ignore[arg-type]


def test_rate_boundaries() -> None:
    assert rate_ml_per_h(Decimal("100"), 1) == Decimal("6000.0")
    assert rate_ml_per_h(Decimal("100"), 240) == Decimal("25.0")
    with pytest.raises(DoseRefused, match="more than zero"):
        rate_ml_per_h(Decimal("0"), 40)


def test_rounding_down_never_gives_more_than_ordered() -> None:
    limits = Limits(mg_step=Decimal(5), round_down=True)
    assert mg_for(Decimal("69.9"), Decimal("0.5"), limits=limits) == Decimal(30)
    assert mg_for(Decimal("69.9"), Decimal("0.5")) == Decimal("35.0")  # nearest 0.5
    assert ml_for(Decimal(35), Decimal(3)) == Decimal("11.67")


@pytest.mark.parametrize(
    ("previous", "today", "percent", "confirm"),
    [
        ("70", "73.5", "5.0", False),  # exactly the clinic's 5 %
        ("70", "73.6", "5.1", True),  # just over
        ("70", "66.5", "-5.0", False),
        ("70", "66.4", "-5.1", True),
        ("70", "70", "0.0", False),
    ],
)
def test_a_weight_change_over_the_clinic_percentage_asks_for_confirmation(
    previous: str, today: str, percent: str, confirm: bool
) -> None:
    assert weight_change_percent(Decimal(previous), Decimal(today)) == Decimal(percent)
    assert weight_needs_confirming(Decimal(previous), Decimal(today)) is confirm
    assert weight_needs_confirming(None, Decimal(today)) is False


def test_the_defaults_are_the_ones_shipped() -> None:
    assert DEFAULT_LIMITS.mg_step == Decimal("0.5")
    assert DEFAULT_LIMITS.max_mg_per_kg == Decimal("1.0")
    assert DEFAULT_LIMITS.weight_change_percent == Decimal("5")


def test_settings_and_earlier_weights_that_cannot_be_used_are_refused() -> None:
    with pytest.raises(DoseRefused, match="rounding step must be more than zero"):
        mg_for(Decimal(70), Decimal("0.5"), limits=Limits(mg_step=Decimal(0)))
    with pytest.raises(DoseRefused, match="earlier weight must be more than zero"):
        weight_change_percent(Decimal(0), Decimal(70))
