"""A batch run: discover the inputs, process each file, write the dataset in one swap."""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .discover import Source, discover
from .model import Document, Status
from .process import process_file
from .rows import award_rows, document_row, figure_rows, text_row
from .writer import check_output, recover, write_dataset


@dataclass(slots=True)
class RunSummary:
    out: Path
    statuses: Counter = field(default_factory=Counter)
    figures: int = 0
    awards: int = 0
    seconds: float = 0.0
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (path, status, reason)
    units: Counter = field(default_factory=Counter)  # (province, locality, period_year, doc_type) -> documents

    @property
    def documents(self) -> int:
        return sum(self.statuses.values())


def _mark_duplicates(doc: Document, first_seen: dict[str, str]) -> None:
    """The same bytes under two names are one document: count them once."""
    if not doc.doc_id:
        return
    first = first_seen.setdefault(doc.doc_id, doc.source_path)
    if first != doc.source_path and doc.status == Status.OK:
        doc.status, doc.error = Status.SKIPPED, f"duplicate of {first} (same content)"
        doc.figures.clear()
        doc.awards.clear()


def run(
    inputs: list[Path],
    out: Path,
    config: Config,
    on_start: Callable[[int], None] | None = None,
    on_file: Callable[[Source], None] | None = None,
    on_done: Callable[[Document], None] | None = None,
) -> RunSummary:
    started = time.perf_counter()
    recover(out.resolve())
    check_output(out.resolve())
    sources = discover(inputs)
    if on_start:
        on_start(len(sources))
    tables: dict[str, list[dict]] = {"documents": [], "indicators": [], "awards": [], "texts": []}
    summary = RunSummary(out)
    first_seen: dict[str, str] = {}
    for source in sources:
        if on_file:
            on_file(source)
        doc = process_file(source, config)
        _mark_duplicates(doc, first_seen)
        row = document_row(doc)
        tables["documents"].append(row)
        tables["indicators"] += figure_rows(doc, row)
        tables["awards"] += award_rows(doc, row)
        if (text := text_row(doc)) is not None:
            tables["texts"].append(text)
        summary.statuses[str(doc.status)] += 1
        summary.figures += len(doc.figures)
        summary.awards += len(doc.awards)
        if doc.status != Status.OK:
            summary.problems.append((doc.source_path, str(doc.status), doc.error or ""))
        else:
            meta = doc.meta
            summary.units[(meta.province or "", meta.locality or "", meta.period_year, meta.doc_type or "")] += 1
        if on_done:
            on_done(doc)
    write_dataset(out, tables, {"documents": dict(sorted(summary.statuses.items()))})
    summary.seconds = time.perf_counter() - started
    return summary
