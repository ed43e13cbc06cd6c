"""A static HTML review site over a dataset: overview, commune comparisons, one page per document.

Opens from disk with no server and no network: styles, the charts (inline SVG) and the few
lines of script that filter tables are written into the pages. Everything that comes from a
document is escaped, so a report can never inject markup or script. The site reads the
Parquet dataset (through DuckDB) and nothing else: it is a view, kept apart from extraction.

It stays quick and its pages small however large the dataset: the document pages come from one
pass over the tables (documents), long lists (documents, files not read, figures to review,
units) are paged with links to the previous and next page, the comparisons are split per
province and district (compare), targets against results and the plausibility flags have pages
of their own (report/targets.py), and no page's body passes PAGE_BYTES. Pages carry no
time stamp and every query has a full order, so the same dataset gives the same files.
"""
from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..dataset import catalog
from .compare import write_comparison
from .targets import write_flags, write_targets
from .documents import MEASURE_CLASS, write_document_pages  # noqa: F401  (MEASURE_CLASS: the colours' key)
from .html import Raw, chart, doc_link, esc, link, page, row, table, write_listing  # noqa: F401  (chart, esc: for callers)

MARKER = ".chitieu-report"
LOW_CONFIDENCE = 0.6
OVERVIEW_ROWS = 20  # rows of a long list shown on the overview, the rest on its own pages
REVIEW_PER_PAGE = 100
SENTENCE_CHARS = 300  # of a figure's sentence in the review list (the document's page shows it all)


@dataclass(frozen=True, slots=True)
class ReportSummary:
    out: Path
    documents: int
    files: int = 0
    bytes: int = 0
    largest: int = 0
    largest_page: str = ""


def _more(rows: list, total: int, href: str, what: str) -> str:
    if total <= len(rows):
        return ""
    return f'<p>{len(rows)} of {total} shown: {link(href, f"all {total} {what}")}</p>'


def _clip(text: str | None, limit: int = SENTENCE_CHARS) -> str | None:
    return text if text is None or len(text) <= limit else text[:limit - 1] + "…"


def _listings(con, folder: Path) -> dict[str, int]:
    """documents*.html, failures*.html, review*.html and units*.html; returns each list's length."""
    docs = con.execute("""SELECT doc_id, source_path, status, doc_type, locality, district, province, period_year,
            n_indicators, n_awards, error,
            doc_id <> '' AND row_number() OVER (PARTITION BY doc_id ORDER BY (status = 'ok') DESC, source_path) = 1
        FROM documents ORDER BY source_path, doc_id""").fetchall()
    write_listing(folder, "documents", "Documents",
                  "<p>Every file of the dataset by path; each document links to its page (a copy of a file "
                  "is listed without a link: it shows the page of the file it copies).</p>",
                  ["file", "status", "kind", "locality", "district", "province", "year", "figures", "awards", "reason"],
                  [row((doc_link(d, p) if page_owner else p, st, kind, loc, dist, prov, year, ni, na, _clip(err)), {7, 8})
                   for d, p, st, kind, loc, dist, prov, year, ni, na, err, page_owner in docs])
    failures = [r for r in docs if r[2] != "ok"]
    write_listing(folder, "failures", "Files not read, and why", "",
                  ["file", "status", "reason"],
                  [row((doc_link(d, p) if d else p, st, _clip(err))) for d, p, st, *_, err, _ in failures])
    review = con.execute(f"""SELECT doc_id, source_path, indicator, measure, value, unit, confidence, sentence
        FROM indicators WHERE confidence < {LOW_CONFIDENCE}
        ORDER BY source_path, char_start, char_end, indicator, measure, value, doc_id""").fetchall()
    write_listing(folder, "review", f"Low-confidence figures to review (confidence < {LOW_CONFIDENCE})", "",
                  ["document", "indicator", "measure", "value", "unit", "confidence", "sentence"],
                  [row((doc_link(d, p), i, m, v, u, c, _clip(s)), {3, 5}) for d, p, i, m, v, u, c, s in review],
                  max_rows=REVIEW_PER_PAGE)
    units = _units(con, "province, district, period_year")
    write_listing(folder, "units", "Documents and figures by province, district and year", "",
                  ["province", "district", "year", "documents", "figures"], [row(r, {3, 4}) for r in units])
    return {"documents": len(docs), "failures": len(failures), "review": len(review), "units": len(units)}


def _units(con, keys: str) -> list[tuple]:
    on = " AND ".join(f"d.{k} IS NOT DISTINCT FROM f.{k}" for k in keys.split(", "))
    return con.execute(f"""WITH d AS (SELECT {keys}, count(DISTINCT doc_id) AS n FROM documents WHERE status = 'ok' AND duplicate_of IS NULL GROUP BY ALL),
        f AS (SELECT {keys}, count(*) AS n FROM indicators GROUP BY ALL)
        SELECT {', '.join(f'd.{k}' for k in keys.split(', '))}, d.n, coalesce(f.n, 0)
        FROM d LEFT JOIN f ON {on} ORDER BY {', '.join(str(i + 1) for i in range(len(keys.split(', '))))}""").fetchall()


def _by_year(rows: list[tuple]) -> str:
    """(province, year, documents, figures) rows as provinces × years: "documents (figures)"."""
    years = sorted({r[1] for r in rows if r[1] is not None}) + ([None] if any(r[1] is None for r in rows) else [])
    cells: dict = {}
    for province, year, n_docs, n_figures in rows:
        cells.setdefault(province, {})[year] = Raw(f'{n_docs:,} <span class="muted">({n_figures:,})</span>')
    header = ["province", *[str(y) if y is not None else "no year" for y in years]]
    return ('<p class="muted">documents read (figures)</p>'
            + table(header, [(p or "(no province)", *[cells[p].get(y, "") for y in years]) for p in cells]))


def _overview(con, counts: dict[str, int]) -> str:
    statuses = con.execute("""SELECT CASE WHEN duplicate_of IS NOT NULL THEN status || ' (a copy of another file: not counted)'
        ELSE status END, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1""").fetchall()
    failures = con.execute(f"""SELECT doc_id, source_path, status, error FROM documents WHERE status <> 'ok'
        ORDER BY source_path, doc_id LIMIT {OVERVIEW_ROWS}""").fetchall()
    by_province = _units(con, "province, period_year")
    top = con.execute("SELECT indicator, min(indicator_vi), count(*) FROM indicators GROUP BY 1 "
                      "ORDER BY 3 DESC, 1 LIMIT 25").fetchall()
    low = con.execute(f"""SELECT doc_id, source_path, indicator, measure, value, unit, confidence, sentence
        FROM indicators WHERE confidence < {LOW_CONFIDENCE}
        ORDER BY source_path, char_start, char_end, indicator, measure, value, doc_id LIMIT {OVERVIEW_ROWS}""").fetchall()
    return "".join([
        "<h1>Overview</h1><h2>Documents by status</h2>", table(["status", "documents"], statuses, {1}),
        "<p>", link("documents.html", f"All {counts['documents']} files, with a link to each document"), "</p>",
        "<h2>Files not read, and why</h2>",
        table(["file", "status", "reason"], [(doc_link(d, p) if d else p, s, _clip(e)) for d, p, s, e in failures])
        if failures else "<p>Every file was read.</p>",
        _more(failures, counts["failures"], "failures.html", "files not read"),
        "<h2>Documents and figures by province and year</h2>", _by_year(by_province),
        f"<p>{link('units.html', 'By province, district and year')}</p>",
        "<h2>Indicators found most</h2>", table(["code", "indicator", "figures"], top, {2}),
        f"<h2>Low-confidence figures to review (confidence &lt; {LOW_CONFIDENCE})</h2>",
        table(["document", "indicator", "measure", "value", "unit", "confidence", "sentence"],
              [(doc_link(d, p), i, m, v, u, c, _clip(s)) for d, p, i, m, v, u, c, s in low], {3, 5}),
        _more(low, counts["review"], "review.html", "figures to review"),
    ])


def _check(out: Path) -> None:
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise FileExistsError(f"{out} holds files chitieu did not write: choose an empty or new folder for the report")


def _summary_pages(con, staging: Path, indicators: list[str] | None, top: int) -> None:
    """The overview, the listings and the comparisons (on a cursor of their own: they run in a thread)."""
    counts = _listings(con, staging)
    (staging / "index.html").write_text(page("chitieu: overview", _overview(con, counts)), encoding="utf-8")
    if not indicators:
        indicators = [r[0] for r in con.execute(
            "SELECT indicator FROM indicators WHERE indicator <> 'other' AND measure = 'value' "
            "GROUP BY 1 ORDER BY count(DISTINCT locality) DESC, count(*) DESC, 1 LIMIT ?", [top]).fetchall()]
    write_comparison(con, indicators, staging)
    write_targets(con, staging)
    write_flags(con, staging)


def write_report(dataset: Path, out: Path, indicators: list[str] | None = None, top: int = 8) -> ReportSummary:
    """Write the site into a staging folder beside `out`, then put it in place of `out` as a whole."""
    _check(out)
    con = catalog.connect(dataset)
    staging = out.parent / f".{out.name}.staging"
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "docs").mkdir(parents=True)
    try:
        # The summary pages are mostly DuckDB work, which leaves the interpreter free: they run in a
        # thread beside the document pages (mostly Python), so the two use both cores.
        with ThreadPoolExecutor(1) as pool:
            summary_pages = pool.submit(_summary_pages, con.cursor(), staging, indicators, top)
            documents, _ = write_document_pages(con, dataset, staging / "docs")
            summary_pages.result()
        con.close()
        (staging / MARKER).write_text("written by chitieu report\n", encoding="utf-8")
        pages = [(p.stat().st_size, p.relative_to(staging).as_posix()) for p in staging.rglob("*.html")]
        _check(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)
    largest = max(pages, default=(0, ""))
    return ReportSummary(out, documents, len(pages), sum(s for s, _ in pages), largest[0], largest[1])
