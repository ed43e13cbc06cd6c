import io
import zipfile
from pathlib import Path

import docx
import pytest

from pipeline.ingest import IngestError, assemble, read
from pipeline.model import BlockKind

from .conftest import FIXTURES


def _borderless_row(table, left: list[str], right: list[str]) -> None:
    row = table.add_row() if table.rows[0].cells[0].text else table.rows[0]
    for cell, lines in zip(row.cells, (left, right)):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)


def build_report_docx() -> bytes:
    d = docx.Document()
    header = d.add_table(rows=1, cols=2)
    _borderless_row(header, ["ỦY BAN NHÂN DÂN", "XÃ HÒA LẠC", "Số: 17/BC-UBND"],
                    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Hòa Lạc, ngày 20 tháng 12 năm 2024"])
    d.add_paragraph("BÁO CÁO")
    d.add_paragraph("Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2024")
    d.add_heading("I. KẾT QUẢ ĐẠT ĐƯỢC", level=1)
    d.add_paragraph("Tổng giá trị sản xuất ước đạt 402,7 tỷ đồng, đạt 101,2% kế hoạch.")
    data = d.add_table(rows=2, cols=3)
    for cell, text in zip(data.rows[0].cells, ["Chỉ tiêu", "Đơn vị", "Thực hiện"]):
        cell.text = text
    for cell, text in zip(data.rows[1].cells, ["Tỷ lệ hộ nghèo", "%", "1,45"]):
        cell.text = text
    closing = d.add_table(rows=1, cols=2)
    _borderless_row(closing, ["Nơi nhận:", "- UBND huyện Thạch Thất;", "- Lưu: VT."],
                    ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Đinh Công Lực"])
    d.sections[0].header.paragraphs[0].text = "Báo cáo năm 2024 - xã Hòa Lạc"
    d.sections[0].footer.paragraphs[0].text = "Trang 1"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_paragraphs_and_tables_come_in_document_order():
    doc = assemble(read(build_report_docx(), ".docx"), "x", "a.docx")
    kinds = [b.kind for b in doc.blocks]
    texts = [doc.block_text(b) for b in doc.blocks]
    assert kinds[0] == BlockKind.TABLE_ROW
    assert texts[1:4] == ["BÁO CÁO", "Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2024",
                          "I. KẾT QUẢ ĐẠT ĐƯỢC"]
    assert kinds[3] == BlockKind.HEADING
    assert "Tỷ lệ hộ nghèo | % | 1,45" in texts


def test_layout_table_cells_stay_apart_with_their_lines():
    doc = assemble(read(build_report_docx(), ".docx"), "x", "a.docx")
    left, right = (doc.span_text(c) for c in doc.blocks[0].cells)
    assert left.split("\n") == ["ỦY BAN NHÂN DÂN", "XÃ HÒA LẠC", "Số: 17/BC-UBND"]
    assert right.endswith("Hòa Lạc, ngày 20 tháng 12 năm 2024")


def test_headers_and_footers_are_kept_apart_at_the_end():
    doc = assemble(read(build_report_docx(), ".docx"), "x", "a.docx")
    assert [b.kind for b in doc.blocks[-2:]] == [BlockKind.PAGE_HEADER, BlockKind.PAGE_FOOTER]
    assert all(b.kind not in (BlockKind.PAGE_HEADER, BlockKind.PAGE_FOOTER) for b in doc.body_blocks())


def test_offsets_point_at_the_text():
    doc = assemble(read(build_report_docx(), ".docx"), "x", "a.docx")
    for block in doc.blocks:
        assert doc.text[block.start:block.end] == doc.block_text(block)
        for cell in block.cells:
            assert block.start <= cell.start <= cell.end <= block.end


def test_truncated_docx_is_an_error_with_a_reason():
    data = build_report_docx()
    with pytest.raises(IngestError, match="docx is damaged"):
        read(data[: len(data) // 2], ".docx")


def test_zip_bomb_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("word/document.xml", b"<w>" + b" " * (50 * 1024 * 1024) + b"</w>")
    with pytest.raises(IngestError, match="zip bomb"):
        read(buf.getvalue(), ".docx")


def test_layout_tables_fixture():
    path = FIXTURES / "layout_tables.docx"
    if not path.exists():
        pytest.skip("fixture layout_tables.docx not built (make samples)")
    doc = assemble(read(path.read_bytes(), ".docx"), "x", path.name)
    assert doc.blocks[0].kind == BlockKind.TABLE_ROW and len(doc.blocks[0].cells) == 2
    assert any(b.kind == BlockKind.PAGE_HEADER for b in doc.blocks)


def test_paragraph_text_is_python_docxs_own_on_every_sample_paragraph():
    """The reader reads paragraph text straight from the XML; it must equal python-docx's."""
    import docx as python_docx
    from docx.oxml.ns import qn

    from pipeline.ingest.docx import _paragraph_text

    root = Path(__file__).resolve().parents[1]
    files = sorted((root / "data" / "raw").glob("*.docx")) + sorted((root / "tests" / "fixtures").rglob("*.docx"))
    assert files
    seen = 0
    for path in files:
        try:
            document = python_docx.Document(str(path))
        except Exception:  # noqa: BLE001 - damaged fixtures are for other tests
            continue
        body = getattr(document.element, "body", None)
        for p in body.iter(qn("w:p")) if body is not None else ():
            assert _paragraph_text(p) == p.text
            seen += 1
    assert seen > 100


def test_paragraph_text_translates_tabs_breaks_hyphens_and_hyperlinks():
    import docx as python_docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from pipeline.ingest.docx import _paragraph_text

    document = python_docx.Document()
    paragraph = document.add_paragraph("Thu ngân sách\tđạt")
    run = paragraph.add_run(" 12,5 tỷ")
    run.add_break()  # a line break: "\n"
    run.add_break(WD_BREAK.PAGE)  # a page break: nothing
    run._r.append(OxmlElement("w:noBreakHyphen"))
    link = OxmlElement("w:hyperlink")
    inner = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "xem phụ lục"
    inner.append(text)
    link.append(inner)
    paragraph._p.append(link)
    assert _paragraph_text(paragraph._p) == paragraph.text == "Thu ngân sách\tđạt 12,5 tỷ\n-xem phụ lục"
    assert qn("w:hyperlink") == link.tag
