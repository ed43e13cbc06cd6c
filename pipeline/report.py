"""A static HTML review site over a dataset: overview, commune comparisons, one page per document.

Opens from disk with no server and no network: styles, the charts (inline SVG) and the few
lines of script that filter tables are written into the pages. Everything that comes from a
document is escaped, so a report can never inject markup or script. The site reads the
Parquet dataset (through DuckDB) and nothing else: it is a view, kept apart from extraction.
"""
from __future__ import annotations

import html
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import catalog

MARKER = ".chitieu-report"
LOW_CONFIDENCE = 0.6
MAX_REVIEW_ROWS = 300
MEASURE_CLASS = {"value": "m-value", "target": "m-target", "pct_of_plan": "m-plan", "pct_of_prior": "m-prior",
                 "change_pct": "m-change", "change": "m-change"}

STYLE = """
body{font-family:system-ui,sans-serif;margin:0;color:#222}header{background:#12355b;color:#fff;padding:.6em 1.2em}
header a{color:#fff;margin-right:1.2em}main{padding:1em 1.5em}table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}th{background:#eef2f7}
td.num{text-align:right;font-variant-numeric:tabular-nums}.doc{display:flex;gap:1.5em}
.text{white-space:pre-wrap;max-width:60em;line-height:1.5;font-family:Georgia,serif}.side{min-width:28em;font-size:.9em}
mark{padding:0 .1em;border-radius:.2em;cursor:help}.m-value{background:#cfe8ff}.m-target{background:#ffe7b3}
.m-plan{background:#d5f5d5}.m-prior{background:#eadcff}.m-change{background:#ffd6d6}.m-award{background:#ffef8a}
.muted{color:#777}svg{background:#fafafa;border:1px solid #ddd;margin:.3em 0 1em}
"""
FILTER_SCRIPT = """
function filterRows(){const p=document.getElementById('f-province').value,d=document.getElementById('f-district').value;
document.querySelectorAll('tr[data-province]').forEach(r=>{r.style.display=((!p||r.dataset.province===p)&&(!d||r.dataset.district===d))?'':'none'})}
"""


def esc(value) -> str:
    return "" if value is None else html.escape(str(value), quote=True)


def _num(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 1e6 else f"{value:,.0f}"
    return esc(value)


def _table(columns: list[str], rows: list[tuple], numeric: set[int] = frozenset(), attrs=None) -> str:
    head = "".join(f"<th>{esc(c)}</th>" for c in columns)
    body = []
    for i, row in enumerate(rows):
        extra = attrs(row) if attrs else ""
        cells = "".join(f'<td class="num">{_num(v)}</td>' if j in numeric else f"<td>{v if isinstance(v, Raw) else esc(v)}</td>"
                        for j, v in enumerate(row))
        body.append(f"<tr{extra}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


class Raw(str):
    """Markup this module built itself (already escaped)."""


def _page(title: str, body: str, depth: int = 0) -> str:
    up = "../" * depth
    return (f"<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{esc(title)}</title>"
            f"<style>{STYLE}</style><script>{FILTER_SCRIPT}</script></head><body><header>"
            f"<a href=\"{up}index.html\">Overview</a><a href=\"{up}compare.html\">Compare communes</a>"
            f"<span class=\"muted\">chitieu</span></header><main>{body}</main></body></html>")


def _link(doc_id: str, label: str, depth: int = 0) -> Raw:
    return Raw(f'<a href="{"../" * depth}docs/{esc(doc_id)}.html">{esc(label)}</a>')


def _chart(series: dict[str, dict[int, float]], width: int = 760, height: int = 240) -> str:
    """A line chart of values over years, one line per unit, as inline SVG."""
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
    parts.append(f'<text x="4" y="{pad}" font-size="11">{_num(hi)}</text><text x="4" y="{height - pad}" font-size="11">{_num(lo)}</text>')
    for i, (name, values) in enumerate(sorted(series.items())[:8]):
        pts = [(x(yr), y(v)) for yr, v in sorted(values.items()) if v is not None]
        colour = colours[i % len(colours)]
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
                     + " ".join(f"{a:.1f},{b:.1f}" for a, b in pts) + '"/>')
        parts += [f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{colour}"><title>{esc(name)}</title></circle>' for a, b in pts]
        parts.append(f'<text x="{width - legend + 10}" y="{pad + 14 * i}" font-size="11" fill="{colour}">{esc(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class ReportSummary:
    out: Path
    documents: int


def _overview(con) -> str:
    statuses = con.execute("SELECT status, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC").fetchall()
    failures = con.execute("SELECT doc_id, source_path, status, error FROM documents WHERE status <> 'ok' "
                           "ORDER BY source_path").fetchall()
    by_unit = con.execute("""SELECT d.province, d.district, d.period_year, count(DISTINCT d.doc_id),
        (SELECT count(*) FROM indicators i WHERE i.province IS NOT DISTINCT FROM d.province
           AND i.district IS NOT DISTINCT FROM d.district AND i.period_year IS NOT DISTINCT FROM d.period_year)
        FROM documents d WHERE d.status = 'ok' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""").fetchall()
    top = con.execute("SELECT indicator, any_value(indicator_vi), count(*) FROM indicators GROUP BY 1 "
                      "ORDER BY 3 DESC, 1 LIMIT 25").fetchall()
    low = con.execute(f"""SELECT doc_id, source_path, indicator, measure, value, unit, confidence, sentence
        FROM indicators WHERE confidence < {LOW_CONFIDENCE} ORDER BY source_path, char_start LIMIT {MAX_REVIEW_ROWS}""").fetchall()
    return "".join([
        "<h1>Overview</h1><h2>Documents by status</h2>", _table(["status", "documents"], statuses, {1}),
        "<h2>Files not read, and why</h2>",
        _table(["file", "status", "reason"], [(_link(d, p), s, e) for d, p, s, e in failures]),
        "<h2>Documents and figures by province, district and year</h2>",
        _table(["province", "district", "year", "documents", "figures"], by_unit, {3, 4}),
        "<h2>Indicators found most</h2>", _table(["code", "indicator", "figures"], top, {2}),
        f"<h2>Low-confidence figures to review (confidence &lt; {LOW_CONFIDENCE})</h2>",
        _table(["document", "indicator", "measure", "value", "unit", "confidence", "sentence"],
               [(_link(d, p), i, m, v, u, c, s) for d, p, i, m, v, u, c, s in low], {3, 5}),
    ])


def _comparison(folder: Path, con, indicators: list[str]) -> str:
    provinces = [r[0] for r in con.execute("SELECT DISTINCT province FROM documents WHERE province IS NOT NULL ORDER BY 1").fetchall()]
    districts = [r[0] for r in con.execute("SELECT DISTINCT district FROM documents WHERE district IS NOT NULL ORDER BY 1").fetchall()]
    options = lambda values: "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)  # noqa: E731
    parts = ['<h1>Compare communes</h1><p>Province <select id="f-province" onchange="filterRows()"><option value="">all</option>',
             options(provinces), '</select> District <select id="f-district" onchange="filterRows()"><option value="">all</option>',
             options(districts), "</select></p>"]
    for code in indicators:
        result = catalog.compare(folder, code)
        if not result.rows:
            continue
        label = con.execute("SELECT any_value(indicator_vi), any_value(unit) FROM indicators WHERE indicator = ? "
                            "AND measure = 'value'", [code]).fetchone()
        district_of = dict(con.execute("SELECT locality, any_value(district) FROM documents GROUP BY 1").fetchall())
        years = [int(c) for c in result.columns[2:]]
        series = {f"{r[1]}": dict(zip(years, r[2:])) for r in result.rows}
        parts.append(f"<h2>{esc(label[0] if label else code)} <span class=\"muted\">({esc(code)}, {esc(label[1] if label else '')})</span></h2>")
        parts.append(_chart(series))
        parts.append(_table(result.columns, result.rows, set(range(2, len(result.columns))),
                            attrs=lambda r: f' data-province="{esc(r[0])}" data-district="{esc(district_of.get(r[1]) or "")}"'))
    return "".join(parts)


def _document(con, doc_id: str) -> tuple[str, str]:
    meta_cols = ["source_path", "status", "error", "doc_type", "doc_number", "issued_date", "title", "locality",
                 "admin_level", "district", "province", "unit_code", "period_year", "period", "signer"]
    meta = con.execute(f"SELECT {', '.join(meta_cols)} FROM documents WHERE doc_id = ? LIMIT 1", [doc_id]).fetchone()
    text_row = con.execute("SELECT text FROM texts WHERE doc_id = ? LIMIT 1", [doc_id]).fetchone()
    text = text_row[0] if text_row else ""
    figures = con.execute("""SELECT char_start, char_end, indicator, measure, value, unit, reference, confidence, extractor,
        subject FROM indicators WHERE doc_id = ? ORDER BY char_start""", [doc_id]).fetchall()
    awards = con.execute("""SELECT char_start, char_end, award, recipient, count, grantor_level, status, confidence, extractor
        FROM awards WHERE doc_id = ? ORDER BY char_start""", [doc_id]).fetchall()
    spans = [(s, e, MEASURE_CLASS.get(m, "m-value"),
              f"{ind} · {m} · {_num(v)} {u or ''}" + (f" · ref {ref}" if ref else "") + f" · conf {c:.2f} · {x}")
             for s, e, ind, m, v, u, ref, c, x, _ in figures]
    spans += [(s, e, "m-award", f"{a} · {r} · {n} · {lvl or ''} · {st} · conf {c:.2f} · {x}")
              for s, e, a, r, n, lvl, st, c, x in awards]
    spans.sort()
    out, pos = [], 0
    for start, end, cls, tip in spans:
        if start < pos or end > len(text):
            continue  # overlapping or out of range: shown in the side list only
        out.append(esc(text[pos:start]))
        out.append(f'<mark class="{cls}" title="{esc(tip)}">{esc(text[start:end])}</mark>')
        pos = end
    out.append(esc(text[pos:]))
    side = "".join([
        "<h2>Document</h2>", _table(["field", "value"], list(zip(meta_cols, meta or []))),
        "<h2>Figures</h2>", _table(["indicator", "measure", "value", "unit", "subject", "conf"],
                                   [(i, m, v, u, sub, c) for _, _, i, m, v, u, _, c, _, sub in figures], {2, 5}),
        "<h2>Awards</h2>", _table(["award", "recipient", "count", "level", "status"],
                                  [(a, r, n, lvl, st) for _, _, a, r, n, lvl, st, _, _ in awards], {2}),
    ])
    title = meta[0] if meta else doc_id
    body = f'<h1>{esc(title)}</h1><div class="doc"><div class="text">{"".join(out)}</div><div class="side">{side}</div></div>'
    return title, body


def write_report(dataset: Path, out: Path, indicators: list[str] | None = None, top: int = 8) -> ReportSummary:
    con = catalog.connect(dataset)
    staging = out.parent / f".{out.name}.staging"
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "docs").mkdir(parents=True)
    (staging / "index.html").write_text(_page("chitieu: overview", _overview(con)), encoding="utf-8")
    if not indicators:
        indicators = [r[0] for r in con.execute(
            "SELECT indicator FROM indicators WHERE indicator <> 'other' AND measure = 'value' "
            "GROUP BY 1 ORDER BY count(DISTINCT locality) DESC, count(*) DESC, 1 LIMIT ?", [top]).fetchall()]
    (staging / "compare.html").write_text(_page("chitieu: compare", _comparison(dataset, con, indicators)), encoding="utf-8")
    doc_ids = [r[0] for r in con.execute("SELECT DISTINCT doc_id FROM documents WHERE doc_id <> '' ORDER BY 1").fetchall()]
    for doc_id in doc_ids:
        title, body = _document(con, doc_id)
        (staging / "docs" / f"{doc_id}.html").write_text(_page(title, body, depth=1), encoding="utf-8")
    (staging / MARKER).write_text("written by chitieu report\n", encoding="utf-8")
    if out.exists():
        if any(out.iterdir()) and not (out / MARKER).exists():
            shutil.rmtree(staging, ignore_errors=True)
            raise FileExistsError(f"{out} holds files chitieu did not write: choose an empty or new folder for the report")
        shutil.rmtree(out)
    staging.rename(out)
    return ReportSummary(out, len(doc_ids))
