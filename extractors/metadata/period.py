"""The period the figures are about: year, half (H1/H2), quarter, nine months or month.

A document with an official header says it in its title: a report's title says what it reports
on ("Sơ kết ... 6 tháng đầu năm 2020"; "Tổng kết ... năm 2023, phương hướng nhiệm vụ năm 2024" is
about 2023: the first period named), a plan's title the year it plans for.

A text without one (a press article, a portal post), or a title that names no year, is read by
weighing every period it names (period_mentions): a report is about the period of its results,
a plan about the period it plans for. Years it compares with ("so với cùng kỳ năm 2023") point
to the year after; a school year, a five-year span, a term or an event give the year with no
period of its own (`period` empty). Dates of publication are the last resort: a text that speaks
of "cả năm" and was published in January or February is about the year before.
"""
from __future__ import annotations

from collections import defaultdict

import regex

from pipeline.components import component
from pipeline.model import Document

from ..text.layout import lead_spans
from .period_mentions import Mention, dates, mentions, period_phrases
from ..text.patterns import lazy

_YEAR = lazy(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_RANGE = lazy(r"(?<!\d)(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d(?!\d)")
_YEAR_END = lazy(r"(?:tổng\s+kết|cả|cuối)\s+năm|năm\s+qua", regex.IGNORECASE)

# What each kind of document counts as its own period.
REPORT_ROLES = {"current": 1.0, "event": 1.0, "range": 1.0, "school": 1.0, "term": 1.0}
PLAN_ROLES = {**REPORT_ROLES, "forward": 1.0, "horizon": 1.0}
# Roles that give a year but no period of its own: an event's edition, a span, a term, a deadline.
NO_PERIOD = {"event", "range", "school", "term", "horizon"}
NEXT_YEAR = 0.5
QUARTER_MONTHS = {"M03": "Q1", "M06": "H1", "M09": "9M", "M12": "year"}  # "so với (cùng kỳ) năm X": evidence, weaker than a naming, that the text is about X+1
EARLY_MONTHS = 2  # a text published in January or February about "cả năm" is about the year before


def period_of(title: str) -> tuple[str | None, int | None]:
    """The period code and year a title speaks of."""
    text = _RANGE.sub(" ", title)  # "giai đoạn 2021-2025" names no single year
    best: tuple[int, str, regex.Match] | None = None
    for pattern, code in period_phrases():
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


def weigh(found: list[Mention], plan: bool) -> tuple[str | None, int | None]:
    """The (period, year) the mentions point to: the year they name most (by weight), then the
    period the title names for it, else the one most of that year's mentions (and the year-less
    phrases) give it."""
    roles = PLAN_ROLES if plan else REPORT_ROLES
    years: dict[int, float] = defaultdict(float)
    first: dict[int, int] = {}
    for m in found:
        if m.year is None:
            continue
        if m.role in roles:
            years[m.year] += m.weight * roles[m.role]
            first.setdefault(m.year, m.start)
        elif m.role == "prior_next":
            years[m.year + 1] += m.weight * NEXT_YEAR
            first.setdefault(m.year + 1, m.start)
    if not years:  # no year named: the title's period, if it names one, for the byline's year
        titled = [m for m in found if m.in_title and m.role in roles and m.role not in NO_PERIOD]
        return (titled[0].code if titled else None), None
    year = max(years, key=lambda y: (years[y], -first[y]))
    # a title that names the period decides it, as a header's title does ("tháng 11 và 11 tháng")
    titled = [m for m in found if m.in_title and m.role in roles and m.role not in NO_PERIOD and m.year in (year, None)]
    if titled:
        code = titled[0].code
        # a statistics office's report for June (March, September, December) gives the half year
        # (the quarter, nine months, the year) so far: when its body does, that is its period
        closing = QUARTER_MONTHS.get(code or "")
        if closing and any(m.code == closing and m.year == year and not m.in_title for m in found):
            code = closing
        return code, year
    codes: dict[str | None, float] = defaultdict(float)
    for m in found:
        if m.role not in roles and m.role != "prior_next":
            continue
        if m.year == year:
            codes[m.code if m.role in roles and m.role not in NO_PERIOD else None] += m.weight
        elif m.year is None and m.role in roles:
            codes[m.code] += m.weight * 0.5
    code = max(codes, key=lambda c: (codes[c], c is not None)) if codes else None
    return code, year


def from_dates(text: str, lead_end: int, code: str | None) -> tuple[str | None, int | None]:
    """The year of the first date near the top (a byline, a meeting's day): the text's time. A
    text that speaks of "cả năm" published in January or February is about the year before, and
    so is one about a month later in the year than the month it was published in ("tháng 12",
    published in January)."""
    near = [d for d in dates(text) if d.start < lead_end]
    if not near:
        return code, None
    year, month = near[0].year, near[0].month
    if code in (None, "year") and month <= EARLY_MONTHS and _YEAR_END.search(text):
        return "year", year - 1
    if code and code.startswith("M") and int(code[1:]) > month:
        return code, year - 1
    return code, year


@component("period")
def period(doc: Document) -> None:
    meta = doc.meta
    code, year = period_of(meta.title or "")
    if year is None and meta.doc_type in ("report", "plan") and (span := _RANGE.search(meta.title or "")):
        code, year = None, int(span.group(0)[-4:])  # a five-year document: its last year, no period
    if year is None and meta.issued_date:
        # a header's date: its year, and the title's period if any; a review of "cả năm" issued in
        # January or February is about the year before
        year = int(meta.issued_date[:4])
        issued_month = int(meta.issued_date[5:7]) if len(meta.issued_date) >= 7 else None
        if issued_month and code == "year" and issued_month <= EARLY_MONTHS:
            year -= 1
        elif issued_month and code and code.startswith("M") and int(code[1:]) > issued_month:
            year -= 1  # December's report issued in January
    if year is None:
        title, lead_end = lead_spans(doc)
        found_code, year = weigh(mentions(doc.text, title, lead_end), plan=meta.doc_type == "plan")
        if year is None and meta.doc_number is None:
            found_code, year = from_dates(doc.text, lead_end, found_code)
        code = code or found_code
    meta.period, meta.period_year = code, year
