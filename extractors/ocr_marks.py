"""Figures and awards read from OCR'd pages: lower confidence, an `+ocr` mark, doubtful ones flagged.

OCR confuses digits and separators (",", ".", "/"), so a figure from a scanned page is never
as sure as one from a text layer: its confidence is scaled by the page's OCR confidence, and
the grammar's sanity checks (a percentage over 1,000, a date-shaped N/M) mark a figure as
doubtful (confidence ≤ 0.2) rather than accepting it silently.
"""
from __future__ import annotations

from pipeline.components import component
from pipeline.model import Document
from .text.patterns import lazy

OCR_FACTOR = 0.7
DOUBTFUL = 0.2
_DATE_SHAPED = lazy(r"^\d{1,2}/\d{1,2}$")


def doubtful(measure: str, value: float, unit: str, raw: str, denominator: float | None) -> bool:
    if unit == "percent" and abs(value) > 1000:
        return True
    return denominator is not None and denominator <= 12 and _DATE_SHAPED.match(f"{raw}/{int(denominator)}") is not None


@component("ocr_marks")
def ocr_marks(doc: Document) -> None:
    if not doc.ocr_pages:
        return
    pages = set(doc.ocr_pages)
    factor = OCR_FACTOR * (doc.ocr_confidence or 1.0)
    for row in doc.figures:
        if row.page in pages:
            row.extractor += "+ocr"
            row.confidence = round(row.confidence * factor, 3)
            if doubtful(row.measure, row.value, row.unit, row.raw_value, row.denominator):
                row.confidence = min(row.confidence, DOUBTFUL)
                if "ocr_doubtful" not in row.flags:
                    row.flags = [*row.flags, "ocr_doubtful"]  # a new list: never one a copied figure shares
    for award in doc.awards:
        if award.page in pages:
            award.extractor += "+ocr"
            award.confidence = round(award.confidence * factor, 3)
