"""Units a list or a table states once for all its items: "(ĐVT: ha)", "Đơn vị tính: triệu đồng".

Reports print the unit in the head of a list or above a table and then give bare numbers
("+ Lúa: 507", "| Ngô | 20 |"). Such a declaration holds from where it is written to the next
heading (a declaration inside a heading holds for that heading's items), and gives its unit to
the numbers that have none of their own. `unit_of` reads a unit as written, in a declaration
or a table's unit cell.
"""
from __future__ import annotations

from dataclasses import dataclass


from pipeline.model import Block, BlockKind, Document

from .numbers import _scale_pattern, _scales, _unit_named, _unit_pattern
from ..text.patterns import lazy

_DECLARATION = lazy(r"(?:ĐVT|Đvt|đvt|[Đđ]ơn\s+vị\s+tính)\s*[:：]\s*(?P<unit>[^)\]\n;,.]{1,24})")
_LOWER_START = lazy(r"^\s*\p{Ll}")
_ABBREVIATION = lazy(r"^\s*[\p{Lu}]{2,4}\s*$")


@dataclass(frozen=True, slots=True)
class Declared:
    """A unit stated once: its canonical unit, the factor to it, and the unit as written."""

    unit: str
    factor: float
    raw: str


def unit_of(text: str) -> tuple[str, float] | None:
    """Canonical unit and factor of a unit as written alone: "tỷ đồng" -> (VND, 1e9), "%" ->
    percent, "hộ" -> count; None when it is no unit."""
    text = text.strip()
    if text in ("%", "tỷ lệ %"):
        return "percent", 1.0
    factor = 1.0
    if s := _scale_pattern().match(text):
        factor = dict(_scales())[" ".join(s.group("scale").split())]
        text = text[s.end():]
    if u := _unit_pattern().match(text):
        unit = _unit_named(u.group("unit"))
        return unit.unit, factor * unit.factor
    if factor > 1 and not text.strip():
        return "VND", factor
    if _LOWER_START.match(text) or _ABBREVIATION.match(text):
        return "count", factor  # "hộ", "người", "thôn", "LĐ"
    return None


def declaration(text: str) -> Declared | None:
    """The unit a text declares for what follows it, if any."""
    if ":" not in text and "：" not in text:
        return None  # every declaration has its colon: most blocks are not asked the pattern
    m = _DECLARATION.search(text)
    if not m:
        return None
    raw = m.group("unit").strip()
    unit = unit_of(raw)
    return Declared(unit[0], unit[1], raw) if unit else None


def in_force(doc: Document, block: Block, current: Declared | None) -> Declared | None:
    """The declaration in force in `block`, given the one in force before it: a heading ends
    the one before and may start its own; any other block may start one."""
    if block.kind == BlockKind.TABLE_ROW:
        return current
    stated = declaration(doc.block_text(block))
    if block.kind == BlockKind.HEADING:
        return stated
    return stated or current
