"""The report's page per document: its text with every figure and award highlighted in place.

All pages come from one pass over the tables, never a query per document: the texts are read
file by file in the order they are stored (sorting them would hold them all in memory), and the
documents, figures and awards are each read once, sorted in that same order (DuckDB sorts their
narrow rows), and walked side by side with the texts (a merge join). The work grows with the size
of the dataset, never with documents × dataset, and only one document's text is held at a time.
A long document is split into parts (doc.html, doc-2.html ...) at line ends, so no page grows
past PAGE_BYTES whatever the document's length.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from . import html as h

MEASURE_CLASS = {"value": "m-value", "target": "m-target", "pct_of_plan": "m-plan", "pct_of_prior": "m-prior",
                 "change_pct": "m-change", "change": "m-change"}
META_COLS = ["source_path", "status", "error", "doc_type", "doc_number", "issued_date", "title", "locality",
             "admin_level", "district", "province", "unit_code", "period_year", "period", "signer", "duplicate_of"]
FETCH = 2048
LINE_PIECE = 20_000  # a line longer than this (characters) is cut into pieces a part may end between

# The order pages are written in: the position of each document's text in storage (report_order).
# The same doc_id twice (a file and its copy) is one page: the row read ('ok') first, then by path.
DOCUMENTS_SQL = f"""SELECT o.ord, doc_id, {', '.join(META_COLS)} FROM documents JOIN report_order o USING (doc_id)
    ORDER BY o.ord, (status = 'ok') DESC, source_path"""
FIGURES_SQL = """SELECT o.ord, char_start, char_end, indicator, measure, value, unit, reference, confidence, extractor,
    subject FROM all_indicators JOIN report_order o USING (doc_id)
    ORDER BY o.ord, char_start, char_end, indicator, measure, value, unit, subject, extractor, reference NULLS FIRST"""
AWARDS_SQL = """SELECT o.ord, char_start, char_end, award, recipient, count, grantor_level, status, confidence, extractor
    FROM all_awards JOIN report_order o USING (doc_id)
    ORDER BY o.ord, char_start, char_end, award, recipient, count, status, extractor, grantor_level NULLS FIRST"""
TEXT_BATCH = 64
FIX_NOTE = ('<p class="note">A row\'s correction line goes into the TSV of <code>chitieu run --corrections FILE</code> '
            '(header <code>doc_id char_start field value table</code>, tab-separated): keep '
            '<code>status reject</code>, or write a field and its value instead.</p>')


def _text_files(dataset: Path) -> list[Path]:
    return sorted((dataset / "texts").rglob("*.parquet"), key=lambda p: p.as_posix())


def _texts(files: list[Path], columns: list[str]) -> Iterator[tuple]:
    """The texts table's rows (the columns asked for), file by file in path order, as stored."""
    for path in files:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=TEXT_BATCH, columns=columns):
            yield from zip(*(batch.column(c).to_pylist() for c in columns))


def _order(con, files: list[Path]) -> dict[str, int]:
    """Each doc_id's position: where its text first comes in storage, then those with no text by doc_id."""
    order: dict[str, int] = {}
    for (doc_id,) in _texts(files, ["doc_id"]):
        if doc_id:
            order.setdefault(doc_id, len(order))
    for (doc_id,) in con.execute("SELECT DISTINCT doc_id FROM documents WHERE doc_id <> '' ORDER BY 1").fetchall():
        order.setdefault(doc_id, len(order))
    return order


def _stream(con, sql: str) -> Iterator[tuple]:
    cursor = con.cursor()
    cursor.execute(sql)
    while batch := cursor.fetchmany(FETCH):
        yield from batch
    cursor.close()


class _Grouped:
    """Rows sorted by their first column, taken one key at a time (the keys asked for ascend; a row
    whose key comes again after larger ones, a second text of one document, is passed over)."""

    def __init__(self, rows: Iterator[tuple]) -> None:
        self.rows = rows
        self.head = next(rows, None)

    def take(self, key) -> list[tuple]:
        while self.head is not None and self.head[0] < key:
            self.head = next(self.rows, None)
        found = []
        while self.head is not None and self.head[0] == key:
            found.append(self.head)
            self.head = next(self.rows, None)
        return found


_escaped: dict[tuple, tuple[str, ...]] = {}


def _escaped_parts(key: tuple, build) -> tuple[str, ...]:
    """The escaped fixed parts of a tooltip and a side-table row, remembered for the combinations
    of codes, measures, units and extractors that figures repeat."""
    found = _escaped.get(key)
    if found is None:
        if len(_escaped) > 100_000:
            _escaped.clear()
        found = _escaped[key] = build(*(h.esc(v) for v in key))
    return found


def _figure_parts(ind, m, u, ref, x, sub) -> tuple[str, ...]:
    return (f"{ind} · {m} · ", f" {u}" + (f" · ref {ref}" if ref else "") + " · conf ", f" · {x}",
            f'<tr><td>{ind}</td><td>{m}</td><td class="num">', f'</td><td>{u}</td><td>{sub}</td><td class="num">')


def _award_parts(a, r, lvl, st, x) -> tuple[str, ...]:
    return (f"{a} · {r} · ", f" · {lvl} · {st} · conf ", f" · {x}",
            f'<tr><td>{a}</td><td>{r}</td><td class="num">', f"</td><td>{lvl}</td><td>{st}</td>")


def _fix(doc_id: str, start: int, table: str = "") -> str:
    """The row's line of a corrections file (`chitieu run --corrections`, dataset/corrections.py),
    rejecting it: the analyst copies it and keeps `status reject` or names a field and its value.
    Tabs, kept by `white-space: pre`, so a copy pastes as TSV cells."""
    cells = [h.esc(doc_id), str(start), "status", "reject"] + ([table] if table else [])
    return f'<td><code class="fix" style="white-space:pre">{chr(9).join(cells)}</code></td>'


def _number(v) -> str:
    """html.num for the values of figures (Vietnamese notation)."""
    return h.num(v)


def _spans(figures: list[tuple], awards: list[tuple], doc_id: str = "") -> list[tuple]:
    """(start, end, css class, tooltip, side-table kind, side-table row) for every figure and award,
    the tooltip and row already escaped (from escaped parts: escaping works character by character)."""
    spans = []
    for _, s, e, ind, m, v, u, ref, c, x, sub in figures:
        tip_a, tip_b, tip_c, row_a, row_b = _escaped_parts((ind, m, u, ref, x, sub), _figure_parts)
        value, conf = _number(v), f"{c:.2f}"
        spans.append((s, e, MEASURE_CLASS.get(m, "m-value"), f"{tip_a}{value}{tip_b}{conf}{tip_c}", 0,
                      f"{row_a}{value}{row_b}{conf}</td>{_fix(doc_id, s)}</tr>"))
    for _, s, e, a, r, n, lvl, st, c, x in awards:
        tip_a, tip_b, tip_c, row_a, row_b = _escaped_parts((a, r, lvl, st, x), _award_parts)
        count = h.num(n)
        spans.append((s, e, "m-award", f"{tip_a}{count}{tip_b}{c:.2f}{tip_c}", 1,
                      f"{row_a}{count}{row_b}{_fix(doc_id, s, 'awards')}</tr>"))
    spans.sort(key=lambda sp: (sp[0], sp[1], sp[4]))  # stable: the tables' own order within a position
    return spans


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, str, bool]]:
    """Unmarked text as (position, escaped, a part may end after it) pieces, one per line (and
    every LINE_PIECE characters of a longer line)."""
    pos = start
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop < 0 else stop + 1
        stop = min(stop, pos + LINE_PIECE)
        yield pos, h.esc(text[pos:stop]), True
        pos = stop


def _pieces(text: str, spans: list[tuple], lines: bool = False) -> list[tuple[int, str, bool]]:
    """The highlighted text as (position, markup, a part may end after it) pieces: the unmarked
    text between marks as one piece, or with `lines` one per line."""
    shown, pos = [], 0
    for span in spans:
        if span[0] < pos or span[1] > len(text) or span[0] > span[1]:
            continue  # overlapping or out of range: shown in the side list only
        shown.append(span)
        pos = span[1]
    cuts = [0, *(p for span in shown for p in span[:2]), len(text)]
    pieces: list[tuple[int, str, bool]] = []
    if lines:
        for i, span in enumerate(shown):
            pieces += _lines(text, cuts[2 * i], span[0])
            pieces.append((span[0], f'<mark class="{span[2]}" title="{span[3]}">{h.esc(text[span[0]:span[1]])}</mark>', False))
        pieces += _lines(text, cuts[-2], cuts[-1])
        return pieces or [(0, "", True)]
    # plain, mark, plain, mark ... plain: escaped in one call where a separator is free to use
    segments = [text[a:b] for a, b in zip(cuts, cuts[1:])]
    escaped = h.esc("\0".join(segments)).split("\0") if "\0" not in text else [h.esc(t) for t in segments]
    for i, markup in enumerate(escaped):
        if i % 2:
            span = shown[i // 2]
            pieces.append((span[0], f'<mark class="{span[2]}" title="{span[3]}">{markup}</mark>', False))
        elif markup:
            pieces.append((cuts[i], markup, segments[i].endswith("\n")))
    return pieces or [(0, "", True)]


def _parts(pieces: list[tuple[int, str, bool]], weights: list[int]) -> list[range]:
    """Consecutive pieces per page: a part ends at a line end once past 2/3 of PAGE_BYTES, or at any
    piece before it would pass PAGE_BYTES."""
    soft, hard = h.PAGE_BYTES * 2 // 3, h.PAGE_BYTES
    parts, start, total = [], 0, 0
    for i, w in enumerate(weights):
        if i > start and (total + w > hard or (total >= soft and pieces[i - 1][2])):
            parts.append(range(start, i))
            start, total = i, 0
        total += w
    parts.append(range(start, len(weights)))
    return parts


def _document_pages(doc_id: str, meta: tuple, text: str, figures: list[tuple], awards: list[tuple]) -> list[tuple[str, bytes]]:
    """(file name, page in UTF-8) for each part of one document: one part unless the page would pass PAGE_BYTES."""
    spans = _spans(figures, awards, doc_id)
    title = meta[0] or doc_id
    fields = h.table(["field", "value"], list(zip(META_COLS, meta)))
    whole = _part_page(title, fields, [p[1] for p in _pieces(text, spans)], [sp[4:] for sp in spans], "").encode("utf-8")
    if len(whole) <= h.PAGE_BYTES:
        return [(h.doc_file(doc_id), whole)]
    pieces = _pieces(text, spans, lines=True)
    starts = [p for p, _, _ in pieces]
    weights = [h.size(m) for _, m, _ in pieces]
    owner = []  # the piece whose text holds each side-table row: the row goes to that piece's part
    for start, _, _, _, _, markup in spans:
        i = max(0, bisect_right(starts, start) - 1)
        owner.append(i)
        weights[i] += h.size(markup)
    parts = _parts(pieces, weights)
    part_of = [0] * len(pieces)
    for n, span in enumerate(parts):
        for i in span:
            part_of[i] = n
    names = [h.doc_file(doc_id, n + 1) for n in range(len(parts))]
    return [(names[n], _part_page(title if n == 0 else f"{title} ({n + 1})", fields, [pieces[i][1] for i in span],
                                  [sp[4:] for sp, i in zip(spans, owner) if part_of[i] == n],
                                  h.pager(names, n, "Part")).encode("utf-8"))
            for n, span in enumerate(parts)]


def _part_page(title: str, fields: str, text: list[str], rows: list[tuple[int, str]], nav: str) -> str:
    side = "".join([
        "<h2>Document</h2>", fields,
        "<h2>Figures</h2>", h.table_of(["indicator", "measure", "value", "unit", "subject", "conf", "correction line"],
                                       [markup for kind, markup in rows if kind == 0]), FIX_NOTE,
        "<h2>Awards</h2>", h.table_of(["award", "recipient", "count", "level", "status", "correction line"],
                                      [markup for kind, markup in rows if kind == 1]),
    ])
    body = (f'<h1>{h.esc(title)}</h1>{nav}<div class="doc"><div class="text">{"".join(text)}</div>'
            f'<div class="side">{side}</div></div>{nav}')
    return h.page(title, body, depth=1)


def write_document_pages(con, dataset: Path, folder: Path) -> tuple[int, int]:
    """Every document's pages into folder (docs/); returns (documents, files)."""
    files = _text_files(dataset)
    order = _order(con, files)
    con.register("report_order_arrow", pa.table({"doc_id": pa.array(list(order), pa.string()),
                                                 "ord": pa.array(range(len(order)), pa.int64())}))
    # a table of the database, not a view of this connection: the cursors below read it too
    con.execute("CREATE OR REPLACE TABLE report_order AS SELECT * FROM report_order_arrow")
    con.unregister("report_order_arrow")
    texts = _Grouped((order[d], t) for d, t in _texts(files, ["doc_id", "text"]) if d)
    figures, awards = _Grouped(_stream(con, FIGURES_SQL)), _Grouped(_stream(con, AWARDS_SQL))
    documents = written = 0
    previous = None
    for ord_, doc_id, *meta in _stream(con, DOCUMENTS_SQL):
        if ord_ == previous:
            continue  # a copy of the document just written
        previous = ord_
        text = texts.take(ord_)
        for name, markup in _document_pages(doc_id, tuple(meta), text[0][1] if text else "",
                                            figures.take(ord_), awards.take(ord_)):
            (folder / name).write_bytes(markup)
            written += 1
        documents += 1
    con.execute("DROP TABLE report_order")
    return documents, written
