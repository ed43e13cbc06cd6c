"""The year each target is for (`target_year`), so a report's "phương hướng, nhiệm vụ năm 2024"
is not filed under the report's own year.

A target's year, the first found of:
1. its sentence: "Phấn đấu đến năm 2025, tỷ lệ hộ nghèo còn 2%", "năm 2024 thu ngân sách đạt 9
   tỷ" (the year nearest before the figure, else the first after it); a year compared with
   ("so với năm 2023", "cùng kỳ năm 2023") is the baseline, not the target's;
2. the section headings above it, innermost first: "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024";
3. a plan's own year (the year it plans for: `period_year`).
Else it stays empty: a report's targets with no year written are not guessed.
"""
from __future__ import annotations

from bisect import bisect_right

import regex

from pipeline.components import component
from pipeline.model import Document
from ..text.patterns import lazy

_YEAR = lazy(r"(?<![\p{L}\d])(?:năm|đến|vào|trong)\s+(?:năm\s+)?((?:19|20)\d{2})(?!\d)", regex.IGNORECASE)
# "so với (cuối) năm 2023", "so cùng kỳ năm 2023", "từ năm 2022": a baseline, not the target's year.
_BASELINE = lazy(r"(?:\bso\b|\bvới\b|cùng\s+k[ỳì]|\btừ\b)[^.;,()]{0,12}$", regex.IGNORECASE)
# "Luật Thi đua, khen thưởng năm 2022", "Nghị định 91 năm 2017": the year a legal text was issued.
_ISSUED = lazy(r"\b(?:Luật|Nghị định|Thông tư|Chỉ thị|Quyết định|Pháp lệnh)\b[^.;()]{0,40}$")
WINDOW = 48  # characters before a year read for a baseline or a legal text


def _years(text: str) -> list[tuple[int, int]]:
    """(offset, year) of the target years written in `text`, baselines and legal texts left out."""
    found = []
    for m in _YEAR.finditer(text):
        before = text[max(0, m.start() - WINDOW):m.start()]
        if not _BASELINE.search(before) and not _ISSUED.search(before):
            found.append((m.start(), int(m.group(1))))
    return found


def sentence_year(sentence: str, figure_at: int) -> int | None:
    """The year nearest before the figure (at `figure_at` in the sentence), else the first after."""
    years = _years(sentence)
    before = [y for at, y in years if at < figure_at]
    if before:
        return before[-1]
    after = [y for at, y in years if at >= figure_at]
    return after[0] if after else None


def heading_year(section: tuple[str, ...]) -> int | None:
    for heading in reversed(section):
        years = _years(heading)
        if years:
            return years[0][1]
    return None


@component("target_year")
def target_years(doc: Document) -> None:
    targets = [f for f in doc.figures if f.measure == "target"]
    if not targets:
        return
    starts = [b.start for b in doc.blocks]
    plan_year = doc.meta.period_year if doc.meta.doc_type == "plan" else None
    for figure in targets:
        at = figure.sentence.find(figure.raw_value)
        year = sentence_year(figure.sentence, at if at >= 0 else len(figure.sentence))
        if year is None:
            i = bisect_right(starts, figure.char_start) - 1
            year = heading_year(doc.blocks[i].section) if i >= 0 else None
        figure.target_year = year or plan_year
