"""Numbers the way Vietnamese readers write them, wherever chitieu shows a figure to people (the
command line's tables, the report): `.` groups thousands, `,` marks decimals (1.068,692), and
an amount of money in its scale (1.068,692 tỷ đồng). Files for machines keep raw numbers.
"""
from __future__ import annotations

import math

SCALES = ((1e9, "tỷ"), (1e6, "triệu"))


def vi_number(value: float, decimals: int = 3) -> str:
    """Vietnamese notation: `.` groups thousands, `,` marks decimals; trailing zeros dropped."""
    if math.isnan(value) or math.isinf(value):
        return str(value)
    text = f"{abs(value):,.{decimals}f}"
    if decimals > 0:
        text = text.rstrip("0").rstrip(".")
    whole, _, frac = text.partition(".")
    out = whole.replace(",", ".") + ("," + frac if frac else "")
    return ("-" if value < 0 and out != "0" else "") + out


def vi_amount(value: float, unit: str | None) -> str:
    """A figure with its unit as a reader expects it: 1.068,692 tỷ đồng, 2,5%, 1.250 (a count)."""
    if unit == "VND":
        for factor, word in SCALES:
            if abs(value) >= factor:
                return f"{vi_number(value / factor)} {word} đồng"
        return f"{vi_number(value)} đồng"
    if unit == "percent":
        return f"{vi_number(value, 2)}%"
    return vi_number(value)
