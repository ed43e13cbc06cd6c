"""Heads and qualifiers: a crop names a crop's area, an animal a head count.

Reports name a crop's figures by the crop as often as by the indicator: "Cây lúa gieo trồng
2.499 ha" is the rice area, not the whole sown area; under a sown-area head the items of an
enumeration are crops ("trong đó lúa 6.194 ha; ngô 10.724 ha", "+ Đậu tương xuân 340 ha"), and
a livestock list names the animal alone ("bò trên 21,5 nghìn con", "có 2.385 con trâu").
lexicons/qualified_codes.tsv says which head, narrowed by which kind of qualifier
(qualifiers.tsv), in which unit, gives which code; this module only finds the qualifiers:
- with a head: anywhere in the head's clause, before the number or right after its unit;
- without one: as an enumeration item, the qualifier starting its clause (after list marks and
  "trong đó") or following the figure's unit ("2.385 con trâu", "4.275 ha cây rau màu").
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from pipeline import lexicon
from pipeline.lexicon import lexicon_cache, table

from ..text.needles import FilteredGroup
from . import catalogue as cat
from ..text.patterns import lazy

ANY_UNIT = "*"
NO_HEAD = "-"
_CLAUSE_BREAK = lazy(r"[,;:(]|\s[-–]\s|\.(?:\s|$)")
# What may stand before an enumeration item's qualifier: list marks, "trong đó", a class noun.
_ITEM_LEAD = lazy(r"^[\s\-+•*–:.]*(?:(?:trong đó|bao gồm|gồm|riêng|cụ thể)[\s,:]*)?", regex.IGNORECASE)
_AFTER_LEAD = lazy(r"^[\s:]*", regex.IGNORECASE)
_CLASS_NOUN = lazy(r"(?:cây|con|đàn|giống)\s+", regex.IGNORECASE)  # "cây ngô", "đàn bò"


@dataclass(frozen=True, slots=True)
class Rule:
    head: str  # an indicator code, or NO_HEAD
    kind: str  # a qualifier kind of qualifiers.tsv
    unit: str  # a canonical unit, or ANY_UNIT
    single: bool  # needs exactly one qualifier of its kind: several crops sum to the sown area
    code: str


@dataclass(frozen=True, slots=True)
class Qualified:
    code: str
    qualifier: str  # the qualifier as written


@lexicon_cache
def rules() -> tuple[Rule, ...]:
    return tuple(Rule(r["head"], r["kind"], r["unit"], r["single"] == "yes", r["code"])
                 for r in table("qualified_codes"))


@lexicon_cache
def _qualifier_group() -> FilteredGroup:
    return FilteredGroup(form.pattern for form in cat.qualifier_forms())


def qualifiers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the qualifiers of `text`, left to right, the longest at a place,
    none overlapping."""
    return list(_qualifiers(text))


@functools.lru_cache(maxsize=2048)
def _qualifiers(text: str) -> tuple[tuple[int, int, str], ...]:
    """Cached: a figure's clause is asked several times (its last clause, its head's narrowing,
    the qualifier it keeps)."""
    forms = cat.qualifier_forms()
    found = sorted((m.start(), -m.end(), forms[i].value) for i, m in _qualifier_group().finditer(text))
    kept: list[tuple[int, int, str]] = []
    for start, neg_end, kind in found:
        if not kept or start >= kept[-1][1]:
            kept.append((start, -neg_end, kind))
    return tuple(kept)


def last_clause(text: str) -> str:
    """The text after the last clause break of `text` (all of it when there is none). A comma
    between two qualifiers is a list's, not a clause's ("diện tích ngô, lúa gieo trồng")."""
    found = qualifiers(text) if "," in text else []
    ends = {end for _, end, _ in found}
    starts = {start for start, _, _ in found}
    for m in reversed(list(_CLAUSE_BREAK.finditer(text))):
        after = m.end() + len(text[m.end():]) - len(text[m.end():].lstrip())
        if m.group(0) == "," and m.start() in ends and after in starts:
            continue
        return text[m.end():]
    return text


def first_clause(text: str) -> str:
    return _CLAUSE_BREAK.split(text, maxsplit=1)[0]


def _rule(head: str, found: list[tuple[str, str]], unit: str) -> Rule | None:
    """The first rule for `head` that the (written, kind) qualifiers `found` fit."""
    for rule in rules():
        if rule.head == head and rule.unit in (ANY_UNIT, unit):
            written = {w.casefold() for w, kind in found if kind == rule.kind}
            if written and (len(written) == 1 or not rule.single):
                return rule
    return None


def narrowed(head: str, before: str, after: str, unit: str) -> Qualified | None:
    """The code of a figure whose clause names `head`: `before` is the clause up to the number
    (from the clause's start or the head, whichever comes first), `after` the text right after
    the number's unit to its clause's end."""
    found = [(text[s:e], kind) for text in (before, after) for s, e, kind in qualifiers(text)]
    rule = _rule(head, found, unit)
    if rule is None:
        return None
    return Qualified(rule.code, ", ".join(dict.fromkeys(w for w, kind in found if kind == rule.kind)))


def enumeration_item(clause: str, after: str, unit: str) -> Qualified | None:
    """The code of a figure no form names, when its clause is an enumeration item: a qualifier
    starting the clause `clause` (the text before the number) or right after the unit (`after`)."""
    for text, lead in ((clause, _ITEM_LEAD), (after, _AFTER_LEAD)):
        start = lead.match(text).end()
        noun = _CLASS_NOUN.match(text, start)
        starts = {start, noun.end()} if noun else {start}
        for q_start, q_end, kind in qualifiers(text):
            if q_start in starts:
                rule = _rule(NO_HEAD, [(text[q_start:q_end], kind)], unit)
                if rule is not None:
                    return Qualified(rule.code, text[q_start:q_end])
            if q_start >= max(starts):
                break
    return None


lexicon._ON_CHANGE.append(_qualifiers.cache_clear)
