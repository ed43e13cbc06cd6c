"""Award counts of summary tables: one row per form, one column per kind of recipient.

Reports and decisions sum up their honours in tables such as

    | TT | Hình thức khen thưởng               | Tập thể | Cá nhân |
    | 1  | Bằng khen của Chủ tịch UBND tỉnh     | 3       | 12      |
    | 2  | Giấy khen của Chủ tịch UBND huyện    | 15      | 40      |

A header cell that is a recipient word (lexicons/award_recipients.tsv, "Số tập thể" too) makes
its column a count of that kind; a "Số lượng" column counts the form's own recipient. A data row
names its form (and grantor) in its other cells; each number under a count column is a row of
`awards`. The status is the row's or the table title's cue (a "Danh sách đề nghị ..." title
proposes), else received; in a plan, planned. A recipient-list table (`recipient_lists`), whose
"Tập thể" column holds names, not numbers, gives nothing here.
"""
from __future__ import annotations

import regex

from pipeline.model import Award, Block, BlockKind, Document

from .lexicon import Mention, count_value, cues, form_mentions, grantors, recipients
from .rows import Counted, Sentence, award_row, grantor_at
from ..text.patterns import lazy

EXTRACTOR = "rules.award_table"
_NUMBER = lazy(r"^\s*(\d{1,3}(?:\.\d{3})+|\d+)\s*$")
_COUNT_PREFIX = lazy(r"^\s*(?:(?:số\s+lượng|số|sl)\s+)?", regex.IGNORECASE)
_QUANTITY = lazy(r"^\s*(?:số\s+lượng|sl|tổng\s+số)\s*$", regex.IGNORECASE)


def count_columns(cells: list[str]) -> dict[int, str | None]:
    """Columns of a header row that hold counts: index -> recipient kind (None: the form's own)."""
    columns: dict[int, str | None] = {}
    for i, text in enumerate(cells):
        if _QUANTITY.match(text):
            columns[i] = None
            continue
        rest = text[_COUNT_PREFIX.match(text).end():].strip(" ()")
        who = next((r for r in recipients(rest) if r.start == 0 and r.end == len(rest)), None)
        if who is not None:
            columns[i] = who.value
    return columns


def _status(doc: Document, row_text: str, title: str) -> str:
    if doc.meta.doc_type == "plan":
        return "planned"
    for text in (row_text, title):
        said = [q for q in cues(text) if not q.cue.weak] or cues(text)
        if said:
            return said[0].value
    return "received"


def _row_awards(doc: Document, block: Block, columns: dict[int, str | None], title: str) -> list[Award]:
    text = doc.block_text(block)
    cells = [doc.span_text(c) for c in block.cells]
    named = [(i, mt, f) for i, cell in enumerate(cells) if i not in columns for mt, f in form_mentions(cell)]
    if not named:
        return []
    i, mt, form = named[0]
    offset = block.cells[i].start - block.start
    mention = Mention(offset + mt.start, offset + mt.end, mt.value, mt.text)
    s = Sentence(text, [(mention, form)], grantors(text), cues(text), [])
    of = grantor_at(s, mention.end)
    grantor = of or next((g for g in s.grantors if g.start >= offset and g.end <= offset + len(cells[i])), None)
    status = _status(doc, text, title)
    awards: list[Award] = []
    for k, kind in columns.items():
        if k >= len(cells) or not (m := _NUMBER.match(cells[k])):
            continue
        value = count_value(m.group(1))
        if not value:
            continue
        start = block.cells[k].start + m.start(1) - block.start
        c = Counted(start, start + len(m.group(1)), value)
        awards.append(award_row(doc, block, block.start, s, c, kind or form.recipient or "unknown", mention, form,
                                status, grantor, of is not None, extractor=EXTRACTOR))
    return awards


def table_awards(doc: Document) -> list[Award]:
    awards: list[Award] = []
    columns: dict[int, str | None] = {}
    title = ""
    for block in doc.body_blocks():
        if block.kind != BlockKind.TABLE_ROW:
            columns, title = {}, doc.block_text(block)
            continue
        cells = [doc.span_text(c) for c in block.cells]
        header = count_columns(cells)
        if header and not any(_NUMBER.match(cells[k]) for k in header):
            columns = header
            continue
        if columns:
            awards += _row_awards(doc, block, columns, title)
    return awards
