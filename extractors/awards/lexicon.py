"""The award lexicons, compiled once, and the mentions they find in a sentence.

Forms (lexicons/awards.tsv), counted recipients (award_recipients.tsv), grantors (grantors.tsv)
and status cues (award_status.tsv) are data; this module only turns them into patterns and
finds their leftmost-longest, non-overlapping mentions. Counts are numbers as award sentences
write them: digits, digits grouped by dots ("1.329 lượt cá nhân") or a number word ("hai tập thể").
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.lexicon import lexicon_cache, table

from ..text.needles import Filtered, FilteredGroup, lexicon_word_pattern


@dataclass(frozen=True, slots=True)
class Form:
    award: str
    award_vi: str
    recipient: str | None
    default_level: str | None


@dataclass(frozen=True, slots=True)
class Cue:
    """A word that says whether an award was received or proposed. A weak cue is the award's
    own verb ("tặng", "khen thưởng"): it speaks only when nothing stronger in the sentence has."""

    status: str
    weak: bool


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    value: str  # award code, recipient kind or grantor level
    text: str
    cue: Cue | None = None  # for a status cue


@lexicon_cache
def _forms() -> tuple[tuple[Filtered, Form], ...]:
    return tuple(
        (lexicon_word_pattern(r["pattern"]),
         Form(r["award"], r["award_vi"], r["recipient"].strip() or None, r["default_level"].strip() or None))
        for r in table("awards")
    )


def _compiled(name: str, key: str) -> tuple[tuple[Filtered, str], ...]:
    return tuple((lexicon_word_pattern(r["pattern"]), r[key]) for r in table(name))


@lexicon_cache
def _recipients() -> tuple[tuple[Filtered, str], ...]:
    return _compiled("award_recipients", "recipient")


@lexicon_cache
def _grantors() -> tuple[tuple[Filtered, str], ...]:
    return _compiled("grantors", "level")


@lexicon_cache
def _statuses() -> tuple[tuple[Filtered, str], ...]:
    return _compiled("award_status", "status")


@lexicon_cache
def _cues() -> tuple[Cue, ...]:
    return tuple(Cue(r["status"], (r.get("strength") or "").strip() == "weak") for r in table("award_status"))


@lexicon_cache
def _number_words() -> dict[str, int]:
    return {r["word"]: int(r["value"]) for r in table("number_words")}


def find(patterns, text: str) -> list[Mention]:
    """Non-overlapping mentions, leftmost first, the longest at a place. A pattern's value is a
    code, or a `Cue` (the mention's value is then its status)."""
    lowered = text.lower()
    found = sorted(
        (Mention(m.start(), m.end(), value.status if isinstance(value, Cue) else value, m.group(0),
                 value if isinstance(value, Cue) else None)
         for pattern, value in patterns for m in pattern.finditer(text, lowered)),
        key=lambda mt: (mt.start, -(mt.end - mt.start)),
    )
    kept: list[Mention] = []
    for mt in found:
        if not kept or mt.start >= kept[-1].end:
            kept.append(mt)
    return kept


def recipients(text: str) -> list[Mention]:
    return find(_recipients(), text)


def grantors(text: str) -> list[Mention]:
    return find(_grantors(), text)


def cues(text: str) -> list[Mention]:
    """Status cues, each with its `Cue`."""
    return find(((pattern, cue) for (pattern, _), cue in zip(_statuses(), _cues())), text)


@lexicon_cache
def _form_group() -> FilteredGroup:
    return FilteredGroup(pattern for pattern, _ in _forms())


def form_mentions(text: str) -> list[tuple[Mention, Form]]:
    forms: list[tuple[Mention, Form]] = []
    found = sorted(((m, _forms()[i][1]) for i, m in _form_group().finditer(text)),
                   key=lambda p: (p[0].start(), -(p[0].end() - p[0].start())))
    last_end = -1
    for m, form in found:
        if m.start() >= last_end:
            forms.append((Mention(m.start(), m.end(), form.award, m.group(0)), form))
            last_end = m.end()
    return forms


@lexicon_cache
def count_pattern() -> regex.Pattern:
    words = "|".join(sorted(map(regex.escape, _number_words()), key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}\d.,/:])(?:\d{{1,3}}(?:\.\d{{3}})+(?![\d,])|\d+|(?:{words})(?![\p{{L}}]))"
                         rf"(?=[^\S\n]+\p{{L}})", regex.IGNORECASE)


@lexicon_cache
def split_counts() -> regex.Pattern:
    """"cho 01 tập thể": counts after the form that split it."""
    return regex.compile(r"^\s*cho\s+(?:\d+|" + "|".join(_number_words()) + r")\b", regex.IGNORECASE)


def count_value(raw: str) -> int | None:
    digits = raw.replace(".", "")
    if digits.isdigit():
        return int(digits)
    return _number_words().get(raw.casefold())
