"""Ingest: bytes in, one normalized `Document` out, whatever the format.

`read()` picks the reader by the format sniffed from the bytes; `assemble()` normalizes the
reader's blocks once and lays them into the document's text with offsets.

Readers are imported when a file of their format first comes (python-docx and pypdfium2 cost
~0.12 s to import): the parent of a pool run and a worker that meets only text never pay them.
"""
from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from ..model import RawDocument
from .assemble import assemble
from .errors import IngestError, Unsupported
from .legacy import repair
from .sniff import sniff

Reader = Callable[[bytes], RawDocument]

# format -> (module of this package, its reader function)
READERS: dict[str, tuple[str, str]] = {"txt": ("txt", "read_txt"), "docx": ("docx", "read_docx"),
                                       "pdf": ("pdf", "read_pdf"), "doc": ("doc", "read_doc")}


def reader_for(fmt: str) -> Reader | None:
    """The reader of a sniffed format, imported on first use; None for formats not read."""
    if fmt not in READERS:
        return None
    module, name = READERS[fmt]
    return getattr(import_module(f".{module}", __name__), name)

# Formats recognized but not read, with what a person can do about them.
SKIP_REASONS: dict[str, str] = {
    "ole2": "an Office 97-2003 file that is not a Word document",
    "rtf": "RTF is not read yet: save it as .docx",
    "odt": "OpenDocument text is not read yet: save it as .docx",
    "xlsx": "a spreadsheet, not a report",
    "pptx": "a presentation, not a report",
    "zip": "a zip archive: unpack it and pass the folder",
    "rar": "a RAR archive: unpack it and pass the folder",
    "7z": "a 7-Zip archive: unpack it and pass the folder",
    "gzip": "a gzip archive: unpack it and pass the folder",
    "png": "an image: OCR is not supported yet",
    "jpeg": "an image: OCR is not supported yet",
    "gif": "an image: OCR is not supported yet",
    "tiff": "an image: OCR is not supported yet",
    "binary": "not a document chitieu knows (binary content)",
    "tsv": "a data table (.tsv), not a report",
    "csv": "a data table (.csv), not a report",
    "json": "a data file (.json), not a report",
    "xml": "an XML file, not a report",
    "yaml": "a data file (.yaml), not a report",
    "html": "HTML is not read yet: save the page as .txt or .docx",
    "code": "a program source file, not a report",
}


def read(data: bytes, suffix: str = "") -> RawDocument:
    """Read a file's bytes; raise `Unsupported` (skipped) or `IngestError` (error) with a reason."""
    if not data:
        raise IngestError("empty file (0 bytes)")
    fmt = sniff(data, suffix)
    reader = reader_for(fmt)
    if reader is None:
        raise Unsupported(SKIP_REASONS.get(fmt, f"{fmt} files are not read"))
    return repair(reader(data))


__all__ = ["READERS", "IngestError", "Unsupported", "assemble", "read", "reader_for", "sniff"]
