"""Tell a file's format from its bytes (magic numbers), not from its name.

Archives rename files freely (a .doc saved as .docx, a PDF without extension), so the
extension is only a tie-breaker for plain text.
"""
from __future__ import annotations

import io
import zipfile

# Magic numbers of formats chitieu recognizes but does not read (yet): status `skipped`.
_MAGIC: list[tuple[bytes, str]] = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole2"),  # Word 97-2003 .doc, .xls, .ppt
    (b"{\\rtf", "rtf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
]

# Text files that hold data, not a report (tables, markup, code).
DATA_SUFFIXES = {
    ".tsv": "tsv", ".csv": "csv", ".json": "json", ".xml": "xml", ".yaml": "yaml", ".yml": "yaml",
    ".html": "html", ".htm": "html", ".py": "code", ".js": "code", ".sql": "code",
}

# Zip containers told apart by the part that names them.
_ZIP_KINDS = [
    ("word/document.xml", "docx"),
    ("xl/workbook.xml", "xlsx"),
    ("ppt/presentation.xml", "pptx"),
]


def sniff(data: bytes, suffix: str = "") -> str:
    """The format name: `pdf`, `docx`, `txt`, or another name for formats chitieu skips
    (`doc`, `xlsx`, `odt`, `zip`, `png`, `binary` ...)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data, suffix)
    for magic, name in _MAGIC:
        if head.startswith(magic):
            if name == "ole2":
                return "doc" if suffix.lower() in ("", ".doc", ".docx", ".dot") else "ole2"
            return name
    if not _looks_like_text(data):
        return "binary"
    return DATA_SUFFIXES.get(suffix.lower(), "txt")


def _zip_kind(data: bytes, suffix: str = "") -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                # Read 100 bytes, not the whole member: a "mimetype" of gigabytes of zeros is a zip
                # bomb, and this runs before the docx reader's expansion check.
                with archive.open("mimetype") as member:
                    mimetype = member.read(100).decode("ascii", "replace")
                if "opendocument.text" in mimetype:
                    return "odt"
    except Exception:  # noqa: BLE001
        # sniff() must never raise: process_file calls it from its own error handlers, so an
        # exception here (zlib.error from a corrupt member, RuntimeError from an encrypted one)
        # escaped process_file and stopped the batch.
        # A damaged zip is most often a damaged .docx (the name is the tie-breaker when the
        # bytes say nothing): let the docx reader say what is wrong.
        return "docx" if b"word/" in data[:65536] or suffix.lower() == ".docx" else "zip"
    for part, kind in _ZIP_KINDS:
        if part in names:
            return kind
    return "zip"


def _looks_like_text(data: bytes) -> bool:
    """Text has almost no control bytes; UTF-16 has many NULs but in a regular pattern."""
    sample = data[:65536]
    if not sample:
        return True
    if sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    nul = sample.count(0)
    if nul:
        # UTF-16 without BOM: NULs fill every other byte of ASCII-heavy text.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        return nul > len(sample) // 4 and max(even, odd) > 0.9 * nul
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) < 0.01
