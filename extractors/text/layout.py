"""Where the parts of an administrative document are: header, addressees, signature block.

Several extractors need the same regions (the unit is named in the header and signed for in
the signature block; the addressees of "Kính gửi" and "Nơi nhận" are other bodies), so they
are found here once.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import regex

from pipeline.model import Block, BlockKind, Document
from .patterns import lazy

if TYPE_CHECKING:
    from .sentences import Sentence

HEADER_BLOCKS = 16  # the header never runs longer than this many blocks
SIGNATURE_LINES = 14  # lines from the end of the body where a signature block may start

_RECIPIENTS = lazy(r"^\s*(?:Kính\s+gửi|Nơi\s+nhận|Đồng\s+kính\s+gửi)\s*:?", regex.IGNORECASE)
_SIGNATURE_START = lazy(
    r"^(?:TM|KT|TL|TUQ|Q|QUYỀN)\s*\.|^(?:CHỦ\s+TỊCH|PHÓ\s+CHỦ\s+TỊCH|GIÁM\s+ĐỐC|TRƯỞNG\s+BAN|BÍ\s+THƯ|"
    r"TRƯỞNG\s+PHÒNG|CHÁNH\s+VĂN\s+PHÒNG|NGƯỜI\s+LẬP|XÁC\s+NHẬN)\b"
)


T = TypeVar("T")


def per_document(func: Callable[[Document], T]) -> Callable[[Document], T]:
    """Cache `func(doc)` for the document last asked: the regions are asked by several components
    in turn (the addressees by the unit, signer, figure and award rules), and a document's text
    and blocks do not change once assembled. The document is held, so its identity cannot be
    reused by another; a new text or block list is a new document. Callers must not change the
    result."""
    last: list = [None, None, None, None]  # doc, its text, its blocks, the result

    @functools.wraps(func)
    def cached(doc: Document) -> T:
        if last[0] is not doc or last[1] is not doc.text or last[2] is not doc.blocks:
            last[:] = [doc, doc.text, doc.blocks, func(doc)]
        return last[3]

    return cached


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    start: int
    block: Block


def header_blocks(doc: Document) -> list[Block]:
    return doc.body_blocks()[:HEADER_BLOCKS]


def lines_of(doc: Document, blocks: list[Block] | None = None) -> list[Line]:
    return [Line(text, start, block) for text, start, block in doc.lines(blocks)]


@per_document
def recipient_spans(doc: Document) -> list[tuple[int, int]]:
    """Offsets of "Kính gửi: ..." and "Nơi nhận: ..." passages: other bodies, not the issuer.

    The "- UBND huyện ...;" lines right after such a passage (a PDF page break can push them out
    of the closing table) belong to it.
    """
    spans: list[tuple[int, int]] = []
    last_end = -10  # end of the block that held the last passage
    for block in doc.body_blocks():
        text = doc.block_text(block)
        matched = [c for c in block.cells if _RECIPIENTS.match(doc.span_text(c))]
        if matched:
            spans += [(c.start, c.end) for c in matched]
            last_end = block.end
        elif not block.cells and _RECIPIENTS.match(text):
            spans.append((block.start, block.end))
            last_end = block.end
        elif last_end + 2 >= block.start and text.startswith(("-", "+", "•")):
            spans.append((block.start, block.end))
            last_end = block.end
    return spans


def in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in spans)


@per_document
def signature_lines(doc: Document) -> list[Line]:
    """The lines of the signature block (titles, body, the signer's name), last first-found.

    The block is the cell beside "Nơi nhận" when the closing is a two-column table, else the
    lines from the last title line ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH" ...) to the end.
    """
    body = doc.body_blocks()
    for block in reversed(body[-6:]):
        if block.kind == BlockKind.TABLE_ROW and len(block.cells) > 1:
            texts = [doc.span_text(c) for c in block.cells]
            if any(_RECIPIENTS.match(t) for t in texts) or any(_SIGNATURE_START.search(t) for t in texts):
                lines = []
                for cell, text in zip(block.cells, texts):
                    if _RECIPIENTS.match(text):
                        continue
                    pos = cell.start
                    for raw in text.split("\n"):
                        if raw.strip():
                            lines.append(Line(raw.strip(), pos + len(raw) - len(raw.lstrip()), block))
                        pos += len(raw) + 1
                if lines:
                    return lines
    tail = lines_of(doc, body[-SIGNATURE_LINES:])
    recipients = recipient_spans(doc)
    starts = [i for i, ln in enumerate(tail) if _SIGNATURE_START.search(ln.text) and not in_spans(ln.start, recipients)]
    if not starts:
        return []
    # The signature block starts at the first title line of the last run of title lines.
    first = starts[-1]
    while first - 1 in starts:
        first -= 1
    return [ln for ln in tail[first:] if not in_spans(ln.start, recipients)]


@per_document
def prose(doc: Document) -> list[tuple[Block, list["Sentence"]]]:
    """The running text the figure and award rules read: paragraph and heading blocks outside
    the addressees, each with its sentences."""
    from .sentences import sentences

    recipients = recipient_spans(doc)
    return [
        (block, sentences(doc.block_text(block), block.start))
        for block in doc.body_blocks()
        if block.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING) and not in_spans(block.start, recipients)
    ]


# A byline, a timestamp, a view counter or a category line above or below a press title.
_BYLINE = lazy(
    r"\d{1,2}:\d{2}|\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(?:19|20)\d\d|Cập\s+nhật|Đăng\s+ngày|lượt\s+xem|GMT",
    regex.IGNORECASE,
)
BYLINE_WORDS = 14  # a line with a date or a time and no more words than this is a byline
TITLE_CHARS = 250  # a first line longer than this is the article's first paragraph, not a title
LEAD_CHARS = 600  # the opening after the title: what the article is about


def lead_spans(doc: Document) -> tuple[tuple[int, int] | None, int]:
    """The span of the text's title (its first line that is no byline, or that line's first
    250 characters) and where its opening ends: the places that say what a text is about."""
    for text, start, _ in doc.lines(header_blocks(doc)):
        if len(text.split()) <= BYLINE_WORDS and _BYLINE.search(text):
            continue
        if not any(ch.isalpha() for ch in text):
            continue
        end = start + min(len(text), TITLE_CHARS)
        return (start, end), end + LEAD_CHARS
    return None, LEAD_CHARS
