"""OCR of PDF pages that have no text layer (scans of signed and stamped originals).

Pages are rendered with pypdfium2 at 200 dpi (measured with benchmarks/bench_ocr.py on dev
pages against their text layer: 0.998 character accuracy at both 200 and 300 dpi, 200 is 1.3x
faster) and read by Tesseract with its
Vietnamese model through pytesseract. Each page's mean word confidence is kept; figures read
from OCR'd pages carry a lower confidence and an `+ocr` extractor mark. Without Tesseract the
document is `skipped`, naming the packages to install.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache

DPI = 200  # measured on dev pages: 0.998 character accuracy at 200 and 300 dpi; 200 is 1.3x faster
LANGUAGE = "vie"
# Pixels a page may be rendered to (A4 at 300 dpi: 8.7 million). A PDF may declare pages of
# 200 x 200 inches: at 300 dpi a 14 GB bitmap, a MemoryError or the OOM killer before any time
# limit. Larger pages are rendered at the resolution that fits.
MAX_PIXELS = 40_000_000
MAX_SIDE = 32_000  # Tesseract refuses images over 32767 pixels on a side ("Image too large")
PSM = 3  # Tesseract's page segmentation mode (3: automatic), chosen by measurement (benchmarks/bench_ocr.py)
THREADS_ENV = "CHITIEU_OCR_THREADS"  # Tesseract processes one document's pages may keep running at once


def _threads() -> int:
    """Pages read at once: one Tesseract process per core by default. A worker of a pool that
    meets a scan thus fills the cores its idle neighbours leave, instead of one page at a time."""
    if value := os.environ.get(THREADS_ENV):
        return max(1, int(value))
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class OcrPage:
    text: str
    confidence: float  # mean word confidence, 0..1
    # (x0, x1, top, bottom, word) in page points from the top edge: the PDF reader lays these out
    # like a text layer's words (columns of the header and the signature block). A word's top and
    # bottom are its Tesseract line's, so that words of one line are one band whatever their letters.
    words: tuple[tuple[float, float, float, float, str], ...] = ()


@cache
def available() -> str | None:
    """Why OCR cannot run here, or None when it can. Asked once per process: the answer needs
    two runs of the `tesseract` command (~0.3 s), and the installation does not change mid-run."""
    if shutil.which("tesseract") is None:
        return "apt-get install tesseract-ocr tesseract-ocr-vie"
    try:
        import pytesseract
    except ImportError:
        return "pip install pytesseract"
    try:
        if LANGUAGE not in pytesseract.get_languages(config=""):
            return "apt-get install tesseract-ocr-vie"
    except Exception:  # noqa: BLE001 - a broken install is as good as none
        return "apt-get install tesseract-ocr tesseract-ocr-vie"
    return None


def ocr_page(page) -> OcrPage:
    """Read one pypdfium2 page: its lines in order, paragraphs separated by a blank line."""
    return ocr_pages([page])[0]


def ocr_pages(pages) -> list[OcrPage]:
    """Read pypdfium2 pages, several at once (`_threads`), in their order.

    pdfium is not thread-safe, so pages are rendered here one by one; each bitmap goes to a
    Tesseract process of its own (OpenMP limited to one thread: processes, not threads, share the
    cores) and is dropped when read: at most `_threads()` bitmaps are held at once."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # inherited by the Tesseract processes
    threads = _threads()
    results: list[OcrPage] = []
    with tempfile.TemporaryDirectory(prefix="chitieu-ocr-") as tmp, ThreadPoolExecutor(threads) as pool:
        pending: deque = deque()
        for k, page in enumerate(pages):
            if len(pending) >= threads:
                results.append(pending.popleft().result())
            path, scale = _render(page, os.path.join(tmp, f"page-{k}.pgm"))
            pending.append(pool.submit(_read, path, scale))
        results += [future.result() for future in pending]
    return results


def _render(page, path: str) -> tuple[str, float]:
    """The page as a grey image file (PGM: no compression to pay on either side) and its scale."""
    width, height = page.get_size()
    scale = min(DPI / 72, (MAX_PIXELS / max(width * height, 1.0)) ** 0.5, MAX_SIDE / max(width, height, 1.0))
    page.render(scale=scale).to_pil().convert("L").save(path)
    return path, scale


def _read(path: str, scale: float) -> OcrPage:
    import pytesseract

    try:
        data = pytesseract.image_to_data(path, lang=LANGUAGE, config=f"--psm {PSM}", output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError as exc:  # a page Tesseract refuses is damage, not a reader bug
        from .errors import IngestError

        raise IngestError(f"a page could not be read by OCR: {str(exc.message)[:120]}") from exc
    finally:
        os.unlink(path)
    lines: dict[tuple[int, int, int], list[str]] = {}
    boxes: dict[tuple[int, int, int], list[tuple[float, float, float, float, str]]] = {}
    confidences: list[float] = []
    for i, word in enumerate(data["text"]):
        if not word.strip():
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, []).append(word)
        left, top = data["left"][i] / scale, data["top"][i] / scale
        boxes.setdefault(key, []).append(
            (left, left + data["width"][i] / scale, top, top + data["height"][i] / scale, word.strip()))
        conf = float(data["conf"][i])
        if conf >= 0:
            confidences.append(conf / 100)
    placed: list[tuple[float, float, float, float, str]] = []
    for line in boxes.values():
        top, bottom = min(b[2] for b in line), max(b[3] for b in line)
        placed += [(x0, x1, top, bottom, word) for x0, x1, _, _, word in line]
    out: list[str] = []
    previous: tuple[int, int] | None = None
    for (block, par, _), words in sorted(lines.items()):
        if previous is not None and previous != (block, par):
            out.append("")
        out.append(" ".join(words))
        previous = (block, par)
    return OcrPage("\n".join(out), sum(confidences) / len(confidences) if confidences else 0.0, tuple(placed))
