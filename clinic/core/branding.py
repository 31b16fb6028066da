"""Colour arithmetic for the clinic's configurable brand colours (WCAG 2.1 contrast)."""

from __future__ import annotations

import re

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
AA_NORMAL_TEXT = 4.5


def parse_hex(colour: str) -> tuple[int, int, int]:
    """'#0b5563' -> (11, 85, 99). Only the six-digit form is accepted."""
    if not _HEX.match(colour):
        raise ValueError(f"{colour!r} is not a colour of the form #rrggbb")
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance, 0 (black) to 1 (white)."""
    r, g, b = (_channel(v) for v in parse_hex(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio, 1 to 21."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def meets_aa_on_white(colour: str) -> bool:
    """True when white text on the colour, and the colour as text on white, are both readable."""
    return contrast_ratio(colour, WHITE) >= AA_NORMAL_TEXT
