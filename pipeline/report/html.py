"""The report's HTML pieces: escaping, tables, the page frame, inline SVG charts, paged listings.

Every value that comes from a dataset goes through `esc`; markup this package builds itself is
a `Raw` string. Page size is bounded here: a listing is cut into pages by row count and by bytes
(`chunks`), and every page links to its neighbours.
"""
from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ..notation import vi_number

# A page's body stays under PAGE_BYTES; the frame (style, script, header) adds about 2 KB, so
# no page reaches 1 MB. Listings also stop at a number of rows, for a page that reads quickly.
PAGE_BYTES = 600_000
ROWS_PER_PAGE = 200

STYLE = """
body{font-family:system-ui,sans-serif;margin:0;color:#222}header{background:#12355b;color:#fff;padding:.6em 1.2em}
header a{color:#fff;margin-right:1.2em}main{padding:1em 1.5em}table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}th{background:#eef2f7}
td.num{text-align:right;font-variant-numeric:tabular-nums}.doc{display:flex;gap:1.5em}
.text{white-space:pre-wrap;max-width:60em;line-height:1.5;font-family:Georgia,serif}.side{min-width:28em;font-size:.9em}
mark{padding:0 .1em;border-radius:.2em;cursor:help}.m-value{background:#cfe8ff}.m-target{background:#ffe7b3}
.m-plan{background:#d5f5d5}.m-prior{background:#eadcff}.m-change{background:#ffd6d6}.m-award{background:#ffef8a}
.muted{color:#777}svg{background:#fafafa;border:1px solid #ddd;margin:.3em 0 1em}
nav.pages{margin:.6em 0;line-height:1.8}nav.pages a,nav.pages b{margin-right:.5em}
"""
FILTER_SCRIPT = """
function filterRows(){const p=document.getElementById('f-province').value,d=document.getElementById('f-district').value;
document.querySelectorAll('tr[data-province]').forEach(r=>{r.style.display=((!p||r.dataset.province===p)&&(!d||r.dataset.district===d))?'':'none'})}
"""


class Raw(str):
    """Markup this package built itself (already escaped)."""


def esc(value) -> str:
    return "" if value is None else html.escape(str(value), quote=True)


def num(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return vi_number(value, 2 if abs(value) < 1e6 else 0)
    return esc(value)


def size(markup: str) -> int:
    """Bytes the markup takes on disk (UTF-8)."""
    return len(markup.encode("utf-8"))


def row(values: Sequence, numeric: set[int] = frozenset(), extra: str = "") -> str:
    cells = "".join(f'<td class="num">{num(v)}</td>' if j in numeric else f"<td>{v if isinstance(v, Raw) else esc(v)}</td>"
                    for j, v in enumerate(values))
    return f"<tr{extra}>{cells}</tr>"


def table_of(columns: Sequence[str], rows: Iterable[str]) -> str:
    """A table of rows already rendered with `row`."""
    head = "".join(f"<th>{esc(c)}</th>" for c in columns)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def table(columns: Sequence[str], rows: Iterable[Sequence], numeric: set[int] = frozenset(),
          attrs: Callable[[Sequence], str] | None = None) -> str:
    return table_of(columns, (row(r, numeric, attrs(r) if attrs else "") for r in rows))


def page(title: str, body: str, depth: int = 0) -> str:
    up = "../" * depth
    return (f"<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{esc(title)}</title>"
            f"<style>{STYLE}</style><script>{FILTER_SCRIPT}</script></head><body><header>"
            f"<a href=\"{up}index.html\">Overview</a><a href=\"{up}documents.html\">Documents</a>"
            f"<a href=\"{up}compare.html\">Compare communes</a><a href=\"{up}review.html\">Review</a>"
            f"<a href=\"{up}targets.html\">Targets</a><a href=\"{up}flags.html\">Flags</a>"
            f"<span class=\"muted\">chitieu</span></header><main>{body}</main></body></html>")


_SAFE_NAME = re.compile(r"[0-9A-Za-z_-]{1,64}")


def doc_file(doc_id: str, part: int = 1) -> str:
    """The file name of a document's page (its first part unless `part` > 1), inside docs/.

    doc_ids are hex digests; anything else (a hand-made dataset) is hashed, so a doc_id can
    never name a path outside the folder."""
    name = doc_id if _SAFE_NAME.fullmatch(doc_id) else "x" + hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:16]
    return f"{name}.html" if part == 1 else f"{name}-{part}.html"


def link(href: str, label) -> Raw:
    return Raw(f'<a href="{esc(href)}">{esc(label)}</a>')


def doc_link(doc_id: str, label, depth: int = 0) -> Raw:
    return link(f"{'../' * depth}docs/{doc_file(doc_id)}", label)


def paged_name(stem: str, number: int) -> str:
    """stem.html, stem-2.html, stem-3.html ..."""
    return f"{stem}.html" if number == 1 else f"{stem}-{number}.html"


def pager(names: Sequence[str], current: int, label: str = "Page") -> str:
    """Links to the previous, next and every page of a run of pages (`current` counts from 0)."""
    if len(names) <= 1:
        return ""
    parts = [f"{esc(label)} {current + 1} of {len(names)}:"]
    parts.append(f'<a href="{esc(names[current - 1])}" rel="prev">‹ previous</a>' if current > 0 else "")
    parts.append(f'<a href="{esc(names[current + 1])}" rel="next">next ›</a>' if current + 1 < len(names) else "")
    parts += [f"<b>{i + 1}</b>" if i == current else f'<a href="{esc(n)}">{i + 1}</a>' for i, n in enumerate(names)]
    return f'<nav class="pages">{" ".join(p for p in parts if p)}</nav>'


def chunks(sizes: Sequence[int], max_rows: int, max_bytes: int) -> list[range]:
    """Cut a run of items (their sizes in bytes) into consecutive pages of at most `max_rows`
    items and `max_bytes` bytes (an item larger than that gets a page of its own)."""
    pages: list[range] = []
    start, total = 0, 0
    for i, n in enumerate(sizes):
        if i > start and (i - start >= max_rows or total + n > max_bytes):
            pages.append(range(start, i))
            start, total = i, 0
        total += n
    if start < len(sizes) or not pages:
        pages.append(range(start, len(sizes)))
    return pages


def write_listing(folder: Path, stem: str, title: str, intro: str, columns: Sequence[str], rows: Sequence[str],
                  max_rows: int | None = None, empty: str = "none") -> list[str]:
    """A listing (rows rendered with `row`) over as many pages as it needs: stem.html, stem-2.html ...
    Returns the file names written."""
    ranges = chunks([size(r) for r in rows], max_rows or ROWS_PER_PAGE, PAGE_BYTES)
    names = [paged_name(stem, i + 1) for i in range(len(ranges))]
    for i, (name, span) in enumerate(zip(names, ranges)):
        nav = pager(names, i)
        shown = (f'<p class="muted">{span.start + 1}–{span.stop} of {len(rows)}</p>' if rows
                 else f'<p class="muted">{esc(empty)}</p>')
        body = f"<h1>{esc(title)}</h1>{intro}{nav}{shown}{table_of(columns, rows[span.start:span.stop])}{nav}"
        (folder / name).write_text(page(f"chitieu: {title}" + (f" ({i + 1})" if i else ""), body), encoding="utf-8")
    return names


def chart(series: dict[str, dict[int, float]], width: int = 760, height: int = 240) -> str:
    """A line chart of values over years, one line per unit (the first 8 by name), as inline SVG."""
    points = [(y, v) for s in series.values() for y, v in s.items() if v is not None]
    if not points:
        return ""
    years = sorted({y for y, _ in points})
    lo, hi = min(v for _, v in points), max(v for _, v in points)
    hi = hi if hi > lo else lo + 1
    pad, legend = 40, 150

    def x(year: int) -> float:
        return pad + 50 + (width - 2 * pad - 50 - legend) * (years.index(year) / max(1, len(years) - 1))

    def y(value: float) -> float:
        return height - pad - (height - 2 * pad) * ((value - lo) / (hi - lo))

    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
    parts = [f'<svg width="{width}" height="{height}" role="img">']
    for year in years:
        parts.append(f'<text x="{x(year):.0f}" y="{height - 12}" font-size="11" text-anchor="middle">{year}</text>')
    parts.append(f'<text x="4" y="{pad}" font-size="11">{num(hi)}</text><text x="4" y="{height - pad}" font-size="11">{num(lo)}</text>')
    for i, (name, values) in enumerate(sorted(series.items())[:8]):
        pts = [(x(yr), y(v)) for yr, v in sorted(values.items()) if v is not None]
        colour = colours[i % len(colours)]
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
                     + " ".join(f"{a:.1f},{b:.1f}" for a, b in pts) + '"/>')
        parts += [f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{colour}"><title>{esc(name)}</title></circle>' for a, b in pts]
        parts.append(f'<text x="{width - legend + 10}" y="{pad + 14 * i}" font-size="11" fill="{colour}">{esc(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)
