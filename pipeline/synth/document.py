"""The document model every renderer of render/ takes: a `Doc` of `Block`s, with inline marks.

One model for both archives that are written here: the synthetic archive (pipeline/synth/, its
blocks carrying the truth its templates recorded) and the sample archive of data/raw/ and the
reader fixtures of tests/fixtures/ (scripts/build_samples.py parses data/sources/*.md into it;
its blocks carry no truth). Inline marks anywhere: ``**bold**`` and ``*italic*``; a "\\n" inside a
block's text is a forced line break.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .truth import TruthAward, TruthFigure

BLOCK_KINDS = ("h1", "h2", "h3", "h4", "para", "bullet", "center", "table", "pagebreak")


@dataclass(slots=True)
class Block:
    kind: str  # one of BLOCK_KINDS
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)  # a table's rows, the first its header
    figures: list[TruthFigure] = field(default_factory=list)  # truth the synthetic archive recorded
    awards: list[TruthAward] = field(default_factory=list)


@dataclass
class Doc:
    """A report as the renderers lay it out: a two-column header (issuing body and number beside
    the national motto and the place and date), the kind line ("BÁO CÁO"), title lines,
    "Kính gửi" lines, the body, and the closing block (recipients beside the signature). The
    fields after `close_right` choose how each format writes it."""

    header_left: list[str]
    header_right: list[str]
    doc_kind: str  # BÁO CÁO / KẾ HOẠCH / QUYẾT ĐỊNH ... ("" for none)
    title: list[str]
    to: list[str]
    blocks: list[Block]
    close_left: list[str]
    close_right: list[str]
    stem: str = ""  # the synthetic archive's file stem
    kind: str = ""  # the synthetic archive's report / plan / half_year
    title_meta: str = ""  # the title and author of the .docx and .pdf properties
    author: str = ""
    creator: str = "chitieu synth"  # the .pdf's creator
    page_label: str = "Trang {n}"  # the .pdf's footer, {n} the page number
    running_header: str | None = None  # a line at the top of the .pdf's pages
    running_header_first: bool = False  # ... on the first page too
    pdf_header_widths: tuple[float, float] = (6.4, 9.6)  # cm, the .pdf header's two columns
    pdf_header_size: float = 10.5  # pt
    txt_markdown: bool = True
    txt_tab_tables: bool = False  # a plain .txt's tables as tab-separated rows (else pipe rows)
    txt_crlf: bool = False
    txt_encoding: str = "utf-8"  # utf-8, utf-8-sig, utf-16, cp1258
    docx_nfd: bool = False  # decomposed Unicode in the .docx, as some editors save it
    docx_header: str | None = None  # the text of the .docx section header (None: no header)
    docx_footer: str | None = None  # the text of the .docx footer (None: the page number)

    def figures(self) -> list[TruthFigure]:
        return [f for b in self.blocks for f in b.figures]

    def awards(self) -> list[TruthAward]:
        return [a for b in self.blocks for a in b.awards]


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*\s][^*]*\*)")
NUMERIC_CELL = re.compile(r"[\d.,%\s\-+<>≥≤]+")


def spans(text: str):
    """Split inline marks: yields (text, bold, italic)."""
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            yield part[2:-2], True, False
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            yield part[1:-1], False, True
        else:
            yield part, False, False


def plain(text: str) -> str:
    return "".join(t for t, _, _ in spans(text))


def is_numeric_cell(ci: int, text: str) -> bool:
    """A table cell that holds a number (centred in every format); the first column never does."""
    return ci > 0 and NUMERIC_CELL.fullmatch(plain(text) or "x") is not None


def col_weights(rows: list[list[str]]) -> list[float]:
    """Relative column widths from text lengths, with a narrow first column for a "TT" row number."""
    ncol = len(rows[0])
    lens = []
    for c in range(ncol):
        texts = [plain(r[c]) for r in rows]
        longest_word = max((len(w) for t in texts for w in t.split()), default=1)
        m = max(len(t) for t in texts)
        lens.append(max(min(m, 42), longest_word + 2, 8 if c else 3))
    tot = sum(lens)
    return [x / tot for x in lens]
