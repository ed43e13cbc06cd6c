"""Text normalization, done once at ingest so that no rule downstream meets two spellings.

- Unicode NFC (PDFs and some .docx carry decomposed accents);
- one tone-mark placement, the modern one: `hoá`→`hóa`, `uỷ`→`ủy`, `thuỷ`→`thủy`, `khoẻ`→`khỏe`;
- white space unified (no-break and exotic spaces, tabs → space; runs collapsed), invisible
  characters dropped, curly quotes made straight.
"""
from __future__ import annotations

import re
import unicodedata

import regex

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng

# Old style puts the tone on the second vowel of an open "oa", "oe", "uy" syllable (hoà, khoẻ,
# thuỷ); the modern style puts it on the first (hòa, khỏe, thủy). Not after "q" ("quý", where
# "u" belongs to the consonant), and only when no letter follows (hoàn, thuyền are the same in
# both styles). Matched on the decomposed text: vowel, then the tone on the next vowel.
_OLD_TONE = regex.compile(
    rf"(?<![\p{{L}}])([^\W\dqQ_]*?)([oOuU])([aAeEyY])([{TONE_MARKS}])(?![\p{{L}}\p{{M}}])"
)
# The same syllable ends seen in NFC text ("hoà", "khoẻ", "thuỷ"): most blocks hold none, and the test is
# ~50x cheaper than decomposing the block and running `_OLD_TONE`.
_MAYBE_OLD_TONE = regex.compile(r"(?:[oO][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![\p{L}\p{M}])")
_ONSET_OK = regex.compile(r"^(?:[bcdđghklmnprstvx]|ch|gh|gi|kh|ng|ngh|nh|ph|th|tr)?$", regex.IGNORECASE)

_SPACE_CHARS = r"\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_INVISIBLE_CHARS = r"\u00ad\u200b-\u200d\u2060\ufeff"
_CONTROL_CHARS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_SPACES = regex.compile(f"[{_SPACE_CHARS}]")
_INVISIBLE = regex.compile(f"[{_INVISIBLE_CHARS}]")
_CONTROLS = regex.compile(f"[{_CONTROL_CHARS}]")
_MULTISPACE = regex.compile(r" {2,}")
# Runs glued on export ("KẾ HOẠCHTriển khai", "năm 2023I. MỤC ĐÍCH", "YÊU CẦU1. Mục đích"):
# a word in capitals followed by a capitalized word, or a heading number stuck to the text
# before it, is a lost line break.
_GLUED = regex.compile(
    r"(?<=\p{Lu}{2})(?=\p{Lu}\p{Ll})"
    r"|(?<=\d)(?=[IVX]{1,4}\.(?:\s+\p{Lu}|$))"
    r"|(?<=\p{Lu}{2})(?=\d{1,2}\.\s+\p{Lu})"
)
_QUOTE_MAP = {"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'"}
_QUOTES = str.maketrans(_QUOTE_MAP)
# Any character the cleaning steps of `normalize_text` change. Most blocks hold none, and one
# search for them (the standard `re`: ~4x faster than `regex` on a plain class) lets a block
# skip five passes, `str.translate` among them (~100 ns a character on Vietnamese text).
_ODD = re.compile(f"[{_INVISIBLE_CHARS}{_CONTROL_CHARS}{_SPACE_CHARS}\\r{''.join(_QUOTE_MAP)}]")
# `_GLUED` needs two capitals in a row or a digit before a Roman numeral: a ~3x cheaper search
# than `_GLUED`'s own lookbehinds at every position, and most blocks have neither.
_MAYBE_GLUED = regex.compile(r"\p{Lu}\p{Lu}|\d[IVX]")


def _move_tone(match: regex.Match) -> str:
    onset, first, second, tone = match.groups()
    if not _ONSET_OK.match(unicodedata.normalize("NFC", onset)):
        return match.group(0)
    if first in "uU" and second in "aAeE":  # "ua", "ue" are not affected
        return match.group(0)
    if first in "oO" and second in "yY":
        return match.group(0)
    return f"{onset}{first}{tone}{second}"


def modern_tone_placement(text: str) -> str:
    """Move tone marks of open oa/oe/uy syllables to the modern position; NFC in and out."""
    composed = unicodedata.normalize("NFC", text)
    # `_OLD_TONE` never matches across a space (its onset is letters only), so only the words
    # holding such an ending need the decomposed pass, which costs ~0.5 µs a character.
    parts: list[str] = []
    done = 0
    for match in _MAYBE_OLD_TONE.finditer(composed):
        if match.start() < done:
            continue  # in the word just rewritten
        start = composed.rfind(" ", 0, match.start()) + 1
        end = composed.find(" ", match.end())
        end = len(composed) if end < 0 else end
        parts += [composed[done:start], _modern_word(composed[start:end])]
        done = end
    if not parts:
        return text
    parts.append(composed[done:])
    return "".join(parts)


def _modern_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", _OLD_TONE.sub(_move_tone, decomposed))


def normalize_text(text: str) -> str:
    """Everything ingest does to a block's text; line breaks inside a block are kept."""
    text = unicodedata.normalize("NFC", text)
    if _ODD.search(text):
        text = _INVISIBLE.sub("", text)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = _CONTROLS.sub(" ", text)
        text = _SPACES.sub(" ", text)
        text = text.translate(_QUOTES)
    text = modern_tone_placement(text)
    if _MAYBE_GLUED.search(text):
        text = _GLUED.sub("\n", text)
    if "  " in text:
        text = _MULTISPACE.sub(" ", text)  # never across a line break: the same as line by line
    return "\n".join(line.strip() for line in text.split("\n")).strip("\n")
