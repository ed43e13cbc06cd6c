"""The period the figures are about: year, half (H1/H2), quarter, nine months or month.

Read from the title: a report's title says what it reports on ("Sơ kết ... 6 tháng đầu năm
2020"; "Tổng kết ... năm 2023, phương hướng nhiệm vụ năm 2024" is about 2023: the first period
named), a plan's title the year it plans for. Without a year in the title, the date of issue.
"""
from __future__ import annotations


import regex

from pipeline.components import component
from pipeline.lexicon import lexicon_cache, table
from pipeline.model import Document

_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_RANGE = regex.compile(r"(?<!\d)(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d(?!\d)")


@lexicon_cache
def period_patterns() -> tuple[tuple[regex.Pattern, str], ...]:
    return tuple((regex.compile(r["pattern"], regex.IGNORECASE), r["period"]) for r in table("periods"))


def period_of(title: str) -> tuple[str | None, int | None]:
    """The period code and year a title speaks of."""
    text = _RANGE.sub(" ", title)  # "giai đoạn 2021-2025" names no single year
    best: tuple[int, str, regex.Match] | None = None
    for pattern, code in period_patterns():
        m = pattern.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), code, m)
    if best is None:
        return None, None
    start, code, m = best
    if code == "month":
        code = f"M{int(m.group('month')):02d}" if 1 <= int(m.group("month")) <= 12 else "year"
    year = _YEAR.search(text, start) or _YEAR.search(text)
    return code, int(year.group(0)) if year else None


@component("period")
def period(doc: Document) -> None:
    meta = doc.meta
    code, year = period_of(meta.title or "")
    if year is None and meta.issued_date:
        year = int(meta.issued_date[:4])
        code = code or None
    meta.period, meta.period_year = code, year
