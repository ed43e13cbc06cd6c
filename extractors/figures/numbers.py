"""The Vietnamese number-and-unit grammar: where the quantities of a text are, and what they are.

How one number is read (`1.068,692`, `31,558`, `100.8`) is separators.py's: an ambiguous one
(one mark before exactly three digits) follows the document's convention unless its unit
decides (`settle`: a percentage keeps decimals, a count is whole).
After the number come a percent sign (`%`, `% %`, `%KH`), scale words (`tỷ`, `triệu`,
`nghìn`, compounds `16 tỷ 257 triệu`, `4,6 nghìn tỷ`), a unit (`đồng`, `ha`, `tạ/ha`, glued
or not), or a counted noun (`hộ`, `LĐ`, `học sinh`). `N/M` figures carry a denominator, and so
do amounts against their plan (`548/541 ha`, `8.119ha/8.100ha`); `từ 2 đến 3`, `7,5 - 8%` give
two bounds; a sign in brackets (`(-673 ha)`) marks a change; a change written in a rate's
numerator right after the rate (`55,7 tạ/ha, giảm 0,2 tạ`) is in the rate's unit. A relation
word glued to its number (`tăng1,36%`) does not hide it. Units, scales, nouns and the words
around numbers are lexicons (units, scales, count_nouns, number_context).

What is not a figure is decided here too: dates, periods (`quý 1/2025`), document numbers,
years, section numbers, ages, durations, ordinals, rankings (`top 10`), per-quantities, clock
times, phone numbers, page clutter (`Lượt xem: 409`), award counts.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, replace

import regex

from pipeline.lexicon import lexicon_cache, table

from .separators import VIETNAMESE, Separators, ambiguous, decide, evidence, parse_number
from ..text.patterns import lazy

MAX_LOOKAHEAD = 48


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in a text with what follows it. Offsets are relative to the text scanned."""

    start: int  # the number as written: text[start:end] == raw
    end: int
    raw: str
    value: float  # in the canonical unit
    unit: str  # canonical unit; "count" for counted nouns
    raw_unit: str | None
    span_end: int  # end of the number with its unit
    denominator: float | None = None
    bound: str | None = None  # "low"/"high" for the two ends of a range
    sign: int = 0  # -1/+1 for a number written signed, "(-673 ha)": a change; `value` stays unsigned
    uncertain: bool = False  # its separator reads either way in its document (see separators.py)
    factor: float = 1.0  # value = the number as written x factor (scale words and unit)


@dataclass(frozen=True, slots=True)
class _Unit:
    surface: str
    unit: str
    factor: float


@lexicon_cache
def _units() -> tuple[_Unit, ...]:
    rows = [_Unit(r["surface"], r["unit"], float(r["factor"])) for r in table("units")]
    return tuple(sorted(rows, key=lambda u: len(u.surface), reverse=True))


@lexicon_cache
def _unit_index() -> dict[str, tuple[int, _Unit]]:
    index: dict[str, tuple[int, _Unit]] = {}
    for i, unit in enumerate(_units()):
        index.setdefault(unit.surface.casefold(), (i, unit))
    return index


def _unit_named(written: str) -> _Unit:
    """The unit a matched surface names, written with or without its spaces ("m 2", "m2")."""
    index = _unit_index()
    found = [index[key] for key in ("".join(written.split()).casefold(), written.casefold()) if key in index]
    return min(found, key=lambda pair: pair[0])[1]


@lexicon_cache
def _unit_pattern() -> regex.Pattern:
    alternatives = "|".join(regex.escape(u.surface).replace(r"\ ", r"\s*") for u in _units())
    return regex.compile(rf"^[^\S\n]*(?P<unit>{alternatives})(?![\p{{L}}\d])", regex.IGNORECASE)


@lexicon_cache
def _scales() -> tuple[tuple[str, float], ...]:
    rows = [(r["surface"], float(r["factor"])) for r in table("scales")]
    return tuple(sorted(rows, key=lambda s: len(s[0]), reverse=True))


@lexicon_cache
def _scale_pattern() -> regex.Pattern:
    alternatives = "|".join(regex.escape(s).replace(r"\ ", r"\s+") for s, _ in _scales())
    return regex.compile(rf"^[^\S\n]*(?P<scale>{alternatives})(?![\p{{L}}])")


@lexicon_cache
def _nouns() -> dict[str, str]:
    return {r["noun"].casefold(): r["kind"] for r in table("count_nouns")}


_PERCENT = lazy(r"^[^\S\n]*%(?:[^\S\n]*%)?")
_FRACTION = lazy(r"^/(?P<den>\d+(?:[.,]\d+)*)(?![\d/])")
_OUT_OF = lazy(r"^[^\S\n]+(?:trong|trên)[^\S\n]+(?:tổng[^\S\n]+)?số[^\S\n]+(?P<den>\d+(?:[.,]\d+)*)(?![\d/.,])")
_UNIT_FRACTION = lazy(r"^[^\S\n]?/[^\S\n]?(?P<den>\d+(?:[.,]\d+)*)(?![\d/])")
_DOC_NUMBER = lazy(r"^(?:/\d*|-)[\w./-]*\p{Lu}|^/\d+/\d+|^\.\d+\.\d+\.\d")
_RANGE = lazy(r"^[^\S\n]*(?:-|–|đến|tới)[^\S\n]*(?=\d)")
_WORD = lazy(r"^[^\S\n]*(?P<word>[\p{L}][\p{L}\p{M}]*)(?:[^\S\n]+(?P<next>[\p{L}][\p{L}\p{M}]*)"
                      r"(?:[^\S\n]+(?P<third>[\p{L}][\p{L}\p{M}]*))?)?")
_DATE_BEFORE = lazy(r"(?:ngày|quốc khánh|lễ|dịp|từ|đến|hôm)[^\S\n]*$", regex.IGNORECASE)
_LIST_SEPARATOR = lazy(r"\s*(?:,|và|-)\s*")
_PER_UNIT = lazy(r"(?:trên|/|mỗi|một)[^\S\n]*$")
_SECTION_NUMBER = lazy(r"^(?:\.|\))(?:\s|$)")
_SPACES = lazy(r"\s+")
_NEXT_NUMBER = lazy(r"^[^\S\n]+(\d+(?:[.,]\d+)*)")
_NOT_DIGIT = lazy(r"\D")
_DOTTED_HEADING = lazy(r"^\.\s+\p{Lu}")
_CLOCK = lazy(r"[:h]\d{2}(?!\d)")
_CLOCK_BEFORE = lazy(r"\d[:h]$")


@lexicon_cache
def _context(role: str) -> str:
    """The patterns of one role of lexicons/number_context.tsv as one alternation."""
    return "|".join(f"(?:{r['pattern']})" for r in table("number_context") if r["role"] == role)


# The two patterns of the words right before a number are anchored at the number (`$`) and only
# asked whether they match: searched backwards (`(?r)`), from the number, they are tried at the
# one place they can end instead of at every start of the window (half the time, same answers).
@lexicon_cache
def _before_not_figure() -> regex.Pattern:
    return regex.compile(rf"(?r)\b(?:{_context('not_before')})[^\S\n]*[:.]?[^\S\n]*$")


@lexicon_cache
def _number_pattern() -> regex.Pattern:
    """A number: not inside a word or another number, except a sign after "(" ("(-673 ha)",
    "(+443 ha)"), a list comma with no space ("2 giếng,3 cột") and a relation word glued before
    it ("tăng1,36%")."""
    return regex.compile(rf"(?:(?<![\p{{L}}\d.,/\\-])|(?<=\p{{L}}[,;])|(?<=\([-–−])|(?<={_context('glued')}))"
                         r"\d+(?:[.,]\d+)*(?!\d)")


@lexicon_cache
def _share_met() -> regex.Pattern:
    return regex.compile(rf"[^\S\n]+(?:{_context('share_met')})(?![\p{{L}}])")


@lexicon_cache
def _glued_end() -> regex.Pattern:
    return regex.compile(rf"(?<=\p{{L}})(?:{_context('glued')})$")


def unglued(gap: str) -> str:
    """The words before a number glued to them, as they read spaced ("hơi nướctăng" -> "hơi nước
    tăng"), so that the relation word is seen as one. The text itself is left as it is."""
    m = _glued_end().search(gap)
    return f"{gap[:m.start()]} {gap[m.start():]}" if m else gap


def _noun(w: regex.Match) -> tuple[str, str]:
    """The counted noun after a number (the longest known one of up to three words) and its kind."""
    nouns = _nouns()
    words = [x for x in (w.group("word"), w.group("next"), w.group("third")) if x]
    for n in range(len(words), 1, -1):
        phrase = " ".join(words[:n])
        if phrase.casefold() in nouns:
            return phrase, nouns[phrase.casefold()]
    return words[0], nouns.get(words[0].casefold(), "count")


def _is_year(raw: str) -> bool:
    return len(raw) == 4 and raw.isdigit() and 1900 <= int(raw) <= 2100


@lexicon_cache
def _name_before() -> regex.Pattern:
    return regex.compile(rf"(?r)(?<![\p{{L}}])(?:{_context('name_head')})(?:[^\S\n]+(?:chuyên[^\S\n]+)?"
                         r"\p{Lu}[\p{L}\p{M}]*){1,4}[^\S\n]*$")


def _excluded_before(text: str, start: int) -> bool:
    before = text[max(0, start - 24):start]
    if _before_not_figure().search(before) is not None:
        return True
    return _name_before().search(text[max(0, start - 60):start]) is not None  # "Trường THPT Lê Lợi 2"


def _scaled(text: str, pos: int, value: float) -> tuple[float, int, float]:
    """Scale words after a number, compounds included: (value, end, last factor)."""
    m = _scale_pattern().match(text[pos:pos + MAX_LOOKAHEAD])
    if not m:
        return value, pos, 1.0
    factor = dict(_scales())[_SPACES.sub(" ", m.group("scale"))]
    value *= factor
    pos += m.end()
    # "16 tỷ 257 triệu", "147 triệu 700 nghìn": a smaller scale adds to the larger one.
    while True:
        rest = text[pos:pos + MAX_LOOKAHEAD]
        n = _NEXT_NUMBER.match(rest)
        if not n:
            break
        s = _scale_pattern().match(rest[n.end():])
        part = parse_number(n.group(1))
        if not s or part is None:
            break
        smaller = dict(_scales())[_SPACES.sub(" ", s.group("scale"))]
        if smaller >= factor:
            break
        value += part * smaller
        factor = smaller
        pos += n.end() + s.end()
    return value, pos, factor


_WHOLE_CANDIDATE = lazy(r"(?<![\d.,])\d{1,3}(?P<mark>[.,])\d{3}(?![\d.,]\d|\d)")


@functools.lru_cache(maxsize=64)
def document_separators(text: str) -> Separators:
    """The separator convention of a document (decided once per document; cached, the prose and
    the table extractors ask with the same text): its unambiguous numbers, and the ambiguous ones
    that count whole things ("25.500 người", "1,250 hộ": the mark groups thousands)."""
    e = evidence(text)
    vietnamese, english = e.vietnamese_groups, e.english_groups
    for m in _WHOLE_CANDIDATE.finditer(text):
        after = text[m.end():m.end() + MAX_LOOKAHEAD]
        w = _WORD.match(after)
        if not w or not w.group("word")[0].islower() or _scale_pattern().match(after) or _unit_pattern().match(after):
            continue
        if _noun(w)[1] != "count":
            continue
        if m.group("mark") == ".":
            vietnamese += 1
        else:
            english += 1
    return decide(replace(e, vietnamese_groups=vietnamese, english_groups=english))


def settle(raw: str, unit: str, scaled: bool, seps: Separators) -> tuple[str, bool]:
    """How to read an ambiguous number (`1.618`, `31,558`): (the mark that groups thousands,
    whether the reading stays uncertain). What the unit allows comes before the document's
    convention: a percentage keeps its decimals (`99.962%`); before a scale word a comma marks
    decimals (`75,304 tỷ`: thousands are what the scale word is for); a count or an amount of
    đồng is whole (`1,250 người`, `2.500 đồng`). Else the document's convention decides; in a
    document that shows both conventions a lone group of three digits groups thousands (three
    decimals of a tonne or a hectare are rarely written) and the reading stays uncertain."""
    mark = "." if "." in raw else ","
    other = "," if mark == "." else "."
    if unit == "percent":
        return other, False
    if scaled:
        return (other, False) if mark == "," else (seps.thousands, seps.mixed)
    if unit in ("count", "VND"):
        return mark, False
    if seps.mixed:
        return mark, True
    return seps.thousands, False


def _quantity_at(text: str, m: regex.Match, bound: str | None = None,
                 seps: Separators = VIETNAMESE) -> Quantity | None:
    """The quantity of the number `m` found; an ambiguous one is read as `settle` says."""
    q = _read(text, m, bound, seps.thousands)
    number = m.group(0)  # the number itself: `q.raw` of a compound is the whole phrase ("16 tỷ 257 triệu")
    if q is None or not ambiguous(number):
        return q
    scaled = _scale_pattern().match(text[m.end():m.end() + MAX_LOOKAHEAD]) is not None
    thousands, uncertain = settle(number, q.unit, scaled, seps)
    if parse_number(number, thousands) != parse_number(number, seps.thousands):
        q = _read(text, m, bound, thousands)
    return replace(q, uncertain=True) if q is not None and uncertain else q


def _unit_after(text: str, pos: int) -> regex.Match | None:
    return _unit_pattern().match(text[pos:pos + MAX_LOOKAHEAD]) or _scale_pattern().match(text[pos:pos + MAX_LOOKAHEAD])


def _read(text: str, m: regex.Match, bound: str | None, thousands: str) -> Quantity | None:
    raw, start, end = m.group(0), m.start(), m.end()
    value = parse_number(raw, thousands)
    if value is None:
        return None
    rest = text[end:end + MAX_LOOKAHEAD]
    if _DOC_NUMBER.match(rest):
        return None  # 91/2017/NĐ-CP, 34-CT/TW, 29/KH-UBND, 26/11/2003
    denominator = None
    pos = end
    if f := _FRACTION.match(rest) or _OUT_OF.match(rest):
        denominator = parse_number(f.group("den"), thousands)
        if denominator is None or (_is_year(f.group("den")) and raw.isdigit() and value <= 12):
            return None  # "quý 1/2025", "tháng 6/2024": a period
        if denominator < value and _unit_after(text, end + f.end()) is None:
            return None  # "29/3": a date; "548/541 ha" is an amount against its plan
        if denominator <= 12 and (raw.startswith("0") or _DATE_BEFORE.search(text[max(0, start - 16):start])):
            return None  # "quốc khánh 02/9": a day and a month
        pos = end + f.end()
    if p := _PERCENT.match(text[pos:pos + 8]):
        if denominator is not None:
            return None
        return Quantity(start, end, raw, value, "percent", "%", pos + p.end(), None, bound)
    if _RANGE.match(rest) and denominator is None:
        return Quantity(start, end, raw, value, "", None, end, None, bound)  # the low end of a range
    number = value
    scaled_from = pos
    value, pos, factor = _scaled(text, pos, value)
    if any(c.isdigit() for c in text[scaled_from:pos]):
        # "16 tỷ 257 triệu": the number is the whole compound, so raw_value is the whole phrase
        raw, end = text[start:pos], pos
    w = _WORD.match(text[pos:pos + MAX_LOOKAHEAD])
    noun, kind = _noun(w) if w else ("", "count")
    if " " not in noun and (u := _unit_pattern().match(text[pos:pos + MAX_LOOKAHEAD])):
        unit = _unit_named(u.group("unit"))
        multiplier = (value / number if number else factor) * unit.factor
        span_end = pos + u.end()
        if denominator is None and factor == 1 and (d := _unit_denominator(text, span_end, unit, thousands)):
            denominator, span_end = d  # "8.119ha/8.100ha": an amount against its plan
        elif denominator is not None:
            denominator *= multiplier
        return Quantity(start, end, raw, number * multiplier, unit.unit, u.group("unit"), span_end,
                        denominator, bound, factor=multiplier)
    if factor > 1 and (not w or kind == "function"):
        return Quantity(start, end, raw, value, "VND", None, pos, None, bound, factor=factor)  # "9.427 tỷ (đạt)": money
    if w:
        word = w.group("word")
        if w.start("word") == 0 and len(word) == 1 and word.casefold() not in _nouns():
            return None  # "30a", "56088c38b9", "1A": a code or a file name, not a count of "a"
        if kind == "function":
            return Quantity(start, end, raw, value, "", None, pos, None, bound)  # counts nothing named
        if kind == "share" and (denominator is not None or value != int(value)
                                or _share_met().match(text, pos + w.start("word") + len(noun))):
            kind = "count"  # "đạt 17/19 tiêu chí", "bình quân 17,6 tiêu chí", "17 chỉ tiêu vượt kế hoạch"
        if kind != "count" or (word[0].isupper() and not word.isupper()):
            return None
        if factor > 1 and word.casefold() in ("đồng",):
            return None
        return Quantity(start, end, raw, value, "count", noun, pos + w.start("word") + len(noun), denominator, bound,
                        factor=factor)
    if denominator is not None:
        return None  # "02/9", "24/24": a date or a clock, not a share of anything
    return Quantity(start, end, raw, value, "", None, pos, None, bound)  # a bare number


def _unit_denominator(text: str, pos: int, unit: _Unit, thousands: str) -> tuple[float, int] | None:
    """A plan written after an amount in the same unit, "2.499ha/2.480ha", "95.000đ/90.000đ":
    (the plan in the canonical unit, where it ends)."""
    f = _UNIT_FRACTION.match(text[pos:pos + MAX_LOOKAHEAD])
    if not f:
        return None
    after = pos + f.end()
    u = _unit_pattern().match(text[after:after + MAX_LOOKAHEAD])
    if not u or _unit_named(u.group("unit")) != unit:
        return None
    den = parse_number(f.group("den"), thousands)
    return (den * unit.factor, after + u.end()) if den is not None else None


def _signed(text: str, q: Quantity) -> Quantity:
    """A number written with its sign inside brackets, "(-673 ha)", "(+443 ha)": a change."""
    if q.start >= 2 and text[q.start - 2] == "(" and text[q.start - 1] in "+-–−":
        return replace(q, sign=1 if text[q.start - 1] == "+" else -1)
    return q


@lexicon_cache
def _change_gap() -> regex.Pattern:
    words = "|".join(r["pattern"] for r in table("relations") if r["role"] in ("increase", "decrease"))
    return regex.compile(rf"[\s,;(]*(?:{words})[^\S\n]*", regex.IGNORECASE)


def _in_rate_unit(text: str, prev: Quantity | None, q: Quantity) -> Quantity:
    """"năng suất 55,4 tạ/ha, giảm 0,2 tạ": a change right after a rate, written in the rate's
    numerator alone, is a change of the rate (0,2 tạ/ha), not an amount of 0,2 tạ."""
    if prev is None or not prev.raw_unit or "/" not in prev.raw_unit or not q.raw_unit or q.unit in ("percent", "count"):
        return q
    if prev.raw_unit.split("/")[0].strip().casefold() != q.raw_unit.casefold():
        return q
    if not _change_gap().fullmatch(text[prev.span_end:q.start]):
        return q
    rate = _unit_named(prev.raw_unit)
    multiplier = q.factor / _unit_named(q.raw_unit).factor * rate.factor
    return replace(q, value=q.value / q.factor * multiplier, unit=rate.unit, factor=multiplier)


@lexicon_cache
def _threshold_gap() -> regex.Pattern:
    bounds = "|".join(r["pattern"] for r in table("relations")
                      if r["role"] in ("before_gt", "before_ge", "before_lt", "before_le"))
    return regex.compile(rf"[^\S\n]+(?:(?:{_context('threshold_verb')})(?:[^\S\n]+[\p{{L}}\p{{M}}]+){{1,6}}?"
                         rf"|(?:{_context('threshold_subject')})(?:[^\S\n]+[\p{{L}}\p{{M}}]+){{0,4}}?)"
                         rf"[^\S\n]+(?:{bounds})(?:[^\S\n]+(?:{bounds}))?[^\S\n]*", regex.IGNORECASE)


@lexicon_cache
def _upper_bound_gap() -> regex.Pattern:
    bounds = "|".join(r["pattern"] for r in table("relations") if r["role"] in ("before_lt", "before_le"))
    return regex.compile(rf"[^\S\n]*(?:-|–|đến|tới)(?:[^\S\n]+(?:{bounds}))?[^\S\n]*", regex.IGNORECASE)


def _threshold(text: str, prev: Quantity | None, q: Quantity, last_bound_end: int) -> bool:
    """"3 xã đạt thu nhập bình quân trên 45 triệu đồng/năm", "... từ 20 đến dưới 45 triệu": a bound
    right after a count, in the same clause, says which units are counted; it is part of the
    count's subject, not a figure."""
    if last_bound_end >= 0 and _upper_bound_gap().fullmatch(text, last_bound_end, q.start):
        return True
    return prev is not None and prev.unit == "count" and _threshold_gap().fullmatch(text, prev.span_end, q.start) is not None


def quantities(text: str, seps: Separators = VIETNAMESE) -> list[Quantity]:
    """Every quantity of a text, in order; non-figures are left out (see the module doc). `seps`
    is the document's separator convention (separators.separators of its whole text)."""
    found: list[Quantity] = []
    skip_until = -1
    excluded_end = -1
    last_bound_end = -1  # the end of a bound just left out as part of a count's subject
    number = _number_pattern()
    for m in number.finditer(text):
        if m.start() < skip_until:
            continue
        if _excluded_before(text, m.start()) or (
            excluded_end >= 0 and _LIST_SEPARATOR.fullmatch(text[excluded_end:m.start()])
        ):
            excluded_end = m.end()  # "tiêu chí số 6, 8, 16": the whole list is excluded
            continue
        if text[:m.start()].count('"') % 2:
            continue  # inside a quoted name or slogan ("5 không, 3 sạch")
        at_line_start = not text[:m.start()].strip() or text[max(0, m.start() - 1)] == "\n"
        if at_line_start and _SECTION_NUMBER.match(text[m.end():m.end() + 2]):
            continue
        if m.group(0).startswith("0") and len(_NOT_DIGIT.sub("", m.group(0))) >= 9:
            continue  # a phone number
        if "." in m.group(0) and _DOTTED_HEADING.match(text[m.end():m.end() + 3]):
            continue  # "2.1. Phong trào": a section number
        if _CLOCK.match(text, m.end()) or _CLOCK_BEFORE.search(text, max(0, m.start() - 3), m.start()):
            continue  # "08:45": a time of day
        q = _quantity_at(text, m, seps=seps)
        if q is None:
            continue
        if q.value == 1 and q.unit == "ha" and _PER_UNIT.search(text[max(0, q.start - 8):q.start]):
            continue  # "trên 01 ha": per hectare, not a figure
        if _is_year(q.raw) and q.unit in ("", "count") and q.denominator is None:
            continue
        prev = found[-1] if found else None
        threshold = _threshold(text, prev, q, last_bound_end)
        last_bound_end = q.end if threshold else -1
        q = _in_rate_unit(text, prev, _signed(text, q))
        # A range: "từ 2 đến 3 mô hình", "7,5 - 8,0%", "từ 4% - 5%".
        r = _RANGE.match(text[q.span_end if q.unit else q.end:])
        if r:
            after = (q.span_end if q.unit else q.end) + r.end()
            m2 = number.match(text, after)
            q2 = _quantity_at(text, m2, "high", seps) if m2 else None
            if q2 is not None and not _is_year(q2.raw) and q2.value >= q.value and q.unit in ("", q2.unit):
                # The low end takes the high end's unit and scale: "từ 2 đến 3 tỷ đồng".
                scale = q2.factor if q.unit == "" else 1.0
                low = Quantity(q.start, q.end, q.raw, q.value * scale, q2.unit, q2.raw_unit,
                               q.span_end if q.unit else q.end, q.denominator, "low", factor=q.factor * scale,
                               uncertain=q.uncertain)
                if not threshold:
                    found += [low, q2]
                skip_until = q2.span_end
                continue
        if not threshold:
            found.append(q)
        skip_until = q.span_end
    return found
