"""The indicator lexicons, compiled once: catalogue, surface forms, sectors, relations, qualifiers."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.lexicon import lexicon_cache, table

from ..text.needles import Filtered, lexicon_word_pattern


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    label_vi: str
    unit: str
    rate_code: str | None


@dataclass(frozen=True, slots=True)
class Form:
    pattern: Filtered
    value: str  # an indicator code, a sector, a family or a qualifier kind


@lexicon_cache
def indicators() -> dict[str, Indicator]:
    return {r["code"]: Indicator(r["code"], r["label_vi"], r["unit"], r.get("rate_code") or None)
            for r in table("indicators")}


def _forms(name: str, key: str) -> tuple[Form, ...]:
    return tuple(Form(lexicon_word_pattern(r["pattern"]), r[key]) for r in table(name))


@lexicon_cache
def indicator_forms() -> tuple[Form, ...]:
    return _forms("indicator_forms", "code")


@lexicon_cache
def sector_forms() -> tuple[Form, ...]:
    return _forms("sectors", "sector")


@lexicon_cache
def family_forms() -> tuple[Form, ...]:
    return _forms("families", "family")


@lexicon_cache
def qualifier_forms() -> tuple[Form, ...]:
    return _forms("qualifiers", "kind")


@lexicon_cache
def relation(role: str) -> regex.Pattern:
    """The alternation of a relation role's patterns (lexicons/relations.tsv)."""
    patterns = [r["pattern"] for r in table("relations") if r["role"] == role]
    if not patterns:
        raise KeyError(f"no relation role {role!r} in lexicons/relations.tsv")
    alternatives = "|".join(f"(?:{p})" for p in patterns)
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternatives})(?![\p{{L}}])", regex.IGNORECASE)


@lexicon_cache
def _relation_filter(role: str) -> Filtered:
    return Filtered(relation(role).pattern)


def relation_search(role: str, text: str) -> regex.Match | None:
    """`relation(role).search(text)`, the pattern skipped when none of its needles is in the text:
    for the questions every sentence asks ("đã", "phấn đấu" ...), most sentences holding no such word."""
    return relation(role).search(text) if _relation_filter(role).may_match(text) else None


def relation_finditer(role: str, text: str) -> list[regex.Match]:
    """`list(relation(role).finditer(text))`, skipped as `relation_search` is."""
    return list(relation(role).finditer(text)) if _relation_filter(role).may_match(text) else []


@lexicon_cache
def _ending(role: str) -> regex.Pattern:
    """Searched backwards (`(?r)`): anchored at the end, it is tried from there, not at every
    start of a long text."""
    return regex.compile(rf"(?r)(?:{relation(role).pattern})[\s:=]*$", regex.IGNORECASE)


@lexicon_cache
def _starting(role: str) -> regex.Pattern:
    return regex.compile(rf"^[\s%]*(?:{relation(role).pattern})", regex.IGNORECASE)


def ends_with(role: str, text: str) -> regex.Match | None:
    """Does `text` end with a word of `role` (then only spaces, ':' or '=')? (A match found
    backwards: ask whether there is one, not where it starts.)"""
    return _ending(role).search(text)


def starts_with(role: str, text: str) -> regex.Match | None:
    return _starting(role).match(text)
