from __future__ import annotations

import pytest

from clinic.core.branding import contrast_ratio, meets_aa_on_white, parse_hex


def test_black_on_white_is_21_to_1() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)


def test_same_colour_is_1_to_1() -> None:
    assert contrast_ratio("#0b5563", "#0b5563") == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("colour", "ok"),
    [
        ("#767676", True),
        ("#777777", False),
        ("#0b5563", True),
        ("#8a3b12", True),
        ("#ffcc00", False),
    ],
)
def test_aa_threshold(colour: str, ok: bool) -> None:
    """#767676 is the lightest grey that reaches 4.5:1 on white."""
    assert meets_aa_on_white(colour) is ok


@pytest.mark.parametrize("bad", ["", "0b5563", "#0b556", "#0b55633", "#gggggg", "red", "#0b5563;"])
def test_only_six_digit_hex_is_accepted(bad: str) -> None:
    with pytest.raises(ValueError, match="#rrggbb"):
        parse_hex(bad)
