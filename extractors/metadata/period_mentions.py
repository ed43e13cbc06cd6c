"""Every place a text names a period, and what the words around it say the period is to the text.

A press article or a portal post has no title block saying "Báo cáo ... năm 2023": its period is
in its own phrases ("6 tháng đầu năm 2020", "quý 1/2023", "tháng 4.2020", "năm học 2017-2018",
"giai đoạn 2016 - 2020"), among others that are not its period: the year it compares with ("so
với cùng kỳ năm 2023"), the year it plans for ("phương hướng nhiệm vụ năm 2024"), a deadline
("đến năm 2030"), the council's term ("nhiệm kỳ 2016 - 2021"), an event's edition ("đợt 1 năm
2016") and dates ("15:37, 11/03/2016", "ngày 9 tháng 1 năm 2014", evidence of when the text was
written, not of its period). Each mention gets a role from the lexicon's cues (period_cues.tsv)
and a weight from where it stands (the title counts most) and how (an aside in parentheses or a
quoted name counts half); `period` weighs them.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.lexicon import lexicon_cache, table

from ..text.layout import LEAD_CHARS
from ..text.patterns import lazy

YEAR = r"(?:19|20)\d\d(?!\d)"
_YEAR = lazy(rf"(?<![\d/.,\-])({YEAR})")
_RANGE = lazy(rf"(?<![\d/.,])({YEAR})\s*[-–—]\s*({YEAR})")
# Dates: "11/03/2016", "12.3.2025", "29-3-2022", "ngày 9 tháng 1 năm 2014", a header's blank day
# "ngày    tháng 8 năm 2025" (a day or "ngày" is needed: "tháng 4.2020" and "quý 1/2023" are periods).
_DATE = lazy(
    rf"(?<![\d/.])(?P<day>\d{{1,2}})\s*(?P<sep>[/.\-])\s*(?P<month>\d{{1,2}})\s*(?P=sep)\s*(?P<year>{YEAR})"
    rf"|ngày[\s._…]*(?P<vday>\d{{1,2}})?[\s._…]*tháng[\s._…]*(?P<vmonth>\d{{1,2}})[\s._…]*năm\s*(?P<vyear>{YEAR})",
    regex.IGNORECASE,
)
# "(tính) đến (hết) ngày 30/9/2022": the reporting point of cumulative figures
_UNTIL = lazy(r"(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?$", regex.IGNORECASE)
CUMULATIVE = {3: "Q1", 6: "H1", 9: "9M", 12: "year"}  # months since January, closed at a quarter's end
MONTH_END_DAY = 28
_AFTER_PHRASE = lazy(rf"\s*(?:năm\s*|[/.]\s*)?({YEAR})", regex.IGNORECASE)
_CLAUSE_END = lazy(r"[.;:!?\n]")
CLAUSE_CHARS = 120  # a cue further back than this speaks of something else

TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT = 3.0, 2.0, 1.0
ASIDE = 0.5  # in parentheses or quotes
# What a span of years ("2016 - 2020") may be besides a plain span, and its weight: a council's
# term names the council, seldom the period; an earlier span is compared with.
RANGE_ROLES = {"term": 0.25, "school": 1.0, "forward": 1.0, "prior": 1.0}


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    year: int | None
    code: str | None  # year / H1 / ... / Mnn; None: a year with no period of its own (range, event)
    role: str  # current, forward, prior, prior_next, horizon, asof, event, term, school, range
    weight: float
    in_title: bool = False


@dataclass(frozen=True, slots=True)
class Cue:
    pattern: regex.Pattern
    role: str
    adjacent: bool


@lexicon_cache
def period_phrases() -> tuple[tuple[regex.Pattern, str], ...]:
    return tuple((regex.compile(r["pattern"], regex.IGNORECASE), r["period"]) for r in table("periods"))


@lexicon_cache
def cues() -> tuple[Cue, ...]:
    out = []
    for r in table("period_cues"):
        adjacent = r["scope"] == "adjacent"
        # adjacent cues must end where the phrase starts; clause cues may stand anywhere before it
        pattern = rf"(?:{r['pattern']})$" if adjacent else rf"(?<![\p{{L}}])(?:{r['pattern']})(?![\p{{L}}])"
        out.append(Cue(regex.compile(pattern, regex.IGNORECASE), r["role"], adjacent))
    return tuple(out)


def code_of(m: regex.Match, code: str) -> str | None:
    if code != "month":
        return code
    month = int(m.group("month"))
    return f"M{month:02d}" if 1 <= month <= 12 else None


@dataclass(frozen=True, slots=True)
class Date:
    start: int
    end: int
    year: int
    month: int
    day: int


def dates(text: str) -> list[Date]:
    """Every date the text prints."""
    out = []
    for m in _DATE.finditer(text):
        month = int(m.group("month") or m.group("vmonth"))
        day = int(m.group("day") or m.group("vday") or 1)
        if 1 <= month <= 12 and 1 <= day <= 31:
            out.append(Date(m.start(), m.end(), int(m.group("year") or m.group("vyear")), month, day))
    return out


def _reporting_point(text: str, date: Date) -> str | None:
    """The cumulative period a figure "ước thực hiện đến 30/9/2022" is for: a date at a quarter's
    end after "đến" closes the months since January."""
    if date.day < MONTH_END_DAY or date.month not in CUMULATIVE:
        return None
    return CUMULATIVE[date.month] if _UNTIL.search(text, max(0, date.start - 20), date.start) else None


def _role(before: str) -> str | None:
    """The role the cues in `before` (the clause up to the period phrase) give, or None."""
    for cue in cues():
        if cue.adjacent and cue.pattern.search(before):
            return cue.role
    best: tuple[int, str] | None = None
    for cue in cues():
        if cue.adjacent:
            continue
        m = cue.pattern.search(before)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), cue.role)
    return best[1] if best else None


def _aside(text: str, start: int, line_start: int) -> bool:
    """Inside parentheses or quotes opened on its own line."""
    before = text[line_start:start]
    if before.count("(") > before.count(")"):
        return True
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


class _Places:
    """Where a position stands: its line's start, its clause's start, its weight."""

    def __init__(self, text: str, title: tuple[int, int] | None, lead_end: int):
        self.text, self.title, self.lead_end = text, title, lead_end

    def weight(self, pos: int) -> float:
        if self.title and self.title[0] <= pos < self.title[1]:
            return TITLE_WEIGHT
        return LEAD_WEIGHT if pos < self.lead_end else BODY_WEIGHT

    def in_title(self, pos: int) -> bool:
        return bool(self.title) and self.title[0] <= pos < self.title[1]

    def line_start(self, pos: int) -> int:
        return self.text.rfind("\n", 0, pos) + 1

    def clause_before(self, pos: int, floor: int) -> str:
        start = max(floor, pos - CLAUSE_CHARS, self.line_start(pos))
        window = self.text[start:pos]
        ends = [m.end() for m in _CLAUSE_END.finditer(window)]
        return window[ends[-1]:] if ends else window


def mentions(text: str, title: tuple[int, int] | None = None, lead_end: int = LEAD_CHARS) -> list[Mention]:
    """The period mentions of `text` in order; `title` the span of its title line, `lead_end`
    where its opening paragraph ends."""
    places = _Places(text, title, lead_end)
    found: list[Mention] = []
    taken = bytearray(len(text))  # characters a date, a span or a phrase already holds

    def take(start: int, end: int) -> None:
        taken[start:end] = b"\x01" * (end - start)

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    for date in dates(text):
        take(date.start, date.end)
        if code := _reporting_point(text, date):  # counts as a reporting point ("tính đến") does
            found.append(Mention(date.start, date.year, code, "current", 2 * places.weight(date.start)))

    for m in _RANGE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        take(m.start(), m.end())
        role = _role(places.clause_before(m.start(), 0))
        role = role if role in RANGE_ROLES else "range"
        weight = places.weight(m.start()) * RANGE_ROLES.get(role, 1.0)
        if _aside(text, m.start(), places.line_start(m.start())):
            weight *= ASIDE
        found.append(Mention(m.start(), int(m.group(2)), None, role, weight))

    phrases: list[tuple[int, int, str | None, int | None]] = []  # start, end, code, year
    for pattern, code in period_phrases():
        for m in pattern.finditer(text):
            after = _AFTER_PHRASE.match(text, m.end())
            end = after.end() if after else m.end()
            if free(m.start(), end):
                phrases.append((m.start(), end, code_of(m, code), int(after.group(1)) if after else None))
    # one phrase per place: the one that starts first (and then the longest) holds it
    phrases.sort(key=lambda p: (p[0], -p[1]))
    previous_end = 0
    for start, end, code, year in phrases:
        if not free(start, end) or code is None:
            continue
        if year is None and code.startswith("M") and not places.in_title(start):
            continue  # a month without its year names a period in a title only
        take(start, end)
        role = _role(places.clause_before(start, previous_end)) or "current"
        previous_end = end
        weight = places.weight(start)
        if _aside(text, start, places.line_start(start)):
            weight *= ASIDE
        if role == "asof":
            role, weight = "current", weight * 2
        found.append(Mention(start, year, code, role, weight, places.in_title(start)))

    # a year standing alone counts in the title only ("Tổng kết phong trào thi đua 2012")
    if title:
        for m in _YEAR.finditer(text, title[0], title[1]):
            if free(m.start(), m.end()):
                found.append(Mention(m.start(), int(m.group(1)), "year", "current", places.weight(m.start()), True))
    return sorted(found, key=lambda x: x.start)
