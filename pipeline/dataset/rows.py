"""Turn a processed `Document` into the rows of each output table."""
from __future__ import annotations

from dataclasses import fields
from functools import cache

from ..model import Document, Status
from .schema import CURATION_DEFAULTS, DOC_COPY, PARTITION


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _shallow(obj) -> dict:
    """A dataclass's fields as a dict; their values are plain (asdict's deep copies cost ~10% of a run)."""
    return {name: getattr(obj, name) for name in _names(type(obj))}


def document_row(doc: Document) -> dict:
    meta = doc.meta
    row = {
        "doc_id": doc.doc_id,
        "source_path": doc.source_path,
        "format": doc.format,
        "status": str(doc.status),
        "error": doc.error,
        "n_indicators": len(doc.figures),
        "n_awards": len(doc.awards),
        "n_pages": doc.n_pages,
        "n_chars": len(doc.text),
        "encoding": doc.encoding,
        "ocr_pages": len(doc.ocr_pages) or None,
        "ocr_confidence": doc.ocr_confidence,
        PARTITION: meta.period_year,
    }
    for key, value in _shallow(meta).items():
        row.setdefault(key, value)
    return row


def _copied(doc_row: dict) -> dict:
    keep = {f.name for f in DOC_COPY} | {PARTITION}
    return {k: v for k, v in doc_row.items() if k in keep}


def figure_rows(doc: Document, doc_row: dict) -> list[dict]:
    base = _copied(doc_row)
    return [{**base, **_shallow(f), **CURATION_DEFAULTS} for f in doc.figures]


def award_rows(doc: Document, doc_row: dict) -> list[dict]:
    base = _copied(doc_row)
    return [{**base, **_shallow(a), **CURATION_DEFAULTS} for a in doc.awards]


def text_row(doc: Document) -> dict | None:
    if doc.status != Status.OK:
        return None
    return {
        "doc_id": doc.doc_id,
        "source_path": doc.source_path,
        "text": doc.text,
        "blocks": [
            {"kind": str(b.kind), "char_start": b.start, "char_end": b.end, "page": b.page,
             "heading_level": b.heading_level, "section": list(b.section)}
            for b in doc.blocks
        ],
        PARTITION: doc.meta.period_year,
    }
