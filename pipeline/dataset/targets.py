"""Targets against results: the `targets` view, what `chitieu targets` and the report's target pages show.

A commune's plan (or its council's resolution, or the "phương hướng" part of a report) sets a
target for a year; that year's year-end report says what was achieved. One row per unit
(`unit_code`, else `comparison_unit_id`, else province, district and name together),
indicator, qualifier, unit of measure and year:

- **the target** is a `target` figure filed under its `target_year` (never the year of the
  document that states it), from a plan or a resolution before a report's own, then the
  document issued last, then its first figure; its comparator comes with it.
- **the result** is a `value` of a full-year report (`period = 'year'`) of that year, a figure
  read as final before an estimate ("ước thực hiện"), then the report issued last, then its
  first figure. A prior period's figure (`period_ref = 'prior'`) is never a result, and copies
  of a report (`duplicate_of`) are left out by the `indicators` view itself.
- **met** depends on direction: a target written "dưới", "không quá" (`lt`, `le`) is met at or
  below it, "trên", "trở lên" (`gt`, `ge`) at or above; with no comparator the indicator's
  direction decides (`lexicons/indicators.tsv` `better`: a poverty rate is met at or below).
- **status**: met / not met / no result (a target, no full-year result yet) / no target (a
  result of an indicator the unit sets targets for, in a year it set none) / doubtful (the
  result carries a plausibility flag, `indicators.flags`: a 193,5% rate is no target met, and
  never counts as met or not met until an analyst corrects or rejects it).
- **achieved_pct** is the result over the target (x100); the report's own `pct_of_plan` for the
  same figure (the result's sentence, else the first of its document for that indicator and
  qualifier: a report's prose may measure against another plan than its table) sits beside it, and `pct_disagrees`
  says when the two differ by more than one point (a report measured against another target,
  or a figure misread on one side).
"""
from __future__ import annotations

from ..lexicon import lexicon_cache, table
from .comparison import CURRENT_PERIOD

STATUSES = ("met", "not met", "no result", "no target", "doubtful")
TARGET_SOURCES = ("plan", "resolution")  # doc_kind of plans and council resolutions (lexicons/doc_kinds.tsv)
DISAGREE_POINTS = 1.0


def unit_key(alias: str = "") -> str:
    """SQL of a figure's unit: its code, else its `comparison_unit_id`, else its province, district and
    name. The code comes first: a comparison id is the group of every old commune merged into one
    new commune (xã Vĩnh Hùng and xã Minh Tân of Vĩnh Lộc share one), so keyed by it one commune's
    plan was met or missed by its neighbour's report."""
    a = f"{alias}." if alias else ""
    return f"coalesce({a}unit_code, {a}comparison_unit_id, concat_ws('|', {a}province, {a}district, {a}locality))"


UNIT_KEY = unit_key("i")


@lexicon_cache
def directions() -> dict[str, str]:
    """indicator code -> 'higher' or 'lower' (the better direction), from lexicons/indicators.tsv."""
    return {r["code"]: r.get("better", "") for r in table("indicators") if r.get("better")}


def _values_sql() -> str:
    pairs = sorted(directions().items())
    if not pairs:
        return "SELECT NULL::VARCHAR AS indicator, NULL::VARCHAR AS better WHERE FALSE"
    return "SELECT * FROM (VALUES " + ", ".join(f"('{c}', '{b}')" for c, b in pairs) + ") AS b(indicator, better)"


def view_sql() -> str:
    """CREATE VIEW targets over the `indicators` and `documents` views."""
    sources = ", ".join(f"'{s}'" for s in TARGET_SOURCES)
    return f"""CREATE OR REPLACE VIEW targets AS
WITH better AS ({_values_sql()}),
t AS (
  SELECT {UNIT_KEY} AS unit_key, i.province, i.district, i.locality, i.admin_level, i.unit_code, i.comparison_unit_id,
         i.indicator, coalesce(i.qualifier, '') AS qualifier, i.target_year AS year, i.unit,
         i.value AS target, i.comparator, i.doc_id AS target_doc_id, i.source_path AS target_source,
         i.sentence AS target_sentence
  FROM indicators i JOIN documents d USING (doc_id)
  WHERE i.measure = 'target' AND i.target_year IS NOT NULL AND i.{CURRENT_PERIOD} AND d.status = 'ok'
    AND i.locality IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY unit_key, i.indicator, coalesce(i.qualifier, ''), i.target_year, i.unit
    ORDER BY (d.doc_kind IN ({sources}) OR d.doc_type = 'plan') DESC, d.issued_date DESC NULLS LAST, i.source_path, i.char_start) = 1),
a AS (
  SELECT {UNIT_KEY} AS unit_key, i.province, i.district, i.locality, i.admin_level, i.unit_code, i.comparison_unit_id,
         i.indicator, coalesce(i.qualifier, '') AS qualifier, i.period_year AS year, i.unit,
         i.value AS actual, i.is_estimate AS actual_is_estimate, i.flags AS actual_flags, i.doc_id AS actual_doc_id,
         i.source_path AS actual_source, i.sentence AS actual_sentence
  FROM indicators i JOIN documents d USING (doc_id)
  WHERE i.measure = 'value' AND i.period = 'year' AND i.doc_type = 'report' AND i.period_year IS NOT NULL
    AND i.{CURRENT_PERIOD} AND d.status = 'ok' AND i.locality IS NOT NULL
    AND ({UNIT_KEY}, i.indicator, coalesce(i.qualifier, ''), i.unit) IN
        (SELECT (unit_key, indicator, qualifier, unit) FROM t)
  QUALIFY row_number() OVER (PARTITION BY unit_key, i.indicator, coalesce(i.qualifier, ''), i.period_year, i.unit
    ORDER BY i.is_estimate, d.issued_date DESC NULLS LAST, i.source_path, i.char_start) = 1),
p AS (
  SELECT doc_id, indicator, coalesce(qualifier, '') AS qualifier, sentence, char_start, value AS pct_of_plan
  FROM indicators WHERE measure = 'pct_of_plan' AND {CURRENT_PERIOD}),
j AS (
  SELECT unit_key, indicator, qualifier, year, unit,
         coalesce(a.province, t.province) AS province, coalesce(a.district, t.district) AS district,
         coalesce(a.locality, t.locality) AS locality, coalesce(a.admin_level, t.admin_level) AS admin_level,
         coalesce(a.unit_code, t.unit_code) AS unit_code,
         coalesce(a.comparison_unit_id, t.comparison_unit_id) AS comparison_unit_id,
         t.target, t.comparator, a.actual, a.actual_is_estimate, a.actual_flags,
         t.target_doc_id, t.target_source, t.target_sentence, a.actual_doc_id, a.actual_source, a.actual_sentence
  FROM t FULL JOIN a USING (unit_key, indicator, qualifier, year, unit)),
m AS (
  SELECT j.*, coalesce(b.better, 'higher') AS better, p.pct_of_plan,
         CASE WHEN j.comparator = 'le' THEN j.actual <= j.target
              WHEN j.comparator = 'lt' THEN j.actual < j.target
              WHEN j.comparator = 'ge' THEN j.actual >= j.target
              WHEN j.comparator = 'gt' THEN j.actual > j.target
              WHEN coalesce(b.better, 'higher') = 'lower' THEN j.actual <= j.target
              ELSE j.actual >= j.target END AS met,
         CASE WHEN j.target <> 0 THEN round(j.actual / j.target * 100, 2) END AS achieved_pct
  FROM j LEFT JOIN better b USING (indicator)
         LEFT JOIN p ON p.doc_id = j.actual_doc_id AND p.indicator = j.indicator AND p.qualifier = j.qualifier
  QUALIFY row_number() OVER (PARTITION BY j.unit_key, j.indicator, j.qualifier, j.year, j.unit
                             ORDER BY (p.sentence = j.actual_sentence) DESC NULLS LAST, p.char_start) = 1)
SELECT province, district, locality, admin_level, unit_code, comparison_unit_id, unit_key,
       indicator, nullif(qualifier, '') AS qualifier, year, unit, comparator, better, target, actual, actual_is_estimate,
       CASE WHEN target IS NULL THEN 'no target' WHEN actual IS NULL THEN 'no result'
            WHEN len(coalesce(actual_flags, [])) > 0 THEN 'doubtful'
            WHEN met THEN 'met' ELSE 'not met' END AS status,
       achieved_pct, pct_of_plan,
       coalesce(abs(achieved_pct - pct_of_plan) > {DISAGREE_POINTS}, FALSE) AS pct_disagrees,
       target_doc_id, target_source, target_sentence, actual_doc_id, actual_source, actual_sentence
FROM m"""


ORDER = "province, district, locality, unit_key, indicator, qualifier NULLS FIRST, year, unit"
COLUMNS = ("province", "district", "locality", "unit_code", "indicator", "qualifier", "year", "unit", "comparator",
           "target", "actual", "status", "achieved_pct", "pct_of_plan", "pct_disagrees")


def rows(con, province: str | None = None, district: str | None = None, indicator: str | None = None,
         year: int | None = None, level: str | None = None, columns: tuple[str, ...] = COLUMNS) -> list[tuple]:
    """The `targets` view's rows, filtered, in a full order."""
    where, params = ["TRUE"], []
    for column, value in (("province", province), ("district", district), ("indicator", indicator),
                          ("year", year), ("admin_level", level)):
        if value is not None:
            where.append(f"{column} = ?" if column in ("indicator", "year", "admin_level")
                         else f"lower({column}) = lower(?)")
            params.append(value)
    return con.execute(f"SELECT {', '.join(columns)} FROM targets WHERE {' AND '.join(where)} ORDER BY {ORDER}",
                       params).fetchall()


def tally(con, level: str = "commune") -> list[tuple]:
    """Per unit: targets set, met, not met, no result, and the share met of those with a result."""
    return con.execute("""SELECT province, district, locality, unit_key,
            count(*) FILTER (WHERE status <> 'no target') AS targets,
            count(*) FILTER (WHERE status = 'met') AS met,
            count(*) FILTER (WHERE status = 'not met') AS not_met,
            count(*) FILTER (WHERE status = 'no result') AS no_result,
            round(100.0 * count(*) FILTER (WHERE status = 'met')
                  / nullif(count(*) FILTER (WHERE status IN ('met', 'not met')), 0), 1) AS met_pct
        FROM targets WHERE admin_level = ? GROUP BY ALL
        ORDER BY province, district, locality, unit_key""", [level]).fetchall()
