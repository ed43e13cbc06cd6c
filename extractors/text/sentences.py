"""Sentences of a block, with offsets: the unit a figure's evidence and its subject live in.

The `;` that separates two sentences belongs to neither. A sentence ends at `.`, `!`, `?` before a capital, digit, quote or bullet, and at `;` (reports
chain whole statements with semicolons: "hộ nghèo 35 hộ, chiếm 1,21%; hộ cận nghèo 82 hộ").
Numbers keep their dots and commas ("1.068,692"), abbreviations followed by a lower-case word
("TP. lớn") do not end a sentence.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from .patterns import lazy

_END = lazy(r"(?<!\d)[.!?…]+(?=\s+[\p{Lu}\d\"'(\-–•+*])|(?<=\d)\.(?=\s+[\p{Lu}\"'(\-–•+*])|;(?=\s)|\n")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


def sentences(text: str, offset: int = 0) -> list[Sentence]:
    """Sentences of `text`; offsets are `offset` + positions in `text`, spaces trimmed."""
    return list(_sentences(text, offset))


@functools.lru_cache(maxsize=1024)
def _sentences(text: str, offset: int) -> tuple[Sentence, ...]:
    """Cached: the figure and the award rules both read every block of a document."""
    out: list[Sentence] = []
    pos = 0
    for m in _END.finditer(text):
        _add(out, text, pos, m.end(), offset)
        pos = m.end()
    _add(out, text, pos, len(text), offset)
    return tuple(out)


def _add(out: list[Sentence], text: str, start: int, end: int, offset: int) -> None:
    piece = text[start:end]
    if not piece.strip().strip(";").strip():
        return  # only separators
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip().rstrip(";").rstrip())  # ";" separates, it is not the sentence's
    out.append(Sentence(offset + start + lead, offset + end - trail))
