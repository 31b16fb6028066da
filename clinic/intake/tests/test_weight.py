"""The weight a patient gives at intake, in kilograms to 0.1 kg (half up), converted exactly
from pounds (0.45359237 kg per lb); nonsense gives no weight rather than a wrong one."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic.intake.questions import weight_kg


@pytest.mark.parametrize(
    ("weight", "unit", "expected"),
    [
        ("70", "kg", Decimal("70.0")),
        ("154", "lb", Decimal("69.9")),  # 69.853... kg
        ("220.5", "lb", Decimal("100.0")),  # 100.0170... kg
        ("1", "lb", Decimal("0.5")),  # 0.4536 kg, half up at the first decimal
        ("", "kg", None),
        ("0", "kg", None),
        ("-3", "lb", None),
        ("heavy", "kg", None),
        ("NaN", "kg", None),
        ("Infinity", "lb", None),
    ],
)
def test_weight_is_given_in_kg_converted_from_lb(
    weight: str, unit: str, expected: Decimal | None
) -> None:
    assert weight_kg({"body": {"weight": weight, "weight_unit": unit}}) == expected


@given(tenths=st.integers(min_value=1, max_value=7000), unit=st.sampled_from(["kg", "lb"]))
def test_weight_matches_an_exact_fraction_reading(tenths: int, unit: str) -> None:
    given_weight = Fraction(tenths, 10)
    exact = given_weight * Fraction(45359237, 10**8) if unit == "lb" else given_weight
    # half up to tenths, by integer arithmetic on the exact value
    scaled = exact * 10
    floor = scaled.numerator // scaled.denominator
    rounded = floor + (1 if scaled - floor >= Fraction(1, 2) else 0)
    text = f"{tenths // 10}.{tenths % 10}"
    assert weight_kg({"body": {"weight": text, "weight_unit": unit}}) == Decimal(rounded) / 10
