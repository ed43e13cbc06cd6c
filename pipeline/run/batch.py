"""A batch run: discover the inputs, process each file (or take it from the cache), stream the rows
to the writer in input order, swap the dataset in."""
from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import engines
from .cache import Cache, content_hash
from ..config import Config
from .discover import Source, discover
from .results import DocRows, process_to_rows
from ..dataset.corrections import Corrections
from ..dataset.duplicates import Duplicates
from ..dataset.writer import DatasetWriter
from .interrupts import signals_interrupt


@dataclass(slots=True)
class RunSummary:
    out: Path
    statuses: Counter = field(default_factory=Counter)
    figures: int = 0
    awards: int = 0
    seconds: float = 0.0
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (path, status, reason)
    units: Counter = field(default_factory=Counter)  # (province, locality, period_year, doc_type) -> documents
    cache_hits: int = 0
    cache_misses: int = 0
    warnings: list[str] = field(default_factory=list)  # what went wrong besides files (the cache's disk)
    corrections: dict | None = None  # Corrections.report() when the run had a corrections file

    @property
    def documents(self) -> int:
        return sum(self.statuses.values())


@dataclass(frozen=True, slots=True)
class Options:
    workers: int = 1
    engine: str = "local"  # local / dask
    scheduler: str | None = None  # Dask scheduler address; None: a local cluster
    cache_dir: Path | None = None  # None: no cache
    batch: int = 500
    corrections: Corrections | None = None  # an analyst's fixes, laid on every document's rows


def run(
    inputs: list[Path],
    out: Path,
    config: Config,
    options: Options = Options(),
    on_start: Callable[[int], None] | None = None,
    on_file: Callable[[Source], None] | None = None,
    on_done: Callable[[DocRows], None] | None = None,
) -> RunSummary:
    """Read `inputs` into the dataset `out`. Raises OutputError (the output cannot be written:
    the previous dataset is untouched), Busy (another run holds the cache) or KeyboardInterrupt
    (Ctrl-C, or `Interrupted` for SIGTERM/SIGHUP); never for one file."""
    started = time.perf_counter()
    with signals_interrupt(), contextlib.ExitStack() as stack:
        writer = DatasetWriter(out, options.batch)
        stack.callback(writer.abort)  # a no-op after commit; on any exception: staging gone, lock given back
        summary = RunSummary(out)
        cache = _open_cache(options.cache_dir, config, summary)
        if cache:
            stack.callback(cache.close)
        sources = discover(inputs)
        if on_start:
            on_start(len(sources))
        hashes = [content_hash(s.path) if cache and not s.problem else None for s in sources]
        # Only whether an entry exists is asked here; entries are loaded one at a time below, so
        # memory stays flat however much of the archive is cached.
        cached = [bool(cache and h and cache.has(h)) for h in hashes]
        todo = [s for s, known in zip(sources, cached) if not known]
        if options.engine == "dask":
            fresh = engines.dask(todo, config, options.workers, options.scheduler)
        else:
            fresh = engines.local(todo, config, options.workers)
        stack.callback(fresh.close)  # an early end stops the engine's workers at once
        first_seen: dict[str, str] = {}
        copies = Duplicates()  # the same report in other files (formats, encodings): flagged
        for source, digest, known in zip(sources, hashes, cached):
            if on_file:
                on_file(source)
            hit = cache.get(digest) if known else None
            if digest:
                summary.cache_hits += hit is not None
                summary.cache_misses += hit is None
            if hit is not None:
                rows = hit.moved_to(source.rel)
            else:
                # a miss, or an entry that turned out unreadable (read here, in this process)
                rows = next(fresh) if not known else process_to_rows(source, config)
                if cache and rows.status != "error":
                    cache.put(rows)  # keyed by the bytes the worker read, not by `digest`
            if options.corrections:  # after the cache (which keeps what was extracted), before the writer
                rows = options.corrections.apply(rows)
            if rows.doc_id and rows.status == "ok":
                first = first_seen.setdefault(rows.doc_id, rows.source_path)
                if first != rows.source_path:  # the same bytes under two names are one document
                    rows = rows.as_duplicate_of(first)
                else:
                    rows = copies.mark(rows)
            writer.add({"documents": [rows.document], **rows.tables}, rows.year)
            summary.statuses[rows.status] += 1
            summary.figures += rows.count("indicators")
            summary.awards += rows.count("awards")
            if rows.status != "ok":
                summary.problems.append((rows.source_path, rows.status, rows.error or ""))
            elif rows.units and not rows.document.get("duplicate_of"):  # a copy of a report is not counted twice
                summary.units[rows.units] += 1
            if on_done:
                on_done(rows)
        if cache and cache.warning:
            summary.warnings.append(cache.warning)
        extra = {"fingerprint": cache.fingerprint} if cache else {}
        if options.corrections:
            summary.corrections = extra["corrections"] = options.corrections.report()
            summary.warnings += [f"correction not applied, no such row: {line}"
                                 for line in summary.corrections["unmatched"]]
        writer.commit(extra)
    summary.seconds = time.perf_counter() - started
    return summary


def _open_cache(folder: Path | None, config: Config, summary: RunSummary) -> Cache | None:
    """The run's cache, locked; None without one, or (with a warning) when its folder cannot be
    made: the cache is an optimisation. Another run holding it raises Busy."""
    if folder is None:
        return None
    cache = Cache(folder, config)
    try:
        return cache.open()
    except OSError as exc:
        summary.warnings.append(f"the cache {folder} cannot be used ({exc.strerror or exc}): "
                                "the run goes on without it")
        return None
