"""The per-document function: one file in, one `Document` (with its rows) out.

It never raises: whatever goes wrong for one document, at any step (reading, extracting,
building its rows), becomes that document's status and a one-line reason (`failure`), so a
batch always goes on. It takes and returns plain data, ready for a process pool.

A document is bounded as well as its file: its text (`limits.max_text_chars`) and the figures
and awards it gives (`limits.max_figures_per_document`). A file that would exceed them (20 MB of
one report repeated, a table that explodes into millions of figures) is an `error` with the
limit as its reason instead of a worker running out of memory.
"""
from __future__ import annotations

import contextlib
import hashlib
import signal
import threading
from dataclasses import dataclass

from .. import components
from ..config import Config
from .discover import Source
from ..ingest import IngestError, Unsupported, assemble, read, sniff
from ..model import Document, RawDocument, Status
from .failure import FileTimeout, TooLarge, reason


def doc_id_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass(slots=True)
class Attempt:
    """What is known of one document while it is processed, so that a failure at any step still
    gives a row that says which document it was and where it failed."""

    source: Source
    step: str = "reading"  # where an exception would come from: said in its reason
    doc_id: str = ""
    format: str = "unknown"
    digest: str | None = None  # SHA-256 of the bytes actually read: the cache key
    doc: Document | None = None  # once assembled

    def failed(self, why: str, status: Status = Status.ERROR) -> Document:
        """This document as a failure. Past assembly it keeps what was read of it (pages, header
        fields), but never a partial list of figures or awards; a failure while its rows were
        built gives a bare row (whatever broke may be in the rest)."""
        doc = self.doc
        if doc is None or self.step == "building rows":
            return Document(doc_id=self.doc_id, source_path=self.source.rel, format=self.format,
                            status=status, error=why)
        doc.figures.clear()
        doc.awards.clear()
        doc.status, doc.error = status, why
        return doc


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise FileTimeout in this thread after `seconds` (main thread only: signals are how
    Python interrupts running code; elsewhere, as on Dask's worker threads, no limit applies)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise FileTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def guard(attempt: Attempt, config: Config, result: list[Document]):
    """Run the block under the time limit; any exception of one document (MemoryError and the
    time limit included, not an interrupt) puts that document's failure in `result`."""
    try:
        with time_limit(config.seconds_per_file):
            yield
    except (Exception, FileTimeout) as exc:  # noqa: BLE001 - whatever one document raises
        result.append(attempt.failed(reason(exc, attempt.step, config)))


def process_file(source: Source, config: Config, attempt: Attempt | None = None) -> Document:
    """Read and extract one file under the configured limits; never raises."""
    attempt = attempt or Attempt(source)
    result: list[Document] = []
    with guard(attempt, config, result):
        result.append(extract(attempt, config))
    return result[-1]


def _raw_chars(raw: RawDocument) -> int:
    return sum(len(b.text) + sum(map(len, b.cells)) for b in raw.blocks)


def extract(attempt: Attempt, config: Config) -> Document:
    """The steps of one document, unguarded: `process_file` and `process_to_rows` guard them."""
    source = attempt.source
    if source.problem:
        return attempt.failed(source.problem)
    try:
        size = source.path.stat().st_size
        if size > config.max_file_bytes:
            return attempt.failed(f"file is {size / 2**20:.0f} MB, over the {config.max_file_bytes / 2**20:.0f} MB limit "
                                  "(raise limits.max_file_mb in the config to read it)")
        data = source.path.read_bytes()
    except OSError as exc:
        return attempt.failed(f"cannot read file: {exc.strerror or exc}")
    digest = hashlib.sha256(data)
    attempt.digest = digest.hexdigest()
    attempt.doc_id = attempt.digest[:16]
    suffix = source.path.suffix
    try:
        raw = read(data, suffix)
    except Unsupported as exc:
        attempt.format = sniff(data, suffix)
        return attempt.failed(str(exc), Status.SKIPPED)
    except IngestError as exc:
        attempt.format = sniff(data, suffix) if data else "empty"
        return attempt.failed(str(exc))
    except (Exception, FileTimeout) as exc:  # a reader bug must not stop the batch  # noqa: BLE001
        attempt.format = sniff(data, suffix)
        return attempt.failed(reason(exc, "reader", config))
    attempt.format = raw.format
    del data
    chars = _raw_chars(raw)
    if chars > config.max_text_chars > 0:
        raise TooLarge(f"text is {chars:,} characters, over the limit of {config.max_text_chars:,} "
                       "(raise limits.max_text_chars in the config to read it)")
    attempt.step = "assembling the text"
    doc = attempt.doc = assemble(raw, attempt.doc_id, source.rel)
    components.load(config.plugins)
    if not doc.text.strip():
        doc.status, doc.error = Status.ERROR, f"{doc.format} holds no text"
        return doc
    bound = config.max_figures_per_document
    for name in config.components:
        attempt.step = f"component {name}"
        components.get(name)(doc)
        if bound > 0 and len(doc.figures) + len(doc.awards) > bound:
            raise TooLarge(f"gives over {bound:,} figures and awards (component {name}): refused "
                           "(raise limits.max_figures_per_document in the config to read it)")
    return doc
