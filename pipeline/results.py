"""What one document contributes to the dataset: its rows, ready to pickle between processes.

Workers (local processes or Dask workers) return a `DocRows` per file; the parent streams them
to the writer in input order. The cache stores the same object.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from .config import Config
from .discover import Source
from .model import Document, Status
from .process import process_file
from .rows import award_rows, document_row, figure_rows, text_row


@dataclass(slots=True)
class DocRows:
    doc_id: str
    source_path: str
    status: str
    error: str | None
    document: dict
    indicators: list[dict] = field(default_factory=list)
    awards: list[dict] = field(default_factory=list)
    text: dict | None = None
    units: tuple | None = None  # (province, locality, period_year, doc_type) for the run summary

    def moved_to(self, source_path: str) -> "DocRows":
        """The same rows for the same content found under another path (a cache hit)."""
        def at(row: dict) -> dict:
            return {**row, "source_path": source_path}

        return replace(
            self, source_path=source_path, document=at(self.document),
            indicators=[at(r) for r in self.indicators], awards=[at(r) for r in self.awards],
            text=at(self.text) if self.text else None,
        )

    def as_duplicate_of(self, first: str) -> "DocRows":
        reason = f"duplicate of {first!r} (same content)" if "\n" in first else f"duplicate of {first} (same content)"
        document = {**self.document, "status": str(Status.SKIPPED), "error": reason, "n_indicators": 0, "n_awards": 0}
        return DocRows(self.doc_id, self.source_path, str(Status.SKIPPED), reason, document)


def rows_of(doc: Document) -> DocRows:
    row = document_row(doc)
    meta = doc.meta
    units = (meta.province or "", meta.locality or "", meta.period_year, meta.doc_type or "") if doc.status == Status.OK else None
    return DocRows(doc.doc_id, doc.source_path, str(doc.status), doc.error, row,
                   figure_rows(doc, row), award_rows(doc, row), text_row(doc), units)


def process_to_rows(source: Source, config: Config) -> DocRows:
    """The per-document function every engine runs."""
    return rows_of(process_file(source, config))
