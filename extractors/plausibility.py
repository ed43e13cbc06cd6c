"""Plausibility flags: figures that cannot be right as read, marked before they reach a dashboard.

A flag does not drop or change a figure: it puts a short code in the row's `flags` list, and
the report's review page (flags.html) lists every flagged figure with its sentence. The flags
one document shows on its own are set here, the last component of a run:

- `rate_over_100`: a share over its bound (`lexicons/indicators.tsv` `max`: a poverty rate, a
  coverage rate cannot pass 100%; a growth rate or a percentage of plan can).
- `pct_of_plan_bound`: a percentage of plan above PCT_OF_PLAN_MAX or at or below zero (a
  commune does not reach 800% of its plan; a misread number or a count read as a percentage does).
- `change_mismatch`: a change that the two values it joins contradict: "từ X lên Y, tăng Z%"
  (a prior and a current value and a change in one sentence), or "đạt Y, tăng D so với ..."
  where Y - D and the stated percentage disagree.
- `ocr_doubtful`: set by extractors/ocr_marks.py on an OCR'd figure with doubtful digits.

`scale_slip` (a value about 1,000x off the same unit's other years: triệu read as tỷ, a
thousands separator read as a decimal one) needs the whole dataset: the catalog's
`indicator_flags` view adds it (pipeline/dataset/flags.py).
"""
from __future__ import annotations

from collections import defaultdict

from pipeline.components import component
from pipeline.lexicon import lexicon_cache, table
from pipeline.model import Document, Figure

PCT_OF_PLAN_MAX = 500.0
PCT_POINTS = 1.0  # a stated change_pct may differ from the values' by rounding, never by more than this
PCT_RELATIVE = 0.05  # ... or by this share of itself (a rounded 12% of a rounded base)
CHANGE_RELATIVE = 0.01  # a stated change may differ from Y - X by this share of the larger value


@lexicon_cache
def bounds() -> dict[str, float]:
    """indicator -> the largest value a share can take (`max` of lexicons/indicators.tsv)."""
    return {r["code"]: float(r["max"]) for r in table("indicators") if r.get("max")}


def _add(row: Figure, flag: str) -> None:
    if flag not in row.flags:
        row.flags = [*row.flags, flag]  # a new list: a copied figure (dataclasses.replace) shares its old one


def _pct_agrees(prior: float, current: float, pct: float, unit: str) -> bool:
    tolerance = max(PCT_POINTS, PCT_RELATIVE * abs(pct))
    if unit == "percent" and abs(abs(current - prior) - abs(pct)) <= tolerance:
        return True  # a rate's change is often written in points: "giảm 0,9%"
    if prior == 0:
        return True  # nothing to compare with
    return abs(abs(current / prior - 1) * 100 - abs(pct)) <= tolerance


def _change_agrees(prior: float, current: float, change: float, unit: str) -> bool:
    tolerance = CHANGE_RELATIVE * max(abs(prior), abs(current)) + (0.051 if unit == "percent" else 0.0)
    return abs(abs(current - prior) - abs(change)) <= tolerance


def change_checks(rows: list[Figure]) -> None:
    """Flag the changes of one sentence, indicator and qualifier that its values contradict."""
    values = [r for r in rows if r.measure == "value"]
    prior = next((r for r in values if r.period_ref == "prior"), None)
    current = next((r for r in values if r.period_ref != "prior"), None)
    if current is None:
        return
    changes = [r for r in rows if r.measure == "change" and r.unit == current.unit]
    pcts = [r for r in rows if r.measure == "change_pct"]
    if prior is not None and prior.unit == current.unit:
        for r in changes:
            if not _change_agrees(prior.value, current.value, r.value, current.unit):
                _add(r, "change_mismatch")
        for r in pcts:
            if not _pct_agrees(prior.value, current.value, r.value, current.unit):
                _add(r, "change_mismatch")
        return
    # no prior written: "đạt Y, tăng D (Z%)": Y - D is the prior both must agree on
    for r in changes:
        base = current.value - abs(r.value) if r.value >= 0 else current.value + abs(r.value)
        for p in pcts:
            if base > 0 and not _pct_agrees(base, current.value, p.value, current.unit):
                _add(r, "change_mismatch")


def row_flags(rows: list[Figure]) -> None:
    """Set the flags a document's own figures show (see the module's docstring)."""
    limit = bounds()
    groups: dict[tuple, list[Figure]] = defaultdict(list)
    for r in rows:
        if r.measure in ("value", "target") and r.unit == "percent" and r.indicator in limit \
                and r.value > limit[r.indicator]:
            _add(r, "rate_over_100")
        if r.measure == "pct_of_plan" and (r.value > PCT_OF_PLAN_MAX or r.value <= 0):
            _add(r, "pct_of_plan_bound")
        if r.indicator != "other":
            groups[(r.sentence, r.indicator, r.qualifier)].append(r)
    for group in groups.values():
        if len(group) > 1:
            change_checks(sorted(group, key=lambda r: r.char_start))


@component("plausibility")
def plausibility(doc: Document) -> None:
    row_flags(doc.figures)
