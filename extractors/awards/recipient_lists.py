"""Award counts of a decision's recipient list (Quyết định khen thưởng ... "có danh sách kèm theo").

A decision names the honour in its articles ("Điều 1. Tặng Giấy khen ...") and lists the
recipients in tables (`TT | Tên tập thể | Thành tích`, `TT | Họ và tên | Chức vụ, đơn vị`). The
rows are counted by recipient kind and credited to the decision's award. Where the article
already gives the count ("cho 12 tập thể và 35 cá nhân"), the sentence's row stands and the list
only confirms it: a list adds a row only for a kind the text did not count.
"""
from __future__ import annotations

import regex

from pipeline.components import component
from pipeline.model import Award, BlockKind, Document

from .lexicon import form_mentions as _form_mentions
from .rows import EXTRACTOR as SENTENCE_EXTRACTOR
from .rows import own_level as _own_level
from .tables import EXTRACTOR as TABLE_EXTRACTOR
from ..text.patterns import lazy

EXTRACTOR = "rules.recipient_list"
_NAME_COLUMN = lazy(
    r"^(?:(?P<collective>tên (?:tập thể|đơn vị|cơ quan)|tập thể|đơn vị)|(?P<individual>họ (?:và )?tên|tên cá nhân|cá nhân))\b",
    regex.IGNORECASE,
)
_INDEX = lazy(r"^\s*\d{1,3}\s*\.?\s*$")
_COUNT = lazy(r"^\s*[\d.]*\s*$")  # a "Tập thể" column of numbers counts, it names no one (see `tables`)


def _decision_award(doc: Document):
    """The honour a decision grants: the first named form of its title or articles (a bare
    "khen thưởng" only when no form is named)."""
    found = []
    for block in doc.body_blocks():
        text = doc.block_text(block)
        if block.kind != BlockKind.TABLE_ROW and regex.match(r"^(?:Điều\s+\d|Về việc)", text):
            found += [(f, block) for _, f in _form_mentions(text)]
    named = [pair for pair in found if pair[0].award != "commendation"]
    return (named or found or [(None, None)])[0]


@component("recipient_lists")
def recipient_lists(doc: Document) -> None:
    if doc.meta.doc_type != "decision":
        return
    form, article = _decision_award(doc)
    if form is None:
        return
    counts: dict[str, list] = {}
    kind: str | None = None
    column = 0
    for block in doc.body_blocks():
        if block.kind != BlockKind.TABLE_ROW:
            kind = None
            continue
        cells = [doc.span_text(c).strip() for c in block.cells]
        header = next(((i, m) for i, c in enumerate(cells) if (m := _NAME_COLUMN.match(c))), None)
        if header is not None:
            column, kind = header[0], "collective" if header[1].group("collective") else "individual"
            continue
        if kind is not None and cells and _INDEX.match(cells[0]) and any(c for c in cells[1:]) \
                and not (column < len(cells) and _COUNT.match(cells[column])):
            counts.setdefault(kind, []).append(block)
    counted = {(a.award, a.recipient) for a in doc.awards if a.extractor in (SENTENCE_EXTRACTOR, TABLE_EXTRACTOR)}
    for recipient, rows in counts.items():
        if (form.award, recipient) in counted:
            continue
        first = rows[0]
        doc.awards.append(Award(
            award=form.award, award_vi=form.award_vi, recipient=recipient, count=len(rows),
            status="received", char_start=first.start, char_end=first.end,
            sentence=doc.block_text(article), extractor=EXTRACTOR, confidence=0.8,
            grantor=doc.meta.issuer, grantor_level=form.default_level or _own_level(doc), page=first.page,
        ))
