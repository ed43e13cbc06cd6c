"""A press page's headline repeats what its body reports: "Biểu dương 50 hộ gia đình tiêu biểu"
above a body that says "UBND huyện đã khen thưởng 50 hộ gia đình ...". The body's row is the
award; the headline's is the same award said again, so it is dropped. A headline row that the
body does not repeat stays (the body may be cut short).

A headline is one of the first blocks of the body, short, and not closed like a sentence (a
byline's date may stand before it).
"""
from __future__ import annotations

from pipeline.model import Award, Document

HEAD_BLOCKS = 4  # the byline, the headline and the lead come first
HEADLINE_CHARS = 200


def headline_spans(doc: Document) -> list[tuple[int, int]]:
    spans = []
    for block in doc.body_blocks()[:HEAD_BLOCKS]:
        text = doc.block_text(block).strip()
        if text and len(text) <= HEADLINE_CHARS and not text.endswith((".", ":", ";", "…")):
            spans.append((block.start, block.end))
    return spans


def drop_restated_headlines(doc: Document, awards: list[Award]) -> list[Award]:
    spans = headline_spans(doc)
    if not spans:
        return awards

    def in_headline(a: Award) -> bool:
        return any(start <= a.char_start < end for start, end in spans)

    body = {(a.award, a.recipient, a.count) for a in awards if not in_headline(a)}
    return [a for a in awards if not (in_headline(a) and (a.award, a.recipient, a.count) in body)]
