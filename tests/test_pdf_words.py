"""The two ways `page_words` joins characters give the same words: runs taken whole (checked
page-wide with numpy) and runs joined character by character."""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline.ingest import pdf_words

ROOT = Path(__file__).resolve().parents[1]
PDFS = sorted((ROOT / "tests" / "fixtures").rglob("*.pdf")) + sorted((ROOT / "data" / "raw").glob("*.pdf"))


def _words(path: Path) -> list[list[tuple]]:
    pages = []
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return pages
    for page in pdf:
        pages.append(pdf_words.page_words(page.get_textpage(), page.get_height()))
    pdf.close()
    return pages


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_whole_runs_and_character_scan_agree(path, monkeypatch):
    fast = _words(path)
    real = pdf_words._clean_runs

    def nothing_clean(text, found, boxes):
        starts, stops, clean, *rest = real(text, found, boxes)
        return (starts, stops, [False] * len(clean), *rest)

    monkeypatch.setattr(pdf_words, "_clean_runs", nothing_clean)
    assert _words(path) == fast


def test_a_run_with_a_wide_gap_is_two_words():
    """Letters with a wide gap and no space character between are two words (pdfium may add a
    space of its own: the first word then keeps it)."""
    from io import BytesIO

    from reportlab.pdfgen import canvas

    buf = BytesIO()
    c = canvas.Canvas(buf, pagesize=(300, 200))
    text = c.beginText(20, 100)
    text.setFont("Helvetica", 12)
    text.textOut("ab")
    text.moveCursor(12 * 0.9 + 20, 0)  # well past "ab"'s own width: no space character between
    text.textOut("cd")
    c.drawText(text)
    c.showPage()
    c.save()
    page = pdfium.PdfDocument(buf.getvalue())[0]
    words = [w[4].strip() for w in pdf_words.page_words(page.get_textpage(), page.get_height())]
    assert words == ["ab", "cd"]
