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


def _rezip(data: bytes, replace: dict[str, bytes | None]) -> bytes:
    """`data` with the named parts replaced (None: dropped)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            blob = replace.get(name, src.read(name))
            if blob is not None:
                dst.writestr(name, blob)
    return out.getvalue()


def test_merged_cells_come_once_per_row_as_python_docx_gives_them():
    """The reader walks table XML itself: a cell spanning columns is one cell, a vertically
    merged one repeats in each row it covers, as python-docx's `row.cells` has it."""
    from pipeline.ingest.docx import read_docx

    d = docx.Document()
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"r{r}c{c}"
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(1, 2).merge(table.cell(2, 2))
    expected = []
    for row in table.rows:
        cells: list = []
        for cell in row.cells:
            if not any(cell._tc is seen._tc for seen in cells):
                cells.append(cell)
        expected.append(tuple(cell.text for cell in cells))
    buf = io.BytesIO()
    d.save(buf)
    rows = [b.cells for b in read_docx(buf.getvalue()).blocks if b.kind == BlockKind.TABLE_ROW]
    assert rows == expected
    assert rows[0] == ("r0c0\nr0c1", "r0c2") and rows[1][2] == rows[2][2]


def test_damage_in_a_part_the_reader_does_not_use_loses_nothing():
    """Only the main part, the styles and the page headers and footers are read: a broken
    settings part (python-docx's Document() parsed it and failed) costs no text."""
    from pipeline.ingest.docx import read_docx

    data = build_report_docx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        settings = archive.read("word/settings.xml")
    broken = _rezip(data, {"word/settings.xml": settings[: len(settings) // 2]})
    assert read_docx(broken) == read_docx(data)


def test_a_document_without_a_styles_part_has_no_headings_but_is_read():
    from lxml import etree

    from pipeline.ingest.docx import read_docx

    d = docx.Document()
    d.add_heading("I. KẾT QUẢ", level=1)
    d.add_paragraph("Thu ngân sách đạt 12,5 tỷ đồng.")
    buf = io.BytesIO()
    d.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as archive:
        rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
    for rel in list(rels):
        if rel.get("Type").endswith("/styles"):
            rels.remove(rel)
    data = _rezip(buf.getvalue(), {"word/styles.xml": None, "word/_rels/document.xml.rels": etree.tostring(rels)})
    kinds = [b.kind for b in read_docx(data).blocks]
    assert kinds == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]  # as python-docx's default styles had it


def test_a_macro_enabled_document_is_an_error_with_a_reason():
    data = build_report_docx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml")
    docm = types.replace(b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
    assert docm != types
    with pytest.raises(IngestError, match="docx is damaged: ValueError: not a Word document"):
        read(_rezip(data, {"[Content_Types].xml": docm}), ".docx")


_RELS_NS = b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'


@pytest.mark.parametrize("part, xml", [
    ("[Content_Types].xml", b"<Types/>"),  # wrong root: no namespace
    ("[Content_Types].xml", b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                            b"<Override/></Types>"),  # an override without its attributes
    ("_rels/.rels", b"<Relationships/>"),
    ("_rels/.rels", b"<Relationships " + _RELS_NS + b'><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/officeDocument"/></Relationships>'),  # no Target
    ("word/_rels/document.xml.rels", b"<Relationships/>"),
])
def test_a_malformed_package_part_is_damage_with_a_reason_not_a_reader_bug(part, xml):
    """python-docx's loaders of content types and relationships trust the part's shape; a
    mangled one is the file's damage, named in the reason."""
    with pytest.raises(IngestError, match=rf"docx is damaged: .*{part.split('/')[-1].replace('[', '.').replace(']', '.')}"):
        read(_rezip(build_report_docx(), {part: xml}), ".docx")
