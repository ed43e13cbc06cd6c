"""Portal and press pages say their key figure up to three times: in the headline, in the lead
paragraph and in the body ("Tỷ lệ tốt nghiệp đạt 98,7%" over "... tỷ lệ tốt nghiệp đạt 98,7%.").
A figure whose sentence is wholly contained in another sentence that gives the same figure is
that figure repeated, not a second one: only the fullest sentence's row is kept (of identical
sentences, the last one's). Two equal figures of one sentence ("đạt 102% tỉnh giao, bằng 102%
huyện giao") both stay.
"""
from __future__ import annotations

from collections import defaultdict


from pipeline.model import Figure
from ..text.patterns import lazy

_SPACES = lazy(r"\s+")
_EDGES = " .;:,!?…\"'“”()-–"


def _folded(sentence: str) -> str:
    return _SPACES.sub(" ", sentence.casefold()).strip(_EDGES)


def _key(f: Figure) -> tuple:
    return f.indicator, f.measure, f.value, f.unit, f.denominator


def without_repeats(groups: list[list[Figure]]) -> list[Figure]:
    """The figures of every sentence (`groups`, one list per sentence, in text order) less
    those repeated in a fuller sentence, in order."""
    texts = [_folded(g[0].sentence) if g else "" for g in groups]
    where: dict[tuple, set[int]] = defaultdict(set)
    for s, group in enumerate(groups):
        for f in group:
            where[_key(f)].add(s)
    kept: list[Figure] = []
    for s, group in enumerate(groups):
        for f in group:
            repeated = any(o != s and texts[s] in texts[o] and (texts[s] != texts[o] or o > s)
                           for o in where[_key(f)])
            if not repeated:
                kept.append(f)
    return kept
