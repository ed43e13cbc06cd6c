"""Legacy Vietnamese font encodings (TCVN3/ABC with .VnTime fonts, VNI-Windows, VISCII, VPS).

Text typed before Unicode reads as mojibake once extracted ("B¸o c¸o" for "Báo cáo"). viparse
(MIT, no dependencies; measured 100% on TCVN3 and VNI round trips of the dev reports) detects
the encoding and converts it. Detection is only a proposal: the conversion is kept when the
converted text reads as Vietnamese better than the text already did, never on a font name
alone (real .docx files declare "VNI-Times" over text that is already Unicode).
"""
from __future__ import annotations

import unicodedata

import regex

from ..model import RawBlock, RawDocument

SAMPLE = 20000  # characters looked at to decide
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzđăâêôơư")
# Latin-1 characters that are no Vietnamese letter: legacy encodings show through them.
_FOREIGN = regex.compile(r"[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce\u00cf\u00d0\u00d1\u00d6-\u00d8\u00db\u00dc"
                         r"\u00de\u00df\u00e4-\u00e7\u00eb\u00ee\u00ef\u00f0\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]")
_WORD = regex.compile(r"[^\s\d.,;:!?()\[\]\"'/\-–]+")


def _is_vietnamese(word: str) -> bool:
    """A word reads as Vietnamese: its letters are of the Vietnamese alphabet and it carries at
    most one tone mark ("Baùo" and "hoäi", VNI's mojibake, fail both ways)."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    if sum(ch in _TONES for ch in decomposed) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return all(ch in _LETTERS for ch in base)


def words_of(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if any(ch.isalpha() for ch in w)]


is_vietnamese_word = _is_vietnamese


def vietnamese_score(text: str) -> float:
    """How much a text reads as Vietnamese: its Vietnamese words, less three for every other one."""
    words = [w for w in _WORD.findall(text) if any(ch.isalpha() for ch in w)]
    good = sum(_is_vietnamese(w) for w in words)
    return good - 3 * (len(words) - good)


def looks_legacy(text: str) -> bool:
    """Does a text hold the Latin-1 letters a legacy font shows through (a quick first look)?"""
    return len(_FOREIGN.findall(text[:SAMPLE])) >= 3


def _convert(text: str, encoding: str) -> str:
    import viparse

    return viparse.fix(text, encoding=encoding)


def detect(text: str) -> str | None:
    """The legacy encoding a text is written in, if converting it makes it read better."""
    sample = text[:SAMPLE]
    if not looks_legacy(sample):
        return None  # no trace of a legacy font: the common case, decided in microseconds
    words = [w for w in _WORD.findall(sample) if any(ch.isalpha() for ch in w)]
    if not words or sum(_is_vietnamese(w) for w in words) >= 0.97 * len(words):
        return None  # it reads as Vietnamese (or as plain ASCII) already
    try:
        import viparse
    except ImportError:  # optional: without it legacy text stays as it is
        return None
    guess = viparse.detect_text_encoding(sample)
    candidates = [guess] if guess else []
    candidates += [e for e in ("tcvn3", "vni", "viscii") if e != guess]
    base = vietnamese_score(sample)
    best, best_score = None, base
    for encoding in candidates:
        try:
            score = vietnamese_score(_convert(sample, encoding))
        except Exception:  # noqa: BLE001 - a converter failure means: not this encoding
            continue
        if score > best_score + max(5, 0.02 * len(sample)):
            best, best_score = encoding, score
    return best


def repair(raw: RawDocument) -> RawDocument:
    """Convert a document written in a legacy encoding to Unicode (recorded in `encoding`)."""
    text = "\n".join(b.text or "\n".join(b.cells) for b in raw.blocks)
    encoding = detect(text)
    if encoding is None:
        return raw
    blocks = [
        RawBlock(b.kind, _convert(b.text, encoding) if b.text else b.text, b.page,
                 tuple(_convert(c, encoding) for c in b.cells))
        for b in raw.blocks
    ]
    return RawDocument(raw.format, blocks, raw.n_pages, encoding if raw.encoding is None else f"{raw.encoding}+{encoding}",
                       raw.ocr_pages, raw.ocr_confidence)
