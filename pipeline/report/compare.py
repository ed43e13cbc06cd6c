"""The report's commune comparisons: a summary page by province, and communes × years split per
province and, where a province has many communes, into pages of whole districts.

compare.html holds, for each indicator, the median of the communes' latest figures by province
and year (chart and table) and links to the commune pages compare/<province>.html,
compare/<province>-2.html ... Each of those holds at most COMMUNES_PER_PAGE communes (a page
ends between districts unless one district alone is larger), so a page stays small however many
communes the dataset covers.
"""
from __future__ import annotations

import re
import statistics
import unicodedata
from collections import defaultdict
from pathlib import Path

from ..dataset import catalog
from . import html as h

COMMUNES_PER_PAGE = 100


def slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.replace("Đ", "D").replace("đ", "d"))
    ascii_name = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:60] or "unit"


def compare_all(con, indicators: list[str]) -> dict[str, catalog.Comparison]:
    """catalog.compare(dataset, code) (by commune, measure 'value', every year) for each code, in
    one query over the tables rather than one per indicator: the same choice of figure (the
    document issued last wins; within it, the first figure) and the same rows and columns
    (tests/test_report.py holds the two side by side)."""
    rows = con.execute(f"""
        SELECT i.indicator, i.province, i.locality, i.period_year, i.value
        FROM indicators i JOIN documents d USING (doc_id)
        WHERE i.indicator IN (SELECT unnest(?::VARCHAR[])) AND i.measure = 'value' AND d.status = 'ok'
          AND i.{catalog.CURRENT_PERIOD}
          AND i.locality IS NOT NULL AND i.period_year IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY i.indicator, i.province, i.locality, i.period_year
                                   ORDER BY d.issued_date DESC NULLS LAST, i.source_path, i.char_start) = 1
        ORDER BY 1, 2, 3, 4""", [list(indicators)]).fetchall()
    found: dict[str, list[tuple]] = {code: [] for code in indicators}
    for code, *row in rows:
        found[code].append(tuple(row))
    result = {}
    for code in indicators:
        years = sorted({r[2] for r in found[code]})
        table: dict[tuple[str, str], dict[int, float]] = {}
        for province, name, year, value in found[code]:
            table.setdefault((province or "", name), {})[year] = value
        result[code] = catalog.Comparison(["province", "commune"] + [str(y) for y in years],
                                          [(p, n, *[v.get(y) for y in years]) for (p, n), v in sorted(table.items())])
    return result


def _options(values) -> str:
    return "".join(f'<option value="{h.esc(v)}">{h.esc(v)}</option>' for v in values)


def _filters(provinces, districts) -> str:
    return ('<p>Province <select id="f-province" onchange="filterRows()"><option value="">all</option>'
            f'{_options(provinces)}</select> District <select id="f-district" onchange="filterRows()">'
            f'<option value="">all</option>{_options(districts)}</select></p>')


def _district_pages(districts: list[tuple[str, int]]) -> list[list[str]]:
    """Districts (name, communes) packed in order into pages of at most COMMUNES_PER_PAGE communes;
    a district larger than that is the only one on its pages (the caller cuts its rows)."""
    pages: list[list[str]] = []
    current: list[str] = []
    count = 0
    for name, n in districts:
        if current and count + n > COMMUNES_PER_PAGE:
            pages.append(current)
            current, count = [], 0
        current.append(name)
        count += n
    if current:
        pages.append(current)
    return pages


def write_comparison(con, indicators: list[str], folder: Path) -> int:
    """compare.html and the pages under compare/; returns the number of files written."""
    tables = {code: result for code, result in compare_all(con, indicators).items() if result.rows}
    labels = {code: con.execute("SELECT min(indicator_vi), min(unit) FROM indicators WHERE indicator = ? "
                                "AND measure = 'value'", [code]).fetchone() for code in tables}
    # The district of a commune, for the filter and the pages (the first name, where a dataset disagrees).
    district_of = {(p or "", l): d for p, l, d in con.execute(
        "SELECT province, locality, min(district) FROM documents WHERE locality IS NOT NULL GROUP BY 1, 2").fetchall()}
    communes: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for result in tables.values():
        for r in result.rows:
            communes[r[0]][district_of.get((r[0], r[1])) or ""].add(r[1])

    # The commune pages: province by province, whole districts per page where they fit.
    runs: list[tuple[str, str, list[tuple[str, list[tuple[str, str]]]]]] = []  # (province, stem, pages)
    stems: set[str] = set()
    for province in sorted(communes):
        stem = slug(province or "no-province")
        while stem in stems:
            stem += "-x"
        stems.add(stem)
        pages = []
        for names in _district_pages([(d, len(c)) for d, c in sorted(communes[province].items())]):
            units = [(d, c) for d in names for c in sorted(communes[province][d])]
            for i in range(0, len(units), COMMUNES_PER_PAGE):
                pages.append((", ".join(dict.fromkeys(d or "(no district)" for d, _ in units[i:i + COMMUNES_PER_PAGE])),
                              units[i:i + COMMUNES_PER_PAGE]))
        runs.append((province, stem, pages))

    row_of = {code: {(r[0], district_of.get((r[0], r[1])) or "", r[1]): r for r in result.rows}
              for code, result in tables.items()}
    (folder / "compare").mkdir(exist_ok=True)
    files = 0
    for province, stem, pages in runs:
        names = [h.paged_name(stem, n + 1) for n in range(len(pages))]
        for n, (label, units) in enumerate(pages):
            nav = h.pager(names, n)
            parts = [f"<h1>Compare communes: {h.esc(province or '(no province)')}</h1>",
                     f'<p><a href="../compare.html">All provinces</a> · districts on this page: {h.esc(label)}</p>', nav,
                     _filters([province], sorted({d for d, _ in units if d}))]
            for code, result in tables.items():
                rows = [row_of[code][key] for key in ((province, d, c) for d, c in units) if key in row_of[code]]
                if not rows:
                    continue
                parts.append(_heading(code, labels[code]))
                years = [int(c) for c in result.columns[2:]]
                parts.append(h.chart({f"{r[1]}": dict(zip(years, r[2:])) for r in rows}))
                parts.append(h.table(result.columns, rows, set(range(2, len(result.columns))),
                                     attrs=lambda r: f' data-province="{h.esc(r[0])}" '
                                                     f'data-district="{h.esc(district_of.get((r[0], r[1])) or "")}"'))
            parts.append(nav)
            title = f"chitieu: compare {province}" + (f" ({n + 1})" if n else "")
            (folder / "compare" / names[n]).write_text(h.page(title, "".join(parts), depth=1), encoding="utf-8")
            files += 1

    # The summary: the median commune of each province and year, and where every commune is.
    parts = ["<h1>Compare communes</h1>",
             "<p>For each indicator, the median of the communes' latest figures by province and year "
             "(number of communes in brackets); each province's communes, year by year, are on the pages "
             "listed below.</p>", _filters(sorted(p for p in communes if p), [])]
    for code, result in tables.items():
        years = [int(c) for c in result.columns[2:]]
        by_province: dict[str, list[list[float]]] = defaultdict(lambda: [[] for _ in years])
        for r in result.rows:
            for j, v in enumerate(r[2:]):
                if v is not None:
                    by_province[r[0]][j].append(v)
        medians = {p: [statistics.median(vs) if vs else None for vs in cols] for p, cols in sorted(by_province.items())}
        parts.append(_heading(code, labels[code]))
        parts.append(h.chart({p or "(no province)": dict(zip(years, m)) for p, m in medians.items()}))
        rows = [(p, *[h.Raw(f"{h.num(m)} <span class=\"muted\">({len(vs)})</span>") if vs else "" for m, vs in zip(ms, by_province[p])])
                for p, ms in medians.items()]
        parts.append(h.table(["province", *result.columns[2:]], rows, attrs=lambda r: f' data-province="{h.esc(r[0])}"'))
    parts.append("<h2>Communes by province and district</h2>")
    rows = []
    for province, stem, pages in runs:
        for n, (label, units) in enumerate(pages):
            rows.append((province or "(no province)", h.link(f"compare/{h.paged_name(stem, n + 1)}", label), len(units)))
    parts.append(h.table(["province", "districts", "communes"], rows, {2}, attrs=lambda r: f' data-province="{h.esc(r[0])}"'))
    (folder / "compare.html").write_text(h.page("chitieu: compare", "".join(parts)), encoding="utf-8")
    return files + 1


def _heading(code: str, label) -> str:
    return (f"<h2>{h.esc(label[0] if label and label[0] else code)} "
            f"<span class=\"muted\">({h.esc(code)}, {h.esc(label[1] if label else '')})</span></h2>")
