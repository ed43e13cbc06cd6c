"""Ruled tables from pdfium's path objects: the rows pdfplumber's lattice finder gives, much faster."""
from __future__ import annotations

import io

import pdfplumber
import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen import canvas

from pipeline.ingest.pdf import read_pdf
from pipeline.ingest.pdf_tables import ruled_tables

ROWS = [
    ("Indicator", "", "2023", "2024"),
    ("Paddy", "tonnes", "1.250,5", "1.310"),
    ("Maize", "tonnes", "420", "455,25"),
    ("Income", "million VND", "61,2", "66,8"),
]
LEFT, TOP, COL, ROW = 72.0, 700.0, 110.0, 24.0


def _texts(c: canvas.Canvas, rows=ROWS, widths=None) -> None:
    c.setFont("Helvetica", 10)
    for r, row in enumerate(rows):
        x = LEFT
        for k, text in enumerate(row):
            c.drawString(x + 4, TOP - r * ROW - 16, text)
            x += COL * (widths[k] if widths else 1)


def _pdf(draw) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    draw(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def _line_grid(c: canvas.Canvas, merged_header: bool = True) -> None:
    """One path object per ruling; the header's first cell spans two columns."""
    _texts(c)
    c.setLineWidth(0.6)
    for r in range(len(ROWS) + 1):
        c.line(LEFT, TOP - r * ROW, LEFT + 4 * COL, TOP - r * ROW)
    for k in range(5):
        if k == 1 and merged_header:  # no ruling between the first two header cells
            c.line(LEFT + COL, TOP - ROW, LEFT + COL, TOP - len(ROWS) * ROW)
        else:
            c.line(LEFT + k * COL, TOP, LEFT + k * COL, TOP - len(ROWS) * ROW)


def _rect_grid(c: canvas.Canvas) -> None:
    """Every cell stroked as its own rectangle (closed sub-paths)."""
    _texts(c)
    for r in range(len(ROWS)):
        for k in range(4):
            c.rect(LEFT + k * COL, TOP - (r + 1) * ROW, COL, ROW, stroke=1, fill=0)


def _one_path_grid(c: canvas.Canvas) -> None:
    """The whole grid as one path object of many segments."""
    _texts(c)
    path = c.beginPath()
    for r in range(len(ROWS) + 1):
        path.moveTo(LEFT, TOP - r * ROW)
        path.lineTo(LEFT + 4 * COL, TOP - r * ROW)
    for k in range(5):
        path.moveTo(LEFT + k * COL, TOP)
        path.lineTo(LEFT + k * COL, TOP - len(ROWS) * ROW)
    c.drawPath(path, stroke=1, fill=0)


def _rows(data: bytes) -> list[list[tuple[str, ...]]]:
    pdf = pdfium.PdfDocument(data)
    page = pdf[0]
    textpage = page.get_textpage()
    try:
        return [t.rows for t in ruled_tables(page, textpage)]
    finally:
        textpage.close()
        page.close()
        pdf.close()


def _plumber_rows(data: bytes) -> list[list[tuple[str, ...]]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        found = []
        for table in pdf.pages[0].find_tables():
            rows = [tuple(cell or "" for cell in row) for row in table.extract()]
            found.append([r for r in rows if any(c.strip() for c in r)])
        return found


@pytest.mark.parametrize("draw", [_line_grid, _rect_grid, _one_path_grid])
def test_rows_equal_pdfplumbers(draw):
    data = _pdf(draw)
    assert _rows(data) == _plumber_rows(data)


def test_merged_header_cell_leaves_an_empty_slot():
    [rows] = _rows(_pdf(_line_grid))
    assert rows[0] == ("Indicator", "", "2023", "2024")
    assert rows[1:] == ROWS[1:]


def test_unmerged_grid_reads_every_cell():
    [rows] = _rows(_pdf(lambda c: _line_grid(c, merged_header=False)))
    assert rows == ROWS


def test_a_wrapped_cell_keeps_its_lines_in_reading_order():
    rows = [*ROWS[:3], ("Income", "million VND", "61,2", "")]

    def draw(c):
        _texts(c, rows)
        c.setLineWidth(0.6)
        for r in range(len(rows) + 1):
            c.line(LEFT, TOP - r * ROW, LEFT + 4 * COL, TOP - r * ROW)
        for k in range(5):
            c.line(LEFT + k * COL, TOP, LEFT + k * COL, TOP - len(rows) * ROW)
        c.setFont("Helvetica", 8)
        c.drawString(LEFT + 3 * COL + 4, TOP - 3 * ROW - 10, "66,8")  # two lines in one cell
        c.drawString(LEFT + 3 * COL + 4, TOP - 3 * ROW - 20, "(est.)")

    data = _pdf(draw)
    [found] = _rows(data)
    assert found[3][3] == "66,8\n(est.)"
    assert [found] == _plumber_rows(data)


def test_underlines_and_a_framed_line_are_not_tables():
    def draw(c):
        c.setFont("Helvetica", 10)
        c.drawString(LEFT, TOP, "Independence - Freedom - Happiness")
        c.line(LEFT + 20, TOP - 3, LEFT + 150, TOP - 3)  # the underline under the motto
        c.rect(LEFT, TOP - 60, 200, 20)  # a framed line of text: one cell
        c.drawString(LEFT + 4, TOP - 54, "DRAFT")

    assert _rows(_pdf(draw)) == []


def test_reader_puts_the_table_rows_in_one_block_and_keeps_them_out_of_the_prose():
    def draw(c):
        _line_grid(c, merged_header=False)
        c.setFont("Helvetica", 10)
        c.drawString(LEFT, TOP + 30, "Table 1. Main figures of the year, as follows:")
        c.drawString(LEFT, TOP - 6 * ROW, "The figures above are estimates for the whole year.")

    doc = read_pdf(_pdf(draw))
    assert [b.cells for b in doc.blocks if b.cells] == ROWS
    prose = " ".join(b.text for b in doc.blocks if not b.cells)
    assert "Table 1." in prose and "estimates" in prose and "Paddy" not in prose


def test_a_page_whose_text_is_all_in_a_ruled_table_has_a_text_layer():
    """Table cells are text: a born-digital PDF of tables only was refused as "no text layer
    (scanned?)" (its table lines carry no text of their own), and with OCR installed such pages
    went to OCR."""
    doc = read_pdf(_pdf(lambda c: _line_grid(c, merged_header=False)))
    assert [b.cells for b in doc.blocks if b.cells] == ROWS
    assert doc.ocr_pages == ()


def test_a_table_only_page_beside_prose_is_not_sent_to_ocr(monkeypatch):
    import pipeline.ingest.pdf as pdf_reader

    def two_pages(c):
        c.setFont("Helvetica", 10)
        c.drawString(LEFT, TOP, "The year's report: every figure is in the table on the next page.")
        c.showPage()
        _line_grid(c, merged_header=False)

    monkeypatch.setattr(pdf_reader.ocr, "available", lambda: None)  # as if Tesseract were installed
    sent: list[list[int]] = []
    monkeypatch.setattr(pdf_reader, "_ocr", lambda data, pages: sent.append(pages) or {})
    doc = read_pdf(_pdf(two_pages))
    assert sent == [] and doc.ocr_pages == ()
    assert [b.cells for b in doc.blocks if b.cells] == ROWS
