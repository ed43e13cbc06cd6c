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

from ..dataset import catalog, comparison
from . import html as h

COMMUNES_PER_PAGE = 100
YEARS_FROM = 4  # a comparison row: province, district, commune, unit_code, then one cell a year


def slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.replace("Đ", "D").replace("đ", "d"))
    ascii_name = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:60] or "unit"


def compare_all(con, indicators: list[str]) -> dict[str, catalog.Comparison]:
    """catalog.compare(dataset, code) (by commune, measure 'value', full years) for each code, in
    one query over the tables rather than one per indicator: the same choice of figure and the
    same rows and columns (tests/test_report.py holds the two side by side)."""
    found, _ = comparison.picks(con, list(indicators))
    return {code: comparison.communes(found[code]) for code in indicators}


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
    # Rows are (province, district, commune, unit_code, *years): a commune is placed by its district.
    communes: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for result in tables.values():
        for r in result.rows:
            communes[r[0]][r[1] or ""].add(r[2])

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

    row_of = {code: {(r[0], r[1] or "", r[2]): r for r in result.rows} for code, result in tables.items()}
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
                years = [int(c) for c in result.columns[YEARS_FROM:]]
                parts.append(h.chart({f"{r[2]}": dict(zip(years, r[YEARS_FROM:])) for r in rows}))
                parts.append(h.table(result.columns, rows, set(range(YEARS_FROM, len(result.columns))),
                                     attrs=lambda r: f' data-province="{h.esc(r[0])}" '
                                                     f'data-district="{h.esc(r[1] or "")}"'))
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
        years = [int(c) for c in result.columns[YEARS_FROM:]]
        by_province: dict[str, list[list[float]]] = defaultdict(lambda: [[] for _ in years])
        for r in result.rows:
            for j, v in enumerate(r[YEARS_FROM:]):
                if v is not None:
                    by_province[r[0]][j].append(v)
        medians = {p: [statistics.median(vs) if vs else None for vs in cols] for p, cols in sorted(by_province.items())}
        parts.append(_heading(code, labels[code]))
        parts.append(h.chart({p or "(no province)": dict(zip(years, m)) for p, m in medians.items()}))
        rows = [(p, *[h.Raw(f"{h.num(m)} <span class=\"muted\">({len(vs)})</span>") if vs else "" for m, vs in zip(ms, by_province[p])])
                for p, ms in medians.items()]
        parts.append(h.table(["province", *result.columns[YEARS_FROM:]], rows, attrs=lambda r: f' data-province="{h.esc(r[0])}"'))
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
