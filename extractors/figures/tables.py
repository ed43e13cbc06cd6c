"""Indicator figures of tables: one row per indicator, the measure from the column header.

Reports put their key figures in tables such as `Chỉ tiêu | ĐVT | KH năm | Thực hiện | % so KH |
% so CK`. A header row is recognized by its column words (lexicons/table_columns.tsv); each
row under it gives one figure per numeric cell: its subject from the indicator column, its unit
from the unit column (`tỷ đồng`, `ha`, `%`), its measure from the column's role. A column of
another year than the document's ("Năm 2023" in a 2024 report) is left out: no measure says
"the same indicator a year earlier" in one row.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from pipeline import lexicon
from pipeline.components import component
from pipeline.lexicon import lexicon_cache, table
from pipeline.model import Block, BlockKind, Document, Figure

from . import catalogue as cat
from . import heads
from .declared_units import Declared, in_force, unit_of
from .numbers import document_separators, settle
from .page import own_text_end
from .prose import UNCERTAIN_SEPARATOR, _gap_candidates, _guess, _qualifier, _Subject, compatible
from .separators import ambiguous, parse_number
from ..text.patterns import lazy

EXTRACTOR = "rules.table"
_NUMBER_CELL = lazy(r"^\s*([<>≤≥~]|trên|dưới|khoảng)?\s*(\d+(?:[.,]\d+)*)\s*(%?)\s*$", regex.IGNORECASE)
_YEAR = lazy(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_RATE = lazy(r"tỷ lệ|tỉ lệ|%", regex.I)


@dataclass(frozen=True, slots=True)
class Column:
    role: str  # subject, unit, index, value, target, pct_of_plan, pct_of_prior, change, change_pct, skip
    header: str = ""
    estimate: bool = False
    year: int | None = None


@lexicon_cache
def _roles() -> tuple[tuple[regex.Pattern, str], ...]:
    return tuple((regex.compile(r["pattern"], regex.IGNORECASE), r["role"]) for r in table("table_columns"))


@functools.lru_cache(maxsize=1024)
def column_of(header: str) -> Column:
    """Cached: every row of a table is tried as a header, and tables repeat their headers."""
    text = " ".join(header.split())
    for pattern, role in _roles():
        if pattern.search(text):
            year = _YEAR.search(text)
            return Column(role, text, cat.relation("estimate").search(text) is not None,
                          int(year.group(0)) if year else None)
    return Column("skip", text)


def header_of(cells: list[str]) -> list[Column] | None:
    """The columns of a header row, or None when the row is not an indicator table's header."""
    columns = [column_of(c) for c in cells]
    roles = {c.role for c in columns}
    measures = roles & {"value", "target", "pct_of_plan", "pct_of_prior", "change", "change_pct"}
    return columns if "subject" in roles and measures else None


def _row_figures(doc: Document, block: Block, columns: list[Column], declared: Declared | None = None) -> list[Figure]:
    cells = list(block.cells)
    texts = [doc.span_text(c) for c in cells]
    subject_i = next(i for i, c in enumerate(columns) if c.role == "subject")
    subject_text = " ".join(texts[subject_i].split())
    unit_i = next((i for i, c in enumerate(columns) if c.role == "unit"), None)
    unit = unit_of(texts[unit_i]) if unit_i is not None else None
    if unit is None and declared is not None:
        unit = declared.unit, declared.factor  # "ĐVT: triệu đồng" above the table
    if unit is None:
        unit = ("percent", 1.0) if _RATE.search(subject_text) else None
    figures: list[Figure] = []
    seps = document_separators(doc.text)
    row_text = doc.block_text(block)
    # The same for every cell of the row. A row names its own subject: the section's sector is
    # not used ("Tốc độ tăng trưởng ...").
    named = _gap_candidates(subject_text, None, _Subject())
    growth = cat.relation("growth_subject").search(subject_text) is not None
    qualifier = _qualifier(subject_text)
    for i, column in enumerate(columns):
        if column.role in ("subject", "unit", "index", "skip"):
            continue
        if column.year is not None and doc.meta.period_year and column.year != doc.meta.period_year:
            continue
        m = _NUMBER_CELL.match(texts[i])
        if not m:
            continue
        relative = column.role in ("pct_of_plan", "pct_of_prior", "change_pct")
        if relative:
            fig_unit, factor = "percent", 1.0
        elif unit is None:
            continue
        else:
            fig_unit, factor = unit
        thousands, uncertain = seps.thousands, False
        if ambiguous(m.group(2)):
            thousands, uncertain = settle(m.group(2), fig_unit, factor > 1, seps)
        value = parse_number(m.group(2), thousands)
        if value is None:
            continue
        measure = column.role
        if measure == "value" and doc.meta.doc_type == "plan":
            measure = "target"
        candidates = [c for c in named if compatible(c.code, fig_unit)]
        if measure == "value" and growth:
            measure = "change_pct"  # "Tốc độ tăng trưởng giá trị sản xuất | % | 9,6": a growth rate
        best = max(candidates, key=lambda c: (c.end, c.end - c.start), default=None)
        code = best.code if best else "other"
        # "Diện tích gieo trồng lúa | ha", "- Lúa | ha" under its head: the crop names the code
        narrowed = (heads.narrowed(code, subject_text, "", fig_unit) if best
                    else heads.enumeration_item(subject_text, "", fig_unit))
        guess = None
        if narrowed is not None and compatible(narrowed.code, fig_unit):
            code = narrowed.code
        elif best is None:
            guess = _guess(subject_text, "", fig_unit)
            code = guess.code if guess else code
        indicator = cat.indicators().get(code) or cat.indicators()["other"]
        start = cells[i].start + m.start(2)
        comparator = {"<": "lt", "dưới": "lt", ">": "gt", "trên": "gt", "≥": "ge", "≤": "le", "~": "approx",
                      "khoảng": "approx"}.get((m.group(1) or "").casefold(), "eq")
        figures.append(Figure(
            indicator=code, indicator_vi=indicator.label_vi, subject=subject_text, qualifier=qualifier,
            measure=measure, value=value * factor, unit=fig_unit, raw_value=m.group(2),
            raw_unit=texts[unit_i].strip() if unit_i is not None and not relative else ("%" if relative else None),
            comparator=comparator, is_estimate=measure == "value" and column.estimate,
            reference=column.header if measure == "pct_of_plan" else "cùng kỳ" if measure == "pct_of_prior" else None,
            char_start=start, char_end=start + len(m.group(2)), sentence=row_text, page=block.page,
            extractor=EXTRACTOR,
            confidence=(round(0.5 + 0.2 * guess.confidence, 3) if guess else 0.85 if code != "other" else 0.5)
            * (UNCERTAIN_SEPARATOR if uncertain else 1.0),
        ))
    return figures


@component("table_figures")
def table_figures(doc: Document) -> None:
    columns: list[Column] | None = None
    declared: Declared | None = None
    end = own_text_end(doc)
    for block in doc.body_blocks():
        if block.start >= end:
            break  # "Tin liên quan": other articles
        declared = in_force(doc, block, declared)
        if block.kind != BlockKind.TABLE_ROW:
            columns = None
            continue
        texts = [doc.span_text(c) for c in block.cells]
        header = header_of(texts)
        if header is not None:
            columns = header
            continue
        if columns is not None and len(texts) == len(columns):
            doc.figures += _row_figures(doc, block, columns, declared)


lexicon._ON_CHANGE.append(column_of.cache_clear)
