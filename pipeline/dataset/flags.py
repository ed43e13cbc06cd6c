"""The `indicator_flags` view: every figure with all its plausibility flags, the dataset-wide one included.

`indicators.flags` holds what one document shows on its own (extractors/plausibility.py:
`rate_over_100`, `pct_of_plan_bound`, `change_mismatch`; extractors/ocr_marks.py:
`ocr_doubtful`). One slip needs the whole dataset: `scale_slip`, a value about 1,000x off the
same unit's other figures of that indicator (triệu written or read as tỷ, "1.250" read as 1,25).
It is computed in this view, not written into the tables, so it follows the dataset as it is
(a run over more years or more files changes what "the unit's other figures" are) and a run
of one document never needs the others.

A figure is a scale slip when its unit (`comparison_unit_id`, else `unit_code`, else province,
district and name), indicator, qualifier, measure and unit of measure have at least
SLIP_MIN_FIGURES figures over at least two years, and it is SLIP_FACTOR times their median
or more, or a SLIP_FACTOR-th of it or less. Shares (`percent`) are left out: a rate's slips
are `rate_over_100`.
"""
from __future__ import annotations

from .targets import unit_key

SLIP_FACTOR = 300  # a 1,000x slip is far past it; a year's honest growth (even 10x) is far below
SLIP_MIN_FIGURES = 3
CODES = ("rate_over_100", "pct_of_plan_bound", "scale_slip", "change_mismatch", "ocr_doubtful")


def view_sql() -> str:
    return f"""CREATE OR REPLACE VIEW indicator_flags AS
WITH k AS (SELECT *, {unit_key()} AS unit_key FROM indicators),
r AS (
  SELECT unit_key, indicator, coalesce(qualifier, '') AS q, measure, unit, median(value) AS ref
  FROM k WHERE measure IN ('value', 'target') AND unit <> 'percent' AND value > 0 AND locality IS NOT NULL
  GROUP BY ALL HAVING count(*) >= {SLIP_MIN_FIGURES} AND count(DISTINCT period_year) >= 2)
SELECT k.* EXCLUDE (flags, unit_key),
       list_concat(coalesce(k.flags, []::VARCHAR[]),
                   CASE WHEN r.ref > 0 AND k.value > 0 AND (k.value >= r.ref * {SLIP_FACTOR} OR k.value * {SLIP_FACTOR} <= r.ref)
                        THEN ['scale_slip'] ELSE []::VARCHAR[] END) AS flags
FROM k LEFT JOIN r ON r.unit_key = k.unit_key AND r.indicator = k.indicator AND r.q = coalesce(k.qualifier, '')
  AND r.measure = k.measure AND r.unit = k.unit"""
