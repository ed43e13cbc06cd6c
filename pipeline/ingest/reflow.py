"""Re-join text that a line or paragraph break cut in the middle of a sentence.

PDFs wrap every line, archived .txt files are often hard-wrapped, and even .docx files carry
paragraphs split mid-sentence. One rule serves them all: a break is not a real one when the
text before it does not end a clause and the text after it goes on in lower case (or goes on
with the rest of a number or a unit).
"""
from __future__ import annotations

import regex

from ..model import BlockKind, RawBlock

# A line that starts like this opens a new unit whatever came before it.
_OPENER = regex.compile(
    r"""^(?:
        [-+•·▪●○◦*–—]\s            # bullets
      | (?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s   # I.  2.1.  a)
      | (?:Phần|PHẦN|Chương|CHƯƠNG|Điều|ĐIỀU|Mục|MỤC)\s
    )""",
    regex.VERBOSE,
)
_CLAUSE_END = ".:;!?…"  # then only closing quotes and brackets
_CLOSERS = "\"')]"
_LOWER_START = regex.compile(r"^[\p{Ll}]")
# Both two characters long and anchored at the end: tested on the last two characters of the
# right-stripped text, not searched for along a paragraph that grows with every joined line.
_NUMBER_TAIL = regex.compile(r"\d[.,]$")  # "1.068," | "692 tỷ": a number cut at its separator
_HYPHEN_TAIL = regex.compile(r"[\p{L}\d]-$")  # "Covid-" | "19": a hyphenated word cut at its hyphen
_DIGIT_START = regex.compile(r"^\d")


def _cut_inside_word(prev: str, nxt: str) -> bool:
    """A number cut at its separator or a word at its hyphen (`prev` right-stripped)."""
    tail = prev[-2:]
    return bool(_NUMBER_TAIL.search(tail) and _DIGIT_START.match(nxt)) or bool(_HYPHEN_TAIL.search(tail))


def _ends_clause(prev: str) -> bool:
    """Clause punctuation at the end of `prev` (right-stripped), closing quotes or brackets aside."""
    rest = prev.rstrip(_CLOSERS)
    return bool(rest) and rest[-1] in _CLAUSE_END


def continues(prev: str, nxt: str) -> bool:
    """Does `nxt` carry on the sentence that `prev` left unfinished?"""
    prev, nxt = prev.rstrip(), nxt.lstrip()
    if not prev or not nxt or _OPENER.match(nxt):
        return False
    if _cut_inside_word(prev, nxt):
        return True
    if _ends_clause(prev):
        return False
    return bool(_LOWER_START.match(nxt)) or bool(_DIGIT_START.match(nxt))


def join_text(prev: str, nxt: str) -> str:
    """Join two pieces of one sentence; a number cut at its separator is glued back."""
    prev, nxt = prev.rstrip(), nxt.lstrip()
    if _cut_inside_word(prev, nxt):
        return prev + nxt
    return f"{prev} {nxt}"


def join_lines(lines: list[str]) -> list[str]:
    """Join the lines of one cell or paragraph region into its real lines."""
    out: list[str] = []
    for line in lines:
        if out and continues(out[-1], line):
            out[-1] = join_text(out[-1], line)
        elif line.strip():
            out.append(line.strip())
    return out


def join_broken_paragraphs(blocks: list[RawBlock]) -> list[RawBlock]:
    """Merge consecutive paragraph blocks that one sentence runs across (the merged block
    keeps the page it starts on)."""
    out: list[RawBlock] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == block.kind == BlockKind.PARAGRAPH
            and continues(prev.text, block.text)
        ):
            prev.text = join_text(prev.text, block.text)
            continue
        out.append(block)
    return out
