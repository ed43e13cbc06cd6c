"""The report's target pages and its review page of plausibility flags.

- targets.html: across communes, how many of its targets each met (the `targets` view,
  pipeline/dataset/targets.py), each commune linking to its own table.
- targets/targets-N.html: per commune, every target with its result, status, the achieved
  ratio and the report's own percentage of plan (marked where the two disagree by more than a
  point), COMMUNES_PER_PAGE communes a page.
- flags.html (paged): every flagged figure (the `indicator_flags` view,
  pipeline/dataset/flags.py) with its flags, document and sentence.
"""
from __future__ import annotations

import hashlib
from itertools import groupby
from pathlib import Path

from ..dataset import targets
from ..dataset.flags import CODES
from . import html as h

COMMUNES_PER_PAGE = 25
SENTENCE_CHARS = 300
FLAG_MEANING = {
    "rate_over_100": "a share over 100% (lexicons/indicators.tsv max)",
    "pct_of_plan_bound": "a percentage of plan over 500% or at most 0",
    "scale_slip": "about 1,000x off the same unit's other figures (triệu/tỷ, a separator slip)",
    "change_mismatch": "a change its two values contradict",
    "ocr_doubtful": "an OCR'd figure with doubtful digits",
}
DETAIL = ("indicator", "qualifier", "year", "unit", "comparator", "target", "actual", "status",
          "achieved_pct", "pct_of_plan", "pct_disagrees", "target_doc_id", "target_source",
          "actual_doc_id", "actual_source", "comparison_unit_id", "province", "district", "locality")


def _anchor(unit: str) -> str:
    return "u" + hashlib.sha256(unit.encode("utf-8")).hexdigest()[:12]


def _doc(doc_id: str | None, path: str | None) -> object:
    return h.doc_link(doc_id, Path(path).name, depth=1) if doc_id and path else ""


def write_targets(con, folder: Path) -> int:
    """targets.html and targets/*.html; returns the number of files written."""
    tally = targets.tally(con)
    rows = con.execute(f"SELECT {', '.join(DETAIL)} FROM targets WHERE admin_level = 'commune' "
                       f"ORDER BY {targets.ORDER}").fetchall()
    col = {c: i for i, c in enumerate(DETAIL)}
    by_unit = {unit: list(group) for unit, group in groupby(
        sorted(rows, key=lambda r: (r[col["province"]] or "", r[col["district"]] or "", r[col["locality"]] or "",
                                    r[col["comparison_unit_id"]])), key=lambda r: r[col["comparison_unit_id"]])}
    units = [t[3] for t in tally]
    pages = [units[i:i + COMMUNES_PER_PAGE] for i in range(0, len(units), COMMUNES_PER_PAGE)] or [[]]
    names = [h.paged_name("targets", n + 1) for n in range(len(pages))]
    page_of = {u: names[n] for n, chunk in enumerate(pages) for u in chunk}
    (folder / "targets").mkdir(exist_ok=True)
    for n, chunk in enumerate(pages):
        nav = h.pager(names, n)
        parts = ["<h1>Targets and results, by commune</h1>", '<p><a href="../targets.html">All communes</a></p>', nav]
        for unit in chunk:
            first = by_unit[unit][0]
            name = ", ".join(x for x in (first[col["locality"]], first[col["district"]], first[col["province"]]) if x)
            parts.append(f'<h2 id="{_anchor(unit)}">{h.esc(name)}</h2>')
            parts.append(h.table(
                ["indicator", "qualifier", "year", "unit", "comparator", "target", "result", "status", "achieved %",
                 "report's % of plan", "target from", "result from"],
                [(r[col["indicator"]], r[col["qualifier"]], r[col["year"]], r[col["unit"]], r[col["comparator"]],
                  r[col["target"]], r[col["actual"]], r[col["status"]], r[col["achieved_pct"]],
                  h.Raw(f'{h.num(r[col["pct_of_plan"]])} <b title="differs from the achieved ratio by more than '
                        f'a point">≠</b>') if r[col["pct_disagrees"]] else r[col["pct_of_plan"]],
                  _doc(r[col["target_doc_id"]], r[col["target_source"]]),
                  _doc(r[col["actual_doc_id"]], r[col["actual_source"]]))
                 for r in by_unit[unit]], {2, 5, 6, 8}))
        parts.append(nav)
        (folder / "targets" / names[n]).write_text(h.page(f"chitieu: targets ({n + 1})", "".join(parts), depth=1),
                                                   encoding="utf-8")
    summary = ["<h1>Targets met, by commune</h1>",
               "<p>Each commune's targets (from its plans, resolutions and the orientation part of its reports, "
               "filed under the year they are for) against that year's full-year results; % met counts the "
               "targets that have a result. A lower rate of poverty or malnutrition is met at or below its "
               "target (lexicons/indicators.tsv <code>better</code>).</p>",
               h.table(["province", "district", "commune", "targets", "met", "not met", "no result", "% met"],
                       [(p, d, h.link(f"targets/{page_of[u]}#{_anchor(u)}", c or u), n, met, not_met, none, pct)
                        for p, d, c, u, n, met, not_met, none, pct in tally], {3, 4, 5, 6, 7},
                       attrs=lambda r: f' data-province="{h.esc(r[0] or "")}"')]
    (folder / "targets.html").write_text(h.page("chitieu: targets", "".join(summary)), encoding="utf-8")
    return len(pages) + 1


def write_flags(con, folder: Path) -> int:
    """flags.html (paged): every flagged figure; returns how many."""
    flagged = con.execute("""SELECT doc_id, source_path, locality, indicator, measure, value, unit,
            array_to_string(flags, ', '), sentence
        FROM indicator_flags WHERE len(flags) > 0
        ORDER BY source_path, char_start, char_end, indicator, measure, value, doc_id""").fetchall()
    counts = dict(con.execute("SELECT f, count(*) FROM (SELECT unnest(flags) AS f FROM indicator_flags) "
                              "GROUP BY f").fetchall())
    intro = ("<p>Figures that cannot be right as read: check each against its document before using it. "
             "<code>scale_slip</code> compares a figure with the same unit's other figures of the indicator, "
             "so it is computed over the whole dataset (the <code>indicator_flags</code> view); the others are "
             "in <code>indicators.flags</code>.</p>"
             + h.table(["flag", "meaning", "figures"], [(c, FLAG_MEANING[c], counts.get(c, 0)) for c in CODES], {2}))
    h.write_listing(folder, "flags", "Plausibility flags to review", intro,
                    ["document", "locality", "indicator", "measure", "value", "unit", "flags", "sentence"],
                    [h.row((h.doc_link(d, p), loc, i, m, v, u, f,
                            s if s is None or len(s) <= SENTENCE_CHARS else s[:SENTENCE_CHARS - 1] + "…"), {4})
                     for d, p, loc, i, m, v, u, f, s in flagged], empty="no figure is flagged")
    return len(flagged)
