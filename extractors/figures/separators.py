"""Thousands and decimal separators: how one number is read, and how a document writes them.

Vietnamese writing groups thousands with `.` and marks decimals with `,` (`1.068,692`); many
portal and press texts write the English way instead (`31,558 tấn` for 31558, `100.8%`), and
some mix both. Most numbers say by themselves which way they are written:
- both marks (`1.068,692`, `1,234.5`): the last one marks decimals;
- several marks of one kind in groups of three (`5.451.000`, `1,234,567`): thousands;
- one mark followed by one, two or four and more digits (`105,4`, `100.8`): decimals;
- several marks of one kind whose last group is shorter (`1,187,93`): thousands, then decimals.
One mark followed by exactly three digits (`1.618`, `31,558`) is *ambiguous*. Such a number is
read by the document's own convention, decided once per document from its unambiguous numbers
(`separators`, and `numbers.document_separators` with the numbers whose unit settles them):
a document whose unambiguous numbers are all English reads `31,558` as 31558;
a document that shows both conventions is `mixed`, and its ambiguous numbers stay uncertain
(the figure extractor lowers their confidence). The reading that a number's unit makes the only
sensible one (a count or an amount of đồng is whole: `1,250 người` is 1250 people) is decided in
`numbers`, which knows the unit.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ..text.patterns import lazy


@dataclass(frozen=True, slots=True)
class Separators:
    """A document's way of writing numbers: the mark that groups thousands (`.` Vietnamese, `,`
    English), and whether its unambiguous numbers show both conventions."""

    thousands: str = "."
    mixed: bool = False

    @property
    def decimal(self) -> str:
        return "," if self.thousands == "." else "."


VIETNAMESE = Separators()
ENGLISH = Separators(",")

# Unambiguous numbers, as evidence of a convention: grouped thousands, and decimals. A lone
# decimal mark counts only before a percent sign or a lower-case word (a unit, a scale word, a
# counted noun), so that section numbers ("2.1. Kinh tế", "Mục 3.2 Văn hóa") and version numbers
# ("công nghiệp 4.0") do not vote.
_AFTER_FIGURE = r"(?=[^\S\n]?(?:%|\p{Ll}))"
_VIETNAMESE_GROUPS = lazy(
    r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3}){2,}(?![\d.]|,\d)"  # 5.451.000.000
    r"|\d{1,3}(?:\.\d{3})+,\d+)"  # 1.068,692
)
_VIETNAMESE_DECIMALS = lazy(rf"(?<![\d.,])\d+,(?:\d{{1,2}}|\d{{4,}})(?![\d.,]){_AFTER_FIGURE}")  # 105,4%
_ENGLISH_GROUPS = lazy(
    r"(?<![\d.,])(?:\d{1,3}(?:,\d{3}){2,}(?![\d,]|\.\d)"  # 1,234,567
    r"|\d{1,3}(?:,\d{3})+\.\d+)"  # 1,234.5
)
_ENGLISH_DECIMALS = lazy(
    rf"(?<![\d.,])\d+\.(?!0(?!\d))(?:\d{{1,2}}|\d{{4,}})(?![\d.,]){_AFTER_FIGURE}")  # 100.8%; not "4.0"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Counts of a text's unambiguous numbers of each kind."""

    vietnamese_groups: int = 0
    vietnamese_decimals: int = 0
    english_groups: int = 0
    english_decimals: int = 0


def evidence(text: str) -> Evidence:
    return Evidence(len(_VIETNAMESE_GROUPS.findall(text)), len(_VIETNAMESE_DECIMALS.findall(text)),
                    len(_ENGLISH_GROUPS.findall(text)), len(_ENGLISH_DECIMALS.findall(text)))


def decide(e: Evidence) -> Separators:
    """The convention the evidence shows. Thousands are grouped with a comma only where grouped
    numbers say so (`1,234,567` outnumbering `1.234.567`): a decimal point alone ("tăng 2.5%") is a
    frequent slip of Vietnamese writers, whose "1.250 tấn" still means 1250. Any English number
    in a Vietnamese text, or Vietnamese one in an English text, makes the document mixed."""
    thousands = "," if e.english_groups > e.vietnamese_groups else "."
    if thousands == ".":
        mixed = bool(e.english_groups or e.english_decimals)
    else:
        mixed = bool(e.vietnamese_groups or e.vietnamese_decimals)
    return Separators(thousands, mixed)


@functools.lru_cache(maxsize=64)
def separators(text: str) -> Separators:
    """The convention of a document's text from its unambiguous numbers alone (numbers.py's
    `document_separators` also counts the numbers their unit makes whole)."""
    return decide(evidence(text))


def ambiguous(raw: str) -> bool:
    """One mark followed by exactly three digits, with a whole part that could be grouped
    (`0,125` is a decimal whichever way it is written)."""
    dots, commas = raw.count("."), raw.count(",")
    if dots + commas != 1:
        return False
    whole, _, fraction = raw.replace(",", ".").partition(".")
    return len(fraction) == 3 and not whole.startswith("0")


def parse_number(raw: str, thousands: str = ".") -> float | None:
    """The value of a number as written; an ambiguous one (see `ambiguous`) groups thousands
    when its mark is `thousands`, else marks decimals. Malformed groups give None."""
    dots, commas = raw.count("."), raw.count(",")
    try:
        if dots and commas:
            if raw.rfind(",") > raw.rfind("."):
                return float(raw.replace(".", "").replace(",", "."))
            return float(raw.replace(",", ""))
        if dots + commas > 1:
            groups = raw.split("." if dots else ",")
            if all(len(g) == 3 for g in groups[1:]):
                return float("".join(groups))
            if all(len(g) == 3 for g in groups[1:-1]) and len(groups[-1]) < 3:
                return float("".join(groups[:-1]) + "." + groups[-1])  # "1,187,93": the last mark is a decimal one
            return None
        if dots + commas == 1:
            mark = "." if dots else ","
            if ambiguous(raw) and mark == thousands:
                return float(raw.replace(mark, ""))
            return float(raw.replace(mark, "."))
        return float(raw)
    except ValueError:
        return None
