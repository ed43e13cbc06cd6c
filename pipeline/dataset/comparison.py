"""One indicator across units (rows) and years (columns): what `chitieu compare`, the notebook
and the report's comparisons show. An analyst reads these tables as facts, so each cell says
only what the texts say:

- **a unit is its code.** Rows are keyed by the official unit (`unit_code`), or, for a unit the
  gazetteer did not resolve, by its province, district and name together: two communes of one
  name stay two rows. Each cell is the figure of the document issued last for that unit and
  year (within it, the first figure). Copies of a report (`duplicate_of`) are not counted: the
  catalog's views leave them out.
- **a district is a district.** `by="district"` takes a district's figure from a district-level
  report; where there is none, from the sum of its communes' figures, but only for amounts and
  counts (`lexicons/aggregation.tsv`: never a rate, an average or a per-hectare figure), and the
  `from` column says which cells are sums and of how many communes. Otherwise the cell is empty.
  Never one commune's figure under its district's name. `by="province"` likewise.
- **a year is a full year.** Only figures of documents of the `period` asked (default `year`;
  a 6-month report is `H1`) are shown; `period="any"` shows every period, each on a row of its
  own. What was left out is counted in `notes`.
- **a target is for its year.** `measure="target"` files targets under `target_year` (the year
  they are for), not under the year of the report that states them.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..lexicon import lexicon_cache, table

LEVELS = ("commune", "district", "province")
SUMMED_MEASURES = frozenset({"value", "target", "change"})
PERIODS = ("year", "H1", "H2", "Q1", "Q2", "Q3", "Q4", "9M", *(f"M{m:02d}" for m in range(1, 13)), "any")


@dataclass(frozen=True, slots=True)
class Comparison:
    columns: list[str]
    rows: list[tuple]
    notes: tuple[str, ...] = ()  # what was left out or summed, in words
    unit: str | None = None  # the unit of every cell (VND, percent, count ...), where they share one


@dataclass(frozen=True, slots=True)
class Pick:
    """The figure chosen for one unit, period and year."""

    admin_level: str
    province: str | None
    district: str | None
    name: str
    code: str | None
    period: str
    year: int
    value: float
    unit: str


@lexicon_cache
def _aggregation() -> dict[str, str]:
    return {r["key"]: r["how"] for r in table("aggregation")}


@lexicon_cache
def _catalogue_units() -> dict[str, str]:
    return {r["code"]: r["unit"] for r in table("indicators") if r.get("unit")}


def _own_unit(indicators: list[str], measure: str) -> tuple[str, list]:
    """SQL (and its parameters) true of a figure in its indicator's own unit. A value, target or
    change of an amount is compared only in the catalogue's unit: "phấn đấu thu ngân sách đạt
    100% dự toán" is a target of budget_revenue in percent, and 100 beside 8.000.000.000 đồng in
    one column reads as 100 đồng. Other measures are percentages of anything."""
    units = _catalogue_units()
    own = [(code, units[code]) for code in indicators if code in units] if measure in SUMMED_MEASURES else []
    if not own:
        return "TRUE", []
    return ("i.unit = CASE i.indicator " + " ".join("WHEN ? THEN ?" for _ in own) + " ELSE i.unit END",
            [x for pair in own for x in pair])


# "từ 4,1% xuống 3,2%": the 4,1% is the prior period's (`period_ref` = 'prior'); views and
# comparisons show the period the document is about.
CURRENT_PERIOD = "period_ref IS DISTINCT FROM 'prior'"


def additive(indicator: str, measure: str, units: set[str]) -> bool:
    """Do communes' figures of this indicator add up to their district's?"""
    how = _aggregation()
    return (measure in SUMMED_MEASURES and indicator != "other" and how.get(indicator) != "none"
            and bool(units) and all(how.get(u) == "sum" for u in units))


def picks(con, indicators: list[str], measure: str = "value", period: str = "year",
          years: tuple[int, int] | None = None) -> tuple[dict[str, list[Pick]], dict[str, dict[str, int]]]:
    """Per indicator, the chosen figure of each unit, period and year; and per indicator, how
    many figures of other periods, targets of no known year and figures in another unit than the
    indicator's were left out."""
    year = "i.target_year" if measure == "target" else "i.period_year"
    where = ["i.indicator IN (SELECT unnest(?::VARCHAR[]))", "i.measure = ?", "d.status = 'ok'",
             "i.locality IS NOT NULL", "i.admin_level IN ('commune', 'district', 'province')", f"i.{CURRENT_PERIOD}"]
    params: list = [list(indicators), measure]
    if years:
        where.append(f"coalesce({year}, i.period_year) BETWEEN ? AND ?")
        params += list(years)
    wanted = "TRUE" if period == "any" else "coalesce(i.period, '') = ?"
    period_params = [] if period == "any" else [period]
    in_unit, unit_params = _own_unit(list(indicators), measure)
    rows = con.execute(f"""
        SELECT i.indicator, i.admin_level, i.province, i.district, i.locality, i.unit_code,
               coalesce(i.period, 'unknown'), {year}, i.value, i.unit
        FROM indicators i JOIN documents d USING (doc_id)
        WHERE {' AND '.join(where)} AND {wanted} AND {year} IS NOT NULL AND {in_unit}
        QUALIFY row_number() OVER (
            PARTITION BY i.indicator, i.admin_level,
                         coalesce(i.unit_code, concat_ws('|', i.province, i.district, i.locality)),
                         coalesce(i.period, 'unknown'), {year}
            ORDER BY d.issued_date DESC NULLS LAST, i.source_path, i.char_start) = 1
        ORDER BY ALL""", params + period_params + unit_params).fetchall()
    found: dict[str, list[Pick]] = {code: [] for code in indicators}
    for code, *fields in rows:
        found[code].append(Pick(*fields))
    left: dict[str, dict[str, int]] = {code: {} for code in indicators}
    for code, why, n in con.execute(f"""
        SELECT i.indicator, CASE WHEN NOT ({in_unit}) THEN concat('in ', i.unit)
                                 WHEN {year} IS NULL THEN 'no target year' ELSE coalesce(i.period, 'unknown') END, count(*)
        FROM indicators i JOIN documents d USING (doc_id)
        WHERE {' AND '.join(where)} AND NOT ({wanted} AND {year} IS NOT NULL AND {in_unit})
        GROUP BY ALL ORDER BY ALL""", unit_params + params + period_params + unit_params).fetchall():
        left[code][why] = n
    return found, left


def _fold(name: str | None) -> str:
    return " ".join((name or "").casefold().split())


def _matches(pick: Pick, by: str, province: str | None, district: str | None) -> bool:
    if province and _fold(pick.province) != _fold(province):
        return False
    if district:
        own = pick.name if pick.admin_level == "district" else pick.district
        if by == "commune" and pick.admin_level != "commune" or _fold(own) != _fold(district):
            return False
    return True


def _years(found: list[Pick]) -> list[int]:
    return sorted({p.year for p in found})


def communes(found: list[Pick], period: str = "year") -> Comparison:
    """Communes (rows, by unit) over years (columns)."""
    rows: dict[tuple, dict] = {}
    for p in found:
        if p.admin_level != "commune":
            continue
        key = (p.code or "", p.province or "", p.district or "", p.name, p.period if period == "any" else "")
        row = rows.setdefault(key, {"label": (p.province or "", p.district or "", p.name, p.code or ""), "cells": {}})
        row["label"] = (p.province or "", p.district or "", p.name, p.code or "")  # the latest spelling
        row["cells"][p.year] = p.value
    years = _years([p for p in found if p.admin_level == "commune"])
    columns = ["province", "district", "commune", "unit_code"] + (["period"] if period == "any" else []) + [str(y) for y in years]
    out = []
    for key, row in sorted(rows.items(), key=lambda kv: (kv[1]["label"], kv[0])):
        extra = (key[4],) if period == "any" else ()
        out.append((*row["label"], *extra, *[row["cells"].get(y) for y in years]))
    return Comparison(columns, out)


def aggregate(found: list[Pick], by: str, indicator: str, measure: str, period: str = "year") -> Comparison:
    """Districts (or provinces) over years: their own reports' figures, else their communes' sum
    where the indicator adds up, else nothing."""
    level_key = (lambda p: (_fold(p.province), _fold(p.name))) if by == "district" else (lambda p: (_fold(p.name), ""))
    parent_key = (lambda p: (_fold(p.province), _fold(p.district))) if by == "district" else (lambda p: (_fold(p.province), ""))
    own: dict[tuple, dict] = defaultdict(lambda: {"cells": {}, "label": None, "code": ""})
    for p in found:
        if p.admin_level == by:
            key = (*level_key(p), p.period if period == "any" else "")
            own[key]["cells"][p.year] = p.value
            own[key]["label"] = (p.province or "", p.name) if by == "district" else (p.name, "")
            own[key]["code"] = p.code or own[key]["code"]
    summable = additive(indicator, measure, {p.unit for p in found if p.admin_level == "commune"})
    sums: dict[tuple, dict] = defaultdict(lambda: {"cells": defaultdict(float), "n": defaultdict(int), "label": None})
    if summable:
        for p in found:
            if p.admin_level == "commune" and (p.district if by == "district" else p.province):
                key = (*parent_key(p), p.period if period == "any" else "")
                sums[key]["cells"][p.year] += p.value
                sums[key]["n"][p.year] += 1
                sums[key]["label"] = (p.province or "", p.district) if by == "district" else (p.province, "")
    own, sums = dict(own), dict(sums)
    keys = set(own) | set(sums)
    years = sorted({y for part in (own, sums) for entry in part.values() for y in entry["cells"]})
    columns = (["province", "district"] if by == "district" else ["province"]) + ["unit_code", "from"]
    columns += (["period"] if period == "any" else []) + [str(y) for y in years]
    rows = []
    for key in sorted(keys):
        mine = own.get(key, {"cells": {}, "label": None, "code": ""})
        summed = sums.get(key, {"cells": {}, "n": {}, "label": None})
        label = mine["label"] or summed["label"]
        cells, sources = [], []
        for y in years:
            if y in mine["cells"]:
                cells.append(mine["cells"][y])
                sources.append(f"{y}: {by} report")
            elif y in summed["cells"]:
                cells.append(summed["cells"][y])
                sources.append(f"{y}: sum of {summed['n'][y]} commune{'s' if summed['n'][y] > 1 else ''}")
            else:
                cells.append(None)
        name = list(label[:2] if by == "district" else label[:1])
        rows.append((*name, mine["code"], "; ".join(sources), *((key[2],) if period == "any" else ()), *cells))
    notes = []
    if not summable and any(p.admin_level == "commune" for p in found):
        notes.append(f"{indicator} ({measure}) does not add up (a rate, an average or a per-unit figure): "
                     f"a {by} shows only its own reports' figures, never its communes' sum")
    elif sums:
        notes.append(f"cells marked 'sum of N communes' add the figures of the communes in the dataset "
                     f"(which may not be all of the {by}'s)")
    return Comparison(columns, rows, tuple(notes))


def compare(con, indicator: str, by: str = "commune", years: tuple[int, int] | None = None,
            province: str | None = None, district: str | None = None, measure: str = "value",
            period: str = "year") -> Comparison:
    """One indicator for units (rows) over years (columns); see the module's docstring."""
    if by not in LEVELS:
        raise ValueError(f"{by!r}: choose commune, district or province")
    if period not in PERIODS:
        raise ValueError(f"{period!r}: choose one of {', '.join(PERIODS)}")
    found, left = picks(con, [indicator], measure, period, years)
    chosen = [p for p in found[indicator] if _matches(p, by, province, district)]
    result = communes(chosen, period) if by == "commune" else aggregate(chosen, by, indicator, measure, period)
    skipped = left[indicator]
    notes = list(result.notes)
    if skipped:
        what = ", ".join(f"{why}: {n}" for why, n in sorted(skipped.items()))
        other = [why for why in sorted(skipped) if why in PERIODS and why != period]
        hints = [f"--period {other[0]} (or any) shows them" if other
                 else "--period any shows them" if period != "any" and "unknown" in skipped else ""]
        if any(why.startswith("in ") for why in skipped):
            hints.append("a figure in another unit is no cell of this table (chitieu sql lists it)")
        if "no target year" in skipped:
            hints.append("a target of no known year has no column")
        notes.append(f"left out, not of the period {period!r}, of no known year or not in the indicator's unit "
                     f"({what}): {'; '.join(h for h in hints if h)}")
    units = {p.unit for p in chosen}
    return Comparison(result.columns, result.rows, tuple(notes), units.pop() if len(units) == 1 else None)
