"""The Vietnamese number-and-unit grammar: where the quantities of a text are, and what they are.

Numbers are written the Vietnamese way (`.` groups thousands, `,` marks decimals) with
English-style decimals where that is unambiguous. The rule for a number, in order:
- both separators: the last one marks decimals (`1.068,692` = 1068.692; `1,234.5` = 1234.5);
- only commas: one comma is a decimal comma (`31,250` = 31.25); several commas with groups of
  three digits group thousands (`1,234,567`);
- only dots: several dots group thousands (`5.451.000.000`); one dot followed by exactly three
  digits groups thousands (`1.095` = 1095); otherwise it is a decimal point (`55.76`).
After the number come a percent sign (`%`, `% %`, `%KH`), scale words (`tỷ`, `triệu`,
`nghìn`, compounds `16 tỷ 257 triệu`, `4,6 nghìn tỷ`), a unit (`đồng`, `ha`, `tạ/ha`, glued
or not), or a counted noun (`hộ`, `LĐ`, `học sinh`). `N/M` figures carry a denominator, and
`từ 2 đến 3`, `7,5 - 8%` give two bounds. Units, scales and nouns are lexicons.

What is not a figure is decided here too: dates, document numbers, years, section numbers,
ages, durations, ordinals, per-quantities, clock times, phone numbers, award counts.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.lexicon import lexicon_cache, table

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


NUMBER = regex.compile(r"(?<![\p{L}\d.,/\\-])\d+(?:[.,]\d+)*(?!\d)")
_PERCENT = regex.compile(r"^[^\S\n]*%(?:[^\S\n]*%)?")
_FRACTION = regex.compile(r"^/(?P<den>\d+(?:[.,]\d+)*)(?![\d/])")
_DOC_NUMBER = regex.compile(r"^(?:/\d*|-)[\w./-]*\p{Lu}|^/\d+/\d+|^\.\d+\.\d+\.\d")
_RANGE = regex.compile(r"^[^\S\n]*(?:-|–|đến|tới)[^\S\n]*(?=\d)")
_WORD = regex.compile(r"^[^\S\n]*(?P<word>[\p{L}][\p{L}\p{M}]*)(?:[^\S\n]+(?P<next>[\p{L}][\p{L}\p{M}]*)"
                      r"(?:[^\S\n]+(?P<third>[\p{L}][\p{L}\p{M}]*))?)?")
_DATE_BEFORE = regex.compile(r"(?:ngày|quốc khánh|lễ|dịp|từ|đến|hôm)[^\S\n]*$", regex.IGNORECASE)
_LIST_SEPARATOR = regex.compile(r"\s*(?:,|và|-)\s*")
_PER_UNIT = regex.compile(r"(?:trên|/|mỗi|một)[^\S\n]*$")
_SECTION_NUMBER = regex.compile(r"^(?:\.|\))(?:\s|$)")
_SPACES = regex.compile(r"\s+")
_NEXT_NUMBER = regex.compile(r"^[^\S\n]+(\d+(?:[.,]\d+)*)")
_NOT_DIGIT = regex.compile(r"\D")
_DOTTED_HEADING = regex.compile(r"^\.\s+\p{Lu}")
_BEFORE_NOT_FIGURE = regex.compile(
    r"(?:\b(?:[Ss]ố|thứ|[Đđ]iều|[Kk]hoản|điểm|[Cc]hương|[Mm]ục|[Kk]hóa|[Kk]hoá|lần|[Ll]ần\s+thứ|[Nn]hóm|"
    r"[Tt]ổ|[Đđ]ội|[Xx]óm|[Nn]gã|[Ll]ớp|[Tt]rung\s+ương|[Kk]hối|[Vv]ùng|[Tt]iểu\s+khu|[Tt]hôn|[Pp]hường|[Kk]hu|[Qq]uốc\s+lộ|QL|ĐT|[Kk]m|[Ll]ô|Phòng|[Tt]ầng|"
    r"ngày|tháng|[Nn]ăm\s+học|[Gg]iai\s+đoạn|[Nn]hiệm\s+kỳ|tuổi|[Kk]ỳ\s+họp|[Hh]ội\s+nghị\s+lần|"
    r"truy\s+cập|[Đđ]iện\s+thoại|ĐT|Fax|[Hh]otline|[Tt]rang|[Bb]ảng|[Pp]hụ\s+lục|[Mm]ẫu|[Tt]ỷ\s+lệ\s+1)"
    r"[^\S\n]*[:.]?[^\S\n]*$)"
)


def parse_number(raw: str) -> float | None:
    """The value of a number as written (see the module's rules)."""
    dots, commas = raw.count("."), raw.count(",")
    try:
        if dots and commas:
            if raw.rfind(",") > raw.rfind("."):
                return float(raw.replace(".", "").replace(",", "."))
            return float(raw.replace(",", ""))
        if commas:
            if commas > 1:
                groups = raw.split(",")
                if all(len(g) == 3 for g in groups[1:]):
                    return float("".join(groups))
                return None
            return float(raw.replace(",", "."))
        if dots:
            groups = raw.split(".")
            if dots > 1:
                return float("".join(groups)) if all(len(g) == 3 for g in groups[1:]) else None
            return float("".join(groups)) if len(groups[1]) == 3 else float(raw)
        return float(raw)
    except ValueError:
        return None


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


def _excluded_before(text: str, start: int) -> bool:
    before = text[max(0, start - 24):start]
    return _BEFORE_NOT_FIGURE.search(before) is not None


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


def _quantity_at(text: str, m: regex.Match, bound: str | None = None) -> Quantity | None:
    raw, start, end = m.group(0), m.start(), m.end()
    value = parse_number(raw)
    if value is None:
        return None
    rest = text[end:end + MAX_LOOKAHEAD]
    if _DOC_NUMBER.match(rest):
        return None  # 91/2017/NĐ-CP, 34-CT/TW, 29/KH-UBND, 26/11/2003
    denominator = None
    pos = end
    if f := _FRACTION.match(rest):
        denominator = parse_number(f.group("den"))
        if denominator is None or denominator < value:
            return None
        if denominator <= 12 and (raw.startswith("0") or _DATE_BEFORE.search(text[max(0, start - 16):start])):
            return None  # "quốc khánh 02/9": a day and a month
        pos = end + f.end()
    if p := _PERCENT.match(text[pos:pos + 8]):
        if denominator is not None:
            return None
        return Quantity(start, end, raw, value, "percent", "%", pos + p.end(), None, bound)
    if _RANGE.match(rest) and denominator is None:
        return Quantity(start, end, raw, value, "", None, end, None, bound)  # the low end of a range
    scaled_from = pos
    value, pos, factor = _scaled(text, pos, value)
    if any(c.isdigit() for c in text[scaled_from:pos]):
        # "16 tỷ 257 triệu": the number is the whole compound, so raw_value is the whole phrase
        raw, end = text[start:pos], pos
    w = _WORD.match(text[pos:pos + MAX_LOOKAHEAD])
    noun, kind = _noun(w) if w else ("", "count")
    if " " not in noun and (u := _unit_pattern().match(text[pos:pos + MAX_LOOKAHEAD])):
        unit = _unit_named(u.group("unit"))
        return Quantity(start, end, raw, value * unit.factor, unit.unit, u.group("unit"), pos + u.end(),
                        denominator, bound)
    if factor > 1 and not _WORD.match(text[pos:pos + MAX_LOOKAHEAD]):
        return Quantity(start, end, raw, value, "VND", None, pos, None, bound)  # "9.427 tỷ": money
    if w:
        word = w.group("word")
        if kind == "function":
            return Quantity(start, end, raw, value, "", None, pos, None, bound)  # counts nothing named
        if kind != "count" or (word[0].isupper() and not word.isupper()):
            return None
        if factor > 1 and word.casefold() in ("đồng",):
            return None
        return Quantity(start, end, raw, value, "count", noun, pos + w.start("word") + len(noun), denominator, bound)
    if denominator is not None:
        return None  # "02/9", "24/24": a date or a clock, not a share of anything
    return Quantity(start, end, raw, value, "", None, pos, None, bound)  # a bare number


def quantities(text: str) -> list[Quantity]:
    """Every quantity of a text, in order; non-figures are left out (see the module doc)."""
    found: list[Quantity] = []
    skip_until = -1
    excluded_end = -1
    for m in NUMBER.finditer(text):
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
        q = _quantity_at(text, m)
        if q is None:
            continue
        if q.value == 1 and q.unit == "ha" and _PER_UNIT.search(text[max(0, q.start - 8):q.start]):
            continue  # "trên 01 ha": per hectare, not a figure
        if _is_year(q.raw) and q.unit in ("", "count") and q.denominator is None:
            continue
        # A range: "từ 2 đến 3 mô hình", "7,5 - 8,0%", "từ 4% - 5%".
        r = _RANGE.match(text[q.span_end if q.unit else q.end:])
        if r:
            after = (q.span_end if q.unit else q.end) + r.end()
            m2 = NUMBER.match(text, after)
            q2 = _quantity_at(text, m2, "high") if m2 else None
            if q2 is not None and not _is_year(q2.raw) and q2.value >= q.value and q.unit in ("", q2.unit):
                # The low end takes the high end's unit and scale: "từ 2 đến 3 tỷ đồng".
                scale = q2.value / parse_number(q2.raw.split()[0]) if q.unit == "" else 1.0
                low = Quantity(q.start, q.end, q.raw, q.value * scale, q2.unit, q2.raw_unit,
                               q.span_end if q.unit else q.end, q.denominator, "low")
                found += [low, q2]
                skip_until = q2.span_end
                continue
        found.append(q)
        skip_until = q.span_end
    return found
