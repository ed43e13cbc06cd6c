"""PDF reader on pypdfium2 (measured ~100x faster than pdfplumber's text for the same characters).

A PDF holds positioned lines, not paragraphs. This reader rebuilds the document from the
geometry of the words it builds from pdfium's characters (`pdf_words`):
- words on one baseline form a line; a wide gap between segments splits it into cells, and
  a run of such lines (the number/date header, the "Nơi nhận | signature" block) becomes one
  table row whose cells gather the lines under each column;
- other lines are joined into paragraphs unless a vertical gap, an indent, a bullet or
  heading number, or a short line ending a clause says a new one starts;
- running headers and footers (the same text in the top or bottom band of most pages) and page
  numbers are dropped; each block keeps the page it starts on;
- ruled tables come from pdfium's path objects (`pdf_tables`), each as one block of rows;
- pages without a text layer are read by OCR, and its words are laid out by the same rules
  (so a scan's header and signature block are two-column rows as well).
"""
from __future__ import annotations

import os
import statistics
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress, groupby, repeat
from operator import gt, itemgetter, ne, sub
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import regex

from ..model import BlockKind, RawBlock, RawDocument
from . import ocr
from .errors import IngestError, Unsupported
from .ocr import OcrPage
from .pdf_tables import Table, ruled_tables
from .pdf_words import compiled, page_words
from .reflow import _OPENER, join_lines

MAX_PAGES = 3000
OCR_ALL = "CHITIEU_OCR_ALL"  # set to 1 to OCR every page (benchmarks compare OCR with the text layer)
MIN_RULINGS = 6  # path objects on a page before it is worth looking for ruled tables
BAND = 0.10  # top and bottom share of the page where running headers and footers live
COLUMN_GAP = 24.0  # points of empty space that surely separate two cells on one line
SMALL = 0.8  # words this much smaller than the page's usual ones: superscripts, footnotes
CELL_GAP_LINES = 1.0  # or this many line heights: narrow gutters of layout tables (~15 pt)
_PAGE_NUMBER = regex.compile(r"^[-–—\s]*(?:Trang|trang|Page)?\s*\d{1,4}(?:\s*(?:/|của|of)\s*\d{1,4})?[-–—\s]*$")
_DIGITS = regex.compile(r"\d+")


class Segment(NamedTuple):
    """A word, or a cell (words merged), in top-down page coordinates.

    Any 5-tuple in this order is one: `pdf_words.page_words` gives plain tuples, and the layout
    code indexes or unpacks them rather than reading attributes, so no object is made per word
    (a page has ~450)."""

    x0: float
    x1: float
    top: float  # distance from the page's top edge
    bottom: float
    text: str


def _joined(segments: list[Segment]) -> str:
    """Segments of one line as text: a space only where there is room for one (signed PDFs
    place some letters one by one: "H", "Ộ", "I")."""
    texts = list(map(_text, segments))
    if all(map(str.endswith, texts[:-1], repeat(" "))):  # each word ends with its space: no room to test
        return " ".join("".join(texts).split())
    parts: list[str] = []
    spaced, prev_x1 = True, 0.0  # `spaced`: no space is wanted before this segment
    for x0, x1, top, bottom, text in segments:
        if not spaced and not text.startswith(" ") and x0 - prev_x1 > 0.12 * max(bottom - top, 1.0):
            parts.append(" ")
        parts.append(text)
        spaced, prev_x1 = text.endswith(" "), x1
    return " ".join("".join(parts).split())


_x0, _x1, _top, _bottom, _text = itemgetter(0), itemgetter(1), itemgetter(2), itemgetter(3), itemgetter(4)


@dataclass(slots=True)
class Line:
    """A line of text, or (with `table`) a whole ruled table standing at that height.

    Its band (`top`, `bottom`, and the `height` and `centre` derived from them) is kept as plain
    numbers, updated by `add`: `_lines` compares every word with the lines before it."""

    segments: list[Segment]
    page: int
    table: list[tuple[str, ...]] | None = None
    top: float = field(init=False)
    bottom: float = field(init=False)
    height: float = field(init=False)
    centre: float = field(init=False)
    # Joined once: read many times by the layout rules; `add` and `sort` forget them.
    _text: str | None = field(init=False, default=None)
    _cells: list[Segment] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if len(self.segments) == 1:  # (as `_lines` makes them)
            self.top, self.bottom = self.segments[0][2], self.segments[0][3]
        else:
            self.segments.sort(key=_x0)
            self.top = min(s[2] for s in self.segments)
            self.bottom = max(s[3] for s in self.segments)
        self._measure()

    def _measure(self) -> None:
        self.height = self.bottom - self.top
        self.centre = (self.top + self.bottom) / 2

    @classmethod
    def banded(cls, segments: list[Segment], page: int, top: float, bottom: float) -> "Line":
        """A line whose band is known already (measured word by word as `add` measures it)."""
        line = cls.__new__(cls)
        line.segments, line.page, line.table, line.top, line.bottom = segments, page, None, top, bottom
        line._text = line._cells = None
        line._measure()
        return line

    def add(self, seg: Segment) -> None:
        self.segments.append(seg)
        self.top, self.bottom = min(self.top, seg[2]), max(self.bottom, seg[3])
        self._measure()
        self._text = self._cells = None

    def sort(self) -> None:
        """Segments left to right (`add` appends them in the order they are met)."""
        self.segments.sort(key=_x0)
        self._text = self._cells = None

    @property
    def x0(self) -> float:
        return self.segments[0][0]

    @property
    def x1(self) -> float:
        return self.segments[-1][1]

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = _joined(self.segments)
        return self._text

    def cells(self) -> list[Segment]:
        """Segments merged where the gap between them is an ordinary word space."""
        if self._cells is None:
            self._cells = self._merged_cells()
        return self._cells

    def _merged_cells(self) -> list[Segment]:
        segments = self.segments
        if len(segments) == 1:
            return [segments[0]]
        # Most lines are one cell, its text the line's own: no gap as wide as the narrowest gutter.
        if all(map(gt, repeat(_MIN_GUTTER), map(sub, map(_x0, segments[1:]), map(_x1, segments)))):
            return [_cell(segments, self.text, self.top, self.bottom)]
        groups: list[list[Segment]] = []
        for seg in segments:
            if groups and seg[0] - groups[-1][-1][1] < _gutter(seg):
                groups[-1].append(seg)
            else:
                groups.append([seg])
        if len(groups) == 1:
            return [_cell(segments, self.text, self.top, self.bottom)]
        return [group[0] if len(group) == 1 else
                _cell(group, _joined(group), min(s[2] for s in group), max(s[3] for s in group)) for group in groups]


def _cell(group: list[Segment], text: str, top: float, bottom: float) -> Segment:
    """Segments merged into one, its text joined; a trailing space keeps the word boundary."""
    return group[0][0], group[-1][1], top, bottom, text + (" " if group[-1][4].endswith(" ") else "")


_MIN_GUTTER = 10.0  # points: the narrowest gap between two cells


def _gutter(seg: Segment) -> float:
    """The gap after which `seg` starts a cell of its own: a line height, within 10-24 points."""
    return min(COLUMN_GAP, max(_MIN_GUTTER, CELL_GAP_LINES * (seg[3] - seg[2])))


def _has_rulings(page) -> bool:
    """Ruled tables are drawn with path objects; pages without enough of them have none.

    The page's own objects are asked for their type directly: pypdfium2's `get_objects` wraps
    every object in a helper first (~4x slower), and signed PDFs hold one text object per glyph."""
    raw = page.raw
    n_objects = pdfium_c.FPDFPage_CountObjects(raw)
    if n_objects < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    count = 0
    for i in range(n_objects):
        obj = pdfium_c.FPDFPage_GetObject(raw, i)
        if not obj:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_PATH:
            count += 1
            if count >= MIN_RULINGS:
                return True
    return False


def _same_line(line: Line, centre: float, height: float) -> bool:
    """Whether a word with this vertical centre and height sits on `line`."""
    return abs(line.centre - centre) < 0.35 * min(line.height, height)


def _page_lines(page, textpage, page_no: int, tables: list[Table] = ()) -> list[Line]:
    height = page.get_height()
    words = page_words(textpage, height)
    for t in tables:
        words = t.outside(words)
    return _lines(words, page_no, tables)


def _lines(segments: list[Segment], page_no: int, tables: list[Table] = ()) -> list[Line]:
    """Words (of the text layer or of OCR) gathered into lines, top to bottom.

    Words much smaller than the page's usual ones (footnote marks, the "2" of m², footnotes
    themselves) are placed after the lines of ordinary words are formed: a raised mark sits
    inside its line's band, not on a line of its own between two."""
    lines, small = _ordinary_lines(segments, page_no)
    placed: tuple[tuple[float, float], Line] | None = None  # (band, line) of the last small word
    for seg in small:
        if placed is not None and _band(seg) == placed[0]:  # (small words of one band come in a run)
            placed[1].add(seg)
            continue
        line, again = _place_small(lines, seg, page_no)
        placed = (_band(seg), line) if again else None
    for line in lines:
        line.sort()
    for t in tables:
        lines.append(Line([Segment(t.x0, t.x1, t.top, t.top + 1, "")], page_no, table=t.rows))
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def _ordinary_lines(segments: list[Segment], page_no: int) -> tuple[list[Line], list[Segment]]:
    """The lines of the ordinary words, and the small words left to place (larger first).

    `_pdfchars.lines_of` does what `_python_lines` does, in C, where it is built and the words'
    coordinates are finite floats (a text layer's); it is given the rounded tops (Python's
    `round`), and `tests/test_pdf_words.py` checks that both give the same lines."""
    if compiled is not None and segments:
        rounded = {top: round(top, 1) for top in set(map(_top, segments))}
        found = compiled.lines_of(segments, list(map(rounded.__getitem__, map(_top, segments))), SMALL)
        if found is not None:
            groups, small = found
            return [Line.banded(members, page_no, top, bottom) for top, bottom, members in groups], small
    return _python_lines(segments, page_no)


def _python_lines(segments: list[Segment], page_no: int) -> tuple[list[Line], list[Segment]]:
    """`_ordinary_lines` in Python.

    Words are taken in reading order (rounded top, then x0); one sits on the first of the last
    three lines whose centre is close to its own (boxes of accented letters are tall and overlap
    the next line's, so overlap alone would merge two lines), else it starts a line. A word
    mostly comes after one on its own line: a run of words with the same band (one baseline and
    font size give the same band) joins the line the first of them joined, where that line's
    band is theirs (then `_same_line` holds and `Line.add` would change nothing), without a
    comparison each."""
    segments = _reading_order(segments)
    heights = list(map(sub, map(_bottom, segments), map(_top, segments)))
    sizes = sorted(heights)
    limit = SMALL * (sizes[len(sizes) // 2] if sizes else 0.0)
    # (larger first: a footnote's own line is there before the mark that opens it)
    small = sorted(compress(segments, map(gt, repeat(limit), heights)), key=lambda s: s[2] - s[3])
    lines: list[Line] = []
    band: tuple[float, float] | None = None  # the last line's (top, bottom), where it has a height
    for run_band, run in groupby(segments, key=_band):
        if run_band == band:
            lines[-1].segments.extend(run)
            continue
        for seg in run:
            if run_band == band:
                lines[-1].segments.append(seg)
                continue
            top, bottom = run_band
            height = bottom - top
            if small and height < limit:
                break  # (the whole run is as small)
            centre = (top + bottom) / 2
            for line in reversed(lines[-3:]):
                line_height = line.height  # (`_same_line`, inlined: min(line.height, height))
                if abs(line.centre - centre) < 0.35 * (height if height < line_height else line_height):
                    line.add(seg)
                    break
            else:
                lines.append(Line([seg], page_no))
            newest = lines[-1]
            band = (newest.top, newest.bottom) if newest.height > 0 else None
    return lines, small


_band = itemgetter(2, 3)


def _reading_order(segments: list[Segment]) -> list[Segment]:
    """Sorted by (top rounded to 0.1 pt, x0), stably, as `sorted(key=(round(top, 1), x0))` sorts
    them, but cheaper: content order is mostly reading order already, so a stable sort by
    rounded top (each distinct top rounded once: a line's words share theirs) costs little, and
    then only the words of each rounded top are sorted by x0. (A NaN, which no ordering of
    this kind agrees on, takes the plain sort.)"""
    rounded = {top: round(top, 1) for top in set(map(_top, segments))}
    x0s = list(map(_x0, segments))
    if any(map(ne, rounded.values(), rounded.values())) or any(map(ne, x0s, x0s)):
        return sorted(segments, key=lambda s: (round(s[2], 1), s[0]))
    keys = list(map(rounded.__getitem__, map(_top, segments)))
    out: list[Segment] = []
    for _, group in groupby(sorted(range(len(segments)), key=keys.__getitem__), key=keys.__getitem__):
        out += sorted(map(segments.__getitem__, group), key=_x0)
    return out


def _place_small(lines: list[Line], seg: Segment, page_no: int) -> tuple[Line, bool]:
    """A small word joins the line it overlaps most (the first such), if it lies inside its band
    and is smaller than its words; else the first line it is on; else a line of its own.

    Returns that line, and whether a next small word of the same band surely goes there too:
    when it went to its host (the host's overlap with that band only grew, and nothing else
    changed), or to a line whose band is now its own (any line before it was tried in vain)."""
    top, bottom = seg[2], seg[3]
    height = bottom - top
    host, overlap = None, 0.0
    for line in lines:  # max(lines, key=overlap), without a call per line
        lb, lt = line.bottom, line.top
        o = (bottom if bottom < lb else lb) - (top if top > lt else lt)
        if host is None or o > overlap:
            host, overlap = line, o
    if host is not None and overlap >= 0.8 * height and height < SMALL * host.height:
        host.add(seg)
        return host, True
    centre = (top + bottom) / 2
    for line in lines:
        if _same_line(line, centre, height):
            line.add(seg)
            break
    else:
        line = Line([seg], page_no)
        lines.append(line)
    return line, height > 0 and line.top == top and line.bottom == bottom


def _running_texts(pages: list[list[Line]], heights: list[float]) -> set[str]:
    """Texts seen in the top or bottom band of at least half the pages (digits ignored)."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines, height in zip(pages, heights):
        seen = {_DIGITS.sub("#", ln.text) for ln in lines if _in_band(ln, height)}
        counts.update(seen)
    return {text for text, n in counts.items() if n >= max(2, len(pages) // 2)}


def _in_band(line: Line, height: float) -> bool:
    return line.bottom < BAND * height or line.top > (1 - BAND) * height


@dataclass(slots=True)
class _Layout:
    """What is typical of the page body: left margin, right edge, line pitch."""

    left: float
    right: float
    pitch: float

    @classmethod
    def of(cls, lines: list[Line]) -> "_Layout":
        lines = [ln for ln in lines if ln.table is None]
        if not lines:
            return cls(0.0, 0.0, 14.0)
        left = statistics.median_low(sorted(round(ln.x0) for ln in lines))
        right = max(ln.x1 for ln in lines)
        pitches = [b.top - a.top for a, b in zip(lines, lines[1:]) if 0 < b.top - a.top < 3 * a.height]
        pitch = statistics.median(pitches) if pitches else 1.2 * statistics.median(ln.height for ln in lines)
        return cls(float(left), right, pitch)


class _ColumnGroup:
    """Consecutive multi-cell lines (and the lines under their columns): one table row."""

    def __init__(self, line: Line) -> None:
        cells = line.cells()
        self.starts = [c[0] for c in cells]
        self.columns: list[list[str]] = [[] for _ in cells]
        self.page = line.page
        self.last_tops = [line.top for _ in cells]
        self.add(line)

    def column_of(self, x0: float) -> int:
        return min(range(len(self.starts)), key=lambda i: abs(self.starts[i] - x0))

    def accepts(self, line: Line, layout: _Layout) -> bool:
        if line.page != self.page:
            return False
        if len(line.cells()) > 1:
            return True
        centred = abs((line.x0 + line.x1) / 2 - (layout.left + layout.right) / 2) < 0.08 * (layout.right - layout.left)
        # Under the right column: starting at its edge, or a little left of it but not centred on
        # the page (the kind heading "BÁO CÁO" below the header is centred).
        starts_right = len(self.starts) > 1 and (
            line.x0 >= self.starts[1] - 3 or (line.x0 >= self.starts[1] - COLUMN_GAP and not centred)
        )
        fits_left = line.x1 < self.starts[1] - COLUMN_GAP / 2 if len(self.starts) > 1 else False
        near = line.top - self.last_tops[0] <= 1.3 * layout.pitch
        return starts_right or (fits_left and near)

    def add(self, line: Line) -> None:
        # Pieces of one line that fall under one column are one line of it: "Số:" and the
        # "/TTr-SNV" typed after a blank left for the number, "ngày" and "tháng 3" around a blank day.
        pieces: dict[int, list[str]] = {}
        for cell in line.cells():
            pieces.setdefault(self.column_of(cell[0]), []).append(cell[4].strip())
        for column, texts in pieces.items():
            self.columns[column].append(" ".join(texts))
            self.last_tops[column] = line.top

    def block(self) -> RawBlock:
        cells = tuple("\n".join(join_lines(col)) for col in self.columns)
        return RawBlock(BlockKind.TABLE_ROW, page=self.page, cells=cells)


def _starts_paragraph(prev: Line, line: Line, layout: _Layout) -> bool:
    if line.page != prev.page:
        return True  # the page seam is judged by the generic reflow
    if line.top - prev.top > 1.45 * layout.pitch:
        return True
    if _OPENER.match(line.text):
        return True
    text_width = max(layout.right - layout.left, 1.0)
    if line.x0 - layout.left > 0.03 * text_width and prev.x1 > layout.right - 0.05 * text_width:
        return True  # first-line indent after a full line
    # Wrapped lines run (nearly) to the right edge; a line that stops well short ends its paragraph.
    return prev.x1 < layout.right - 0.12 * text_width


def _blocks(pages: list[list[Line]]) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    for lines in pages:
        layout = _Layout.of(lines)
        group: _ColumnGroup | None = None
        para: list[Line] = []

        def flush_para() -> None:
            if para:
                blocks.append(RawBlock(BlockKind.PARAGRAPH, " ".join(join_lines([ln.text for ln in para])),
                                       page=para[0].page))
                para.clear()

        for line in lines:
            if line.table is not None:
                flush_para()
                if group is not None:
                    blocks.append(group.block())
                    group = None
                blocks += [RawBlock(BlockKind.TABLE_ROW, page=line.page,
                                    cells=tuple(" ".join(join_lines(c.split("\n"))) for c in row))
                           for row in line.table]
                continue
            if group is not None and group.accepts(line, layout):
                group.add(line)
                continue
            if group is not None:
                blocks.append(group.block())
                group = None
            if len(line.cells()) > 1:
                flush_para()
                group = _ColumnGroup(line)
                continue
            if para and _starts_paragraph(para[-1], line, layout):
                flush_para()
            para.append(line)
        flush_para()
        if group is not None:
            blocks.append(group.block())
    return blocks


def read_pdf(data: bytes) -> RawDocument:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise IngestError("pdf is encrypted: a password is needed to read it") from exc
        raise IngestError(f"pdf is damaged: {message[:120]}") from exc
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise IngestError("pdf has no pages")
        if n_pages > MAX_PAGES:
            raise IngestError(f"pdf has {n_pages} pages, over the limit of {MAX_PAGES}")
        pages: list[list[Line]] = []
        heights: list[float] = []
        for i in range(n_pages):
            page = pdf[i]
            heights.append(page.get_height())
            textpage = page.get_textpage()
            tables = ruled_tables(page, textpage) if _has_rulings(page) else []
            pages.append(_page_lines(page, textpage, i + 1, tables))
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise IngestError(f"pdf is damaged: {str(exc)[:120]}") from exc
    finally:
        pdf.close()
    if os.environ.get(OCR_ALL) == "1":  # measurement switch: read every page by OCR, text layer ignored
        pages = [[] for _ in pages]
    empty = [i for i, lines in enumerate(pages) if _page_chars(lines) < 20]
    ocr_pages: dict[int, OcrPage] = {}
    if empty:
        missing = ocr.available()
        if len(empty) == n_pages and missing:
            raise Unsupported(f"pdf has no text layer (scanned?): OCR needs {missing}")
        if not missing:
            ocr_pages = _ocr(data, empty)
    if not ocr_pages and sum(map(_page_chars, pages)) < 20:
        raise IngestError("pdf has no text layer (scanned?)")
    for i, scanned in ocr_pages.items():  # OCR'd words are laid out as a text layer's are
        pages[i] = _lines([Segment(x0, x1, top, bottom, word + " ") for x0, x1, top, bottom, word in scanned.words],
                          i + 1) if scanned.words else []
    running = _running_texts(pages, heights)
    pages = [
        [ln for ln in lines if not (_in_band(ln, h) and (_DIGITS.sub("#", ln.text) in running
                                                          or _PAGE_NUMBER.match(ln.text)))]
        for lines, h in zip(pages, heights)
    ]
    blocks = _blocks(pages)
    if ocr_pages:
        confidence = sum(p.confidence for p in ocr_pages.values()) / len(ocr_pages)
        return RawDocument("pdf", blocks, n_pages=n_pages, ocr_pages=tuple(i + 1 for i in sorted(ocr_pages)),
                           ocr_confidence=round(confidence, 3))
    return RawDocument("pdf", blocks, n_pages=n_pages)


def _page_chars(lines: list[Line]) -> int:
    """Characters of a page's text layer, its ruled tables' cells included: a page whose text is
    all in a ruled table has a text layer (a line standing for a table has no text of its own)."""
    return sum(len(ln.text) + (sum(len(cell) for row in ln.table for cell in row) if ln.table else 0)
               for ln in lines)


def _ocr(data: bytes, page_indexes: list[int]) -> dict[int, OcrPage]:
    pdf = pdfium.PdfDocument(data)
    try:
        return dict(zip(page_indexes, ocr.ocr_pages(pdf[i] for i in page_indexes)))
    finally:
        pdf.close()
