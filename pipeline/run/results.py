"""What one document contributes to the dataset: its rows, ready to pickle between processes.

Workers (local processes or Dask workers) return a `DocRows` per file; the parent streams them
to the writer in input order. The cache stores the same object.

A document's figures, awards and text are Arrow tables built in the worker, not lists of dicts:
the conversion is paid where the work is parallel, and between processes and in the cache they
travel as Arrow IPC streams, which load several times faster than pickled dicts (a cached re-run
is mostly loading). The document's own row stays a dict: the run summary and the duplicate check
read it.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache

import pyarrow as pa

from ..config import Config
from .discover import Source
from ..model import Document, Status
from .process import Attempt, extract, guard
from ..dataset import duplicates
from ..dataset.rows import award_rows, document_row, figure_rows, text_row
from ..dataset.schema import PARTITION, TABLES

ROW_TABLES = ("indicators", "awards", "texts")  # a document's tables besides its `documents` row
_DOCUMENT_CHECK = TABLES["documents"].append(pa.field(PARTITION, pa.int32()))  # the row and its partition


@cache
def _empty(name: str) -> pa.Table:
    """A table's empty form, made on first use (immutable: shared). Not at import: pyarrow's
    `empty_table` and `from_pylist` import pandas (~0.2 s), which a cached re-run never needs."""
    return TABLES[name].empty_table()


def _empties() -> dict[str, pa.Table]:
    return {name: _empty(name) for name in ROW_TABLES}


def _table(name: str, rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=TABLES[name]) if rows else _empty(name)


def _to_ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _from_ipc(blob: bytes) -> pa.Table:
    return pa.ipc.open_stream(blob).read_all()


@dataclass(slots=True)
class DocRows:
    doc_id: str
    source_path: str
    status: str
    error: str | None
    document: dict
    tables: dict[str, pa.Table] = field(default_factory=_empties)  # ROW_TABLES, typed by the schema
    units: tuple | None = None  # (province, locality, period_year, period, doc_type) for the run summary
    content_hash: str | None = None  # SHA-256 of the bytes these rows were read from: the cache key
    # (text fingerprint, MinHash hash values) for the near-duplicate check (dataset/duplicates.py),
    # made in the worker so that the writing process and a cached re-run only look it up
    sketch: tuple[str, bytes | None] | None = None

    @property
    def year(self) -> int | None:
        """The partition all of this document's rows go to."""
        return self.document.get(PARTITION)

    def count(self, name: str) -> int:
        return self.tables[name].num_rows

    def moved_to(self, source_path: str) -> "DocRows":
        """The same rows for the same content found under another path (a cache hit)."""
        if source_path == self.source_path:
            return self
        tables = {}
        for name, table in self.tables.items():
            i = table.schema.get_field_index("source_path")
            column = pa.array([source_path] * table.num_rows, table.schema.field(i).type)
            tables[name] = table.set_column(i, table.schema.field(i), column)
        return replace(self, source_path=source_path, document={**self.document, "source_path": source_path},
                       tables=tables)

    def as_duplicate_of(self, first: str) -> "DocRows":
        reason = f"duplicate of {first!r} (same content)" if "\n" in first else f"duplicate of {first} (same content)"
        document = {**self.document, "status": str(Status.SKIPPED), "error": reason, "n_indicators": 0, "n_awards": 0}
        return DocRows(self.doc_id, self.source_path, str(Status.SKIPPED), reason, document)

    def __getstate__(self) -> tuple:
        blobs = {name: _to_ipc(table) for name, table in self.tables.items() if table.num_rows}
        return (self.doc_id, self.source_path, self.status, self.error, self.document, blobs, self.units,
                self.content_hash, self.sketch)

    def __setstate__(self, state: tuple) -> None:
        (self.doc_id, self.source_path, self.status, self.error, self.document, blobs, self.units,
         self.content_hash, self.sketch) = state
        self.tables = {name: _from_ipc(blobs[name]) if name in blobs else _empty(name) for name in ROW_TABLES}


def rows_of(doc: Document) -> DocRows:
    """A document's rows. Its `documents` row stays a dict (the parent reads it), but it is
    converted once here, where a failure is this document's (~0.1 ms): a value Arrow refuses
    found only by the writer's batch would stop the whole run."""
    row = document_row(doc)
    pa.RecordBatch.from_pylist([row], schema=_DOCUMENT_CHECK)
    meta = doc.meta
    units = ((meta.province or "", meta.locality or "", meta.period_year, meta.period or "", meta.doc_type or "")
             if doc.status == Status.OK else None)
    text = text_row(doc)
    tables = {"indicators": _table("indicators", figure_rows(doc, row)),
              "awards": _table("awards", award_rows(doc, row)),
              "texts": _table("texts", [text] if text else [])}
    return DocRows(doc.doc_id, doc.source_path, str(doc.status), doc.error, row, tables, units)


def process_to_rows(source: Source, config: Config) -> DocRows:
    """The per-document function every engine runs; never raises. Building the rows (dicts, then
    Arrow tables) is guarded like reading and extracting: a document whose rows cannot be built
    (out of memory, a value Arrow refuses) is that document's `error` row."""
    attempt = Attempt(source)
    result: list[DocRows] = []
    failure: list[Document] = []
    with guard(attempt, config, failure):
        doc = extract(attempt, config)
        attempt.step = "building rows"
        result.append(rows_of(doc))
        attempt.step = "sketching the text for the duplicate check"
        result[0].sketch = duplicates.sketch(result[0])
    rows = rows_of(failure[0]) if failure else result[0]
    rows.content_hash = attempt.digest
    return rows
