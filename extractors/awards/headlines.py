"""A press page says its news three times: the headline ("Biểu dương 50 hộ gia đình tiêu biểu"),
the lead paragraph under it ("UBND huyện đã khen thưởng 50 hộ gia đình ...") and the body, which
may restate the lead's total before breaking it down ("... khen thưởng đối với 50 hộ. Trong đó
..."). Each is the same award said again, so it is counted once: a headline's row that the text
under it repeats is dropped (the lead or body says more: its grantor, its status), and so is a
body row that repeats the lead's (the lead is where the total is first told). A headline row the
text does not repeat stays (the body may be cut short).

A headline is one of the first blocks, short, and not closed like a sentence (a byline's date
may stand before it); the lead is the first paragraph after it. Documents with an official
header (a number) have neither: their first blocks are the header's lines.
"""
from __future__ import annotations

from pipeline.model import Award, BlockKind, Document

HEAD_BLOCKS = 4  # the byline, the headline and the lead come first
HEADLINE_CHARS = 200
HEADLINE_WORDS = 4  # a byline ("Thứ Hai, 08/06/2024 10:06") has fewer words


def _parts(doc: Document) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The spans of the press page's headline and lead, when it has them."""
    if doc.meta.doc_number:
        return None, None
    blocks = [b for b in doc.body_blocks() if b.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING)]
    for i, block in enumerate(blocks[:HEAD_BLOCKS]):
        text = doc.block_text(block).strip()
        words = [w for w in text.split() if any(ch.isalpha() for ch in w)]
        if len(text) <= HEADLINE_CHARS and not text.endswith((".", ":", ";", "…")) and len(words) >= HEADLINE_WORDS:
            lead = blocks[i + 1] if i + 1 < len(blocks) else None
            return (block.start, block.end), ((lead.start, lead.end) if lead is not None else None)
    return None, None


def drop_restated_headlines(doc: Document, awards: list[Award]) -> list[Award]:
    headline, lead = _parts(doc)
    if headline is None:
        return awards

    def key(a: Award) -> tuple[str, str, int]:
        return a.award, a.recipient, a.count

    def within(span: tuple[int, int] | None, a: Award) -> bool:
        return span is not None and span[0] <= a.char_start < span[1]

    below = {key(a) for a in awards if not within(headline, a)}
    told = {key(a) for a in awards if within(lead, a)}
    return [a for a in awards
            if not (within(headline, a) and key(a) in below)
            and not (not within(headline, a) and not within(lead, a) and a.char_start > (lead or (0, 0))[1]
                     and key(a) in told)]
