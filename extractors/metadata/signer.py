"""The signer's name, read from the signature block.

A name is the line of two to five capitalized words, none of them a title or a body
("CHỦ TỊCH", "UBND", "THỊ TRẤN"), that ends the block. Where no line qualifies, underthesea's
NER (good on signature blocks, poor elsewhere, 4 s on a whole report) reads the block alone.
"""
from __future__ import annotations

import unicodedata

import regex

from pipeline.components import component
from pipeline.lexicon import column, lexicon_cache
from pipeline.model import Document

from ..text.layout import signature_lines
from ..text.patterns import lazy

_WORD = lazy(r"^\p{Lu}[\p{Ll}\p{M}]*$|^\p{Lu}+$")


@lexicon_cache
def _title_words() -> regex.Pattern:
    words = sorted(column("signature_titles", "word"), key=len, reverse=True)
    return regex.compile(rf"(?<!\p{{L}})(?:{'|'.join(regex.escape(w) for w in words)})(?!\p{{L}})", regex.IGNORECASE)


@lexicon_cache
def _surnames() -> frozenset[str]:
    return frozenset(s.casefold() for s in column("surnames", "surname"))


def looks_like_name(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 5 or any(not _WORD.match(w) for w in words):
        return False
    if line.isupper() and _title_words().search(line):
        return False
    return not _title_words().search(line) or words[0].casefold() in _surnames()


def _ner_name(lines: list[str]) -> str | None:
    try:
        from underthesea import ner
    except ImportError:  # NLP is optional at run time: the rule is enough for most blocks
        return None
    for line in reversed(lines):
        tokens = [t for t in ner(line) if t[3].endswith("PER")]
        if tokens:
            return " ".join(t[0] for t in tokens)
    return None


_VOWELS = frozenset("aeiouyAEIOUY")
_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")  # tones, â ê ô, ă, ơ ư


def _vietnamese_letter(char: str) -> bool:
    if char in "đĐ" or not char.isalpha():
        return True
    base, *marks = unicodedata.normalize("NFD", char)
    return base.isascii() and (not marks or (base in _VOWELS and all(m in _MARKS for m in marks)))


def _ocr_cleaned(line: str) -> str:
    """A name as OCR read it, without letters Vietnamese does not have: a stroke of the signature
    above it read as "Ñ" ("NÑgô Xuân Trung")."""
    return "".join(ch for ch in line if _vietnamese_letter(ch))


@component("signer")
def signer(doc: Document) -> None:
    lines = [ln.text.strip(" .*") for ln in signature_lines(doc)]
    if doc.ocr_pages:
        lines = [_ocr_cleaned(line) for line in lines]
    for line in reversed(lines):
        if looks_like_name(line):
            doc.meta.signer = line.title() if line.isupper() else line
            return
    if lines:
        doc.meta.signer = _ner_name(lines)
