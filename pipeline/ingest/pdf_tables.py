"""Ruled tables of a PDF page, read from pdfium's path objects and text page.

A ruled table is a grid of drawn lines. The grid is rebuilt the way pdfplumber's lattice
finder does it (edges snapped and joined, their intersections, the smallest closed rectangles
between intersections as cells, cells that share corners as one table), but on pdfium's objects:
pdfplumber would first parse every character of the page through pdfminer, which measured
~25 ms per table page here against ~1 ms for this. `tests/test_pdf_tables.py` checks that both
give the same rows.
"""
from __future__ import annotations

import ctypes
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

THIN = 3.0  # points: a path object this thin is a drawn line
SNAP = 3.0  # rulings closer than this are one
JOIN = 3.0  # collinear rulings with a gap this small are one
MIN_EDGE = 3.0  # shorter strokes are glyph decorations, not rulings
_MAX_DEPTH = 15  # Form XObjects nested this deep are not looked into (pypdfium2's default)
_LINE_TO, _MOVE_TO = pdfium_c.FPDF_SEGMENT_LINETO, pdfium_c.FPDF_SEGMENT_MOVETO


@dataclass(frozen=True, slots=True)
class Table:
    """A ruled table: its box (top-down page coordinates) and its rows, merged cells as ""."""

    x0: float
    top: float
    x1: float
    bottom: float
    rows: list[tuple[str, ...]]

    def outside(self, words: list[tuple]) -> list[tuple]:
        """The words (x0, x1, top, bottom, text) whose centre is not in the table (those that
        are, are read with its cells)."""
        x0, x1, top, bottom = self.x0, self.x1, self.top, self.bottom
        return [w for w in words if not (x0 <= (w[0] + w[1]) / 2 <= x1 and top <= (w[2] + w[3]) / 2 <= bottom)]


@dataclass(frozen=True, slots=True)
class _Edge:
    pos: float  # top of a horizontal ruling, x of a vertical one
    start: float
    end: float


def _path_objects(page) -> Iterator[tuple[object, int]]:
    """(raw handle, nesting level) of the page's path objects, those inside Form XObjects too, in
    the order pypdfium2's `get_objects` gives them, from pdfium's functions directly: the helper
    object `get_objects` makes for every object of the page cost more than the rest of the table
    finder on a ruled page."""
    count, get = pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject
    yield from _objects_of(page.raw, count, get, 0)


def _objects_of(parent, count, get, level: int) -> Iterator[tuple[object, int]]:
    n_objects = count(parent)
    if n_objects < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    for i in range(n_objects):
        obj = get(parent, i)
        if not obj:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            yield obj, level
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and level < _MAX_DEPTH - 1:
            yield from _objects_of(obj, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, level + 1)
        elif kind == pdfium_c.FPDF_PAGEOBJ_UNKNOWN:
            raise pdfium.PdfiumError("Failed to determine pageobject type.")


def _bounds(obj) -> tuple[float, float, float, float]:
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        raise pdfium.PdfiumError("Failed to locate pageobject.")
    return left.value, bottom.value, right.value, top.value


def _matrix(obj) -> tuple[float, float, float, float, float, float]:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        raise pdfium.PdfiumError("Failed to get matrix of pageobject.")
    return m.a, m.b, m.c, m.d, m.e, m.f


def _object_edges(obj, level: int, height: float) -> list[tuple[bool, _Edge]]:
    """(vertical?, edge) for every straight axis-aligned stroke of one path object."""
    left, bottom, right, top = _bounds(obj)
    if right - left <= THIN or top - bottom <= THIN:  # a line, or a rectangle drawn as one
        if right - left <= THIN:
            return [(True, _Edge((left + right) / 2, height - top, height - bottom))]
        return [(False, _Edge(height - (top + bottom) / 2, left, right))]
    if level > 0:  # inside a form: its points are not in page space; the box is all we know
        return [(False, _Edge(height - top, left, right)), (False, _Edge(height - bottom, left, right)),
                (True, _Edge(left, height - top, height - bottom)), (True, _Edge(right, height - top, height - bottom))]
    a, b, c, d, e, f = _matrix(obj)
    points: list[tuple[float, float]] = []
    edges: list[tuple[bool, _Edge]] = []
    first: tuple[float, float] | None = None
    x, y = pdfium_c.FS_FLOAT(), pdfium_c.FS_FLOAT()
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e, height - (b * x.value + d * y.value + f))
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == _LINE_TO and points:
            edges.extend(_stroke(points[-1], point))
        elif kind == _MOVE_TO:
            first = point
        points.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and first is not None:
            edges.extend(_stroke(point, first))
    return edges


def _stroke(p: tuple[float, float], q: tuple[float, float]) -> list[tuple[bool, _Edge]]:
    (x0, y0), (x1, y1) = p, q
    if abs(x0 - x1) < 1 and abs(y0 - y1) >= MIN_EDGE:
        return [(True, _Edge((x0 + x1) / 2, min(y0, y1), max(y0, y1)))]
    if abs(y0 - y1) < 1 and abs(x0 - x1) >= MIN_EDGE:
        return [(False, _Edge((y0 + y1) / 2, min(x0, x1), max(x0, x1)))]
    return []


def _merged(edges: list[_Edge]) -> list[_Edge]:
    """Snap near-equal positions together, then join collinear edges that touch."""
    out: list[_Edge] = []
    groups: list[list[_Edge]] = []
    for edge in sorted(edges, key=lambda e: e.pos):
        if groups and edge.pos - groups[-1][0].pos <= SNAP:
            groups[-1].append(edge)
        else:
            groups.append([edge])
    for group in groups:
        pos = sum(e.pos for e in group) / len(group)
        spans = sorted((e.start, e.end) for e in group)
        start, end = spans[0]
        for s, t in spans[1:]:
            if s <= end + JOIN:
                end = max(end, t)
            else:
                out.append(_Edge(pos, start, end))
                start, end = s, t
        out.append(_Edge(pos, start, end))
    return out


def _cells(horizontal: list[_Edge], vertical: list[_Edge]) -> list[tuple[float, float, float, float]]:
    """Smallest rectangles whose four corners are intersections joined by rulings."""
    tol = SNAP
    corners: dict[tuple[float, float], tuple[int, int]] = {}
    for hi, h in enumerate(horizontal):
        for vi, v in enumerate(vertical):
            if v.start - tol <= h.pos <= v.end + tol and h.start - tol <= v.pos <= h.end + tol:
                corners[(v.pos, h.pos)] = (hi, vi)
    on_h: dict[int, list[float]] = defaultdict(list)  # x of the corners along each horizontal
    on_v: dict[int, list[float]] = defaultdict(list)  # y of the corners along each vertical
    for (x, y), (hi, vi) in corners.items():
        on_h[hi].append(x)
        on_v[vi].append(y)
    for xs in (*on_h.values(), *on_v.values()):
        xs.sort()
    cells = []
    for (x, y), (hi, vi) in sorted(corners.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        rights = on_h[hi][bisect_left(on_h[hi], x) + 1:]
        belows = on_v[vi][bisect_left(on_v[vi], y) + 1:]
        found = None
        for right in rights:
            for below in belows:
                corner = corners.get((right, below))
                if corner and corner[1] == corners[(right, y)][1] and corner[0] == corners[(x, below)][0]:
                    found = (x, y, right, below)
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _grouped(cells: list[tuple[float, float, float, float]]) -> list[list[tuple[float, float, float, float]]]:
    """Cells sharing a corner belong to one table."""
    parent: dict[tuple[float, float], tuple[float, float]] = {}

    def root(p):
        while parent.setdefault(p, p) != p:
            p = parent[p]
        return p

    for x0, y0, x1, y1 in cells:
        corners = [(x0, y0), (x1, y0), (x0, y1), (x1, y1)]
        for corner in corners[1:]:
            parent[root(corner)] = root(corners[0])
    tables: dict[tuple[float, float], list] = defaultdict(list)
    for cell in cells:
        tables[root((cell[0], cell[1]))].append(cell)
    return sorted(tables.values(), key=lambda group: (min(c[1] for c in group), min(c[0] for c in group)))


def _cell_text(textpage, height: float, x0: float, top: float, x1: float, bottom: float) -> str:
    text = textpage.get_text_bounded(x0, height - bottom, x1, height - top)
    return "\n".join(" ".join(line.split()) for line in text.replace("\r", "\n").split("\n") if line.strip())


def ruled_tables(page, textpage, min_rows: int = 2, min_cols: int = 2) -> list[Table]:
    """Tables of at least `min_rows` non-empty rows and `min_cols` columns on one page."""
    height = page.get_height()
    horizontal, vertical = [], []
    for obj, level in _path_objects(page):
        for is_vertical, edge in _object_edges(obj, level, height):
            (vertical if is_vertical else horizontal).append(edge)
    tables = []
    for group in _grouped(_cells(_merged(horizontal), _merged(vertical))):
        xs = sorted({c[0] for c in group})
        by_top: dict[float, dict[float, str]] = defaultdict(dict)
        for x0, top, x1, bottom in group:
            by_top[top][x0] = _cell_text(textpage, height, x0, top, x1, bottom)
        rows = [tuple(by_top[top].get(x, "") for x in xs) for top in sorted(by_top)]
        rows = [r for r in rows if any(c.strip() for c in r)]
        if len(rows) >= min_rows and len(xs) >= min_cols:
            tables.append(Table(min(c[0] for c in group), min(c[1] for c in group),
                                max(c[2] for c in group), max(c[3] for c in group), rows))
    return tables
