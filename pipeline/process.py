"""The per-document function: one file in, one `Document` (with its rows) out.

It never raises: whatever goes wrong becomes the document's status and a one-line reason,
so a batch always goes on. It takes and returns plain data, ready for a process pool.
"""
from __future__ import annotations

import hashlib

from . import components
from .config import Config
from .discover import Source
from .ingest import IngestError, Unsupported, assemble, read, sniff
from .model import Document, Status


def doc_id_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _failed(source: Source, status: Status, reason: str, doc_id: str = "", fmt: str = "unknown") -> Document:
    return Document(doc_id=doc_id, source_path=source.rel, format=fmt, status=status, error=reason)


def process_file(source: Source, config: Config) -> Document:
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
