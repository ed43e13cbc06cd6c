"""A number the awards table counts is no indicator figure.

"đề nghị khen thưởng 13 cơ quan, 68 hộ gia đình" counts recipients of an award; the figure
extractors, which run first and know nothing of awards, may have read the same numbers as counts
of cơ quan and hộ. Run after the award extractors, this drops every count figure whose number an
award row holds, so that a number lands in one table only.
"""
from __future__ import annotations

from pipeline.components import component
from pipeline.model import Document


@component("award_counts")
def award_counts(doc: Document) -> None:
    counted = {(a.char_start, a.char_end) for a in doc.awards}
    if counted:
        doc.figures = [f for f in doc.figures if f.unit != "count" or (f.char_start, f.char_end) not in counted]
