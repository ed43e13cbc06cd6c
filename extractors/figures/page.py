"""Where a web page's own text ends: portal and press pages close with lists of other articles
("Tin liên quan", "Các tin khác", "Xem thêm"), whose headlines carry figures of other places
and periods. Figures are read only before the first line that opens such a list.
"""
from __future__ import annotations

import regex

from pipeline.lexicon import lexicon_cache, table
from pipeline.model import Document


@lexicon_cache
def _related() -> regex.Pattern:
    patterns = "|".join(f"(?:{r['pattern']})" for r in table("number_context") if r["role"] == "related")
    return regex.compile(rf"^[\s\W]*(?:{patterns})[\s:.…>»-]*$")


def own_text_end(doc: Document) -> int:
    """The offset where the document's own text ends: the start of the first block that is a
    related-articles heading, or the end of the text."""
    pattern = _related()
    for block in doc.body_blocks():
        if pattern.match(doc.block_text(block)):
            return block.start
    return len(doc.text)
