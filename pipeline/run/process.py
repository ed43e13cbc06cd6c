"""The per-document function: one file in, one `Document` (with its rows) out.

It never raises: whatever goes wrong becomes the document's status and a one-line reason,
so a batch always goes on. It takes and returns plain data, ready for a process pool.
"""
from __future__ import annotations

import contextlib
import hashlib
import signal
import threading

from .. import components
from ..config import Config
from .discover import Source
from ..ingest import IngestError, Unsupported, assemble, read, sniff
from ..model import Document, Status


def doc_id_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _failed(source: Source, status: Status, reason: str, doc_id: str = "", fmt: str = "unknown") -> Document:
    return Document(doc_id=doc_id, source_path=source.rel, format=fmt, status=status, error=reason)


class FileTimeout(BaseException):
    """A file took longer than the configured limit (a BaseException, so no reader swallows it)."""


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


def process_file(source: Source, config: Config) -> Document:
    """Read and extract one file under the configured time limit; never raises."""
    try:
        with time_limit(config.seconds_per_file):
            return _process(source, config)
    except FileTimeout:
        return _failed(source, Status.ERROR,
                       f"took longer than {config.seconds_per_file:.0f} s: refused (raise limits.seconds_per_file to allow it)")
    except MemoryError:
        return _failed(source, Status.ERROR,
                       "needed more memory than limits.memory_per_worker_mb allows: refused")


def _process(source: Source, config: Config) -> Document:
    if source.problem:
        return _failed(source, Status.ERROR, source.problem)
    try:
        size = source.path.stat().st_size
        if size > config.max_file_bytes:
            return _failed(source, Status.ERROR,
                           f"file is {size / 2**20:.0f} MB, over the {config.max_file_bytes / 2**20:.0f} MB limit "
                           "(raise limits.max_file_mb in the config to read it)")
        data = source.path.read_bytes()
    except OSError as exc:
        return _failed(source, Status.ERROR, f"cannot read file: {exc.strerror or exc}")
    doc_id = doc_id_of(data)
    suffix = source.path.suffix
    try:
        raw = read(data, suffix)
    except Unsupported as exc:
        return _failed(source, Status.SKIPPED, str(exc), doc_id, sniff(data, suffix))
    except IngestError as exc:
        return _failed(source, Status.ERROR, str(exc), doc_id, sniff(data, suffix) if data else "empty")
    except Exception as exc:  # a reader bug must not stop the batch  # noqa: BLE001
        return _failed(source, Status.ERROR, f"reader failed: {type(exc).__name__}: {str(exc)[:160]} (please report)",
                       doc_id, sniff(data, suffix))
    doc = assemble(raw, doc_id, source.rel)
    components.load(config.plugins)
    if not doc.text.strip():
        doc.status, doc.error = Status.ERROR, f"{doc.format} holds no text"
        return doc
    for name in config.components:
        try:
            components.get(name)(doc)
        except Exception as exc:  # noqa: BLE001
            doc.status = Status.ERROR
            doc.error = f"component {name} failed: {type(exc).__name__}: {str(exc)[:160]} (please report)"
            doc.figures.clear()
            doc.awards.clear()
            break
    return doc
