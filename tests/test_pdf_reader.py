import pytest

from pipeline.ingest import IngestError, assemble, read
from pipeline.ingest.reflow import continues, join_text
from pipeline.model import BlockKind

from .conftest import FIXTURES


def _fixture(name: str) -> bytes:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"fixture {name} not built (make samples)")
    return path.read_bytes()


@pytest.fixture(scope="module")
def wrapped():
    return assemble(read(_fixture("wrapped_multipage.pdf"), ".pdf"), "x", "wrapped_multipage.pdf")


def test_lines_wrapped_mid_sentence_and_mid_amount_are_rejoined(wrapped):
    sentences = [wrapped.block_text(b) for b in wrapped.blocks if "1.234,56" in wrapped.block_text(b)]
    assert sentences and all("1.234,56 tỷ đồng, đạt 101,8% kế hoạch" in s for s in sentences)


def test_running_headers_and_page_numbers_are_dropped(wrapped):
    assert "Trang " not in wrapped.text
    assert "Báo cáo năm 2023" not in wrapped.text


def test_every_block_knows_its_page(wrapped):
    pages = [b.page for b in wrapped.blocks]
    assert pages[0] == 1 and pages == sorted(pages) and max(pages) == wrapped.n_pages


def test_two_column_header_becomes_one_row_with_two_cells(wrapped):
    first = wrapped.blocks[0]
    assert first.kind == BlockKind.TABLE_ROW and len(first.cells) == 2
    left, right = (wrapped.span_text(c) for c in first.cells)
    assert "Số: 87/BC-UBND" in left and "ngày 15 tháng 12 năm 2023" in right
    assert wrapped.block_text(wrapped.blocks[1]) == "BÁO CÁO"


def test_closing_block_keeps_recipients_and_signature_apart(wrapped):
    last = wrapped.blocks[-1]
    left, right = (wrapped.span_text(c) for c in last.cells)
    assert left.startswith("Nơi nhận") and "- Lưu: VT." in left.split("\n")
    assert right.startswith("TM. ỦY BAN NHÂN DÂN") and right.endswith("Phạm Văn Hùng")


def test_scanned_pdf_is_read_by_ocr_or_says_what_is_missing():
    from pipeline.ingest import Unsupported, ocr

    data = _fixture("scanned.pdf")
    if ocr.available() is not None:
        with pytest.raises(Unsupported, match=r"no text layer \(scanned\?\): OCR needs apt-get install tesseract"):
            read(data, ".pdf")
        return
    raw = read(data, ".pdf")
    assert raw.ocr_pages == (1,) and 0 < raw.ocr_confidence <= 1
    text = " ".join(b.text for b in raw.blocks)
    assert any(word in text for word in ("năm", "BÁO", "xã", "UBND")), text[:200]


def test_corrupt_pdf_is_an_error_with_a_reason():
    data = _fixture("wrapped_multipage.pdf")
    with pytest.raises(IngestError, match="pdf"):
        read(data[:400], ".pdf")


@pytest.mark.parametrize(
    "prev, nxt, joined",
    [
        ("Tổng giá trị sản xuất ước đạt 1.068,5 tỷ", "đồng, tăng 9%", "Tổng giá trị sản xuất ước đạt 1.068,5 tỷ đồng, tăng 9%"),
        ("doanh thu đạt 1.068,", "692 tỷ đồng", "doanh thu đạt 1.068,692 tỷ đồng"),
    ],
)
def test_reflow_joins_sentences_cut_by_a_break(prev, nxt, joined):
    assert continues(prev, nxt)
    assert join_text(prev, nxt) == joined


@pytest.mark.parametrize(
    "prev, nxt",
    [
        ("đạt 101% kế hoạch.", "tiếp tục thực hiện"),
        ("Các chỉ tiêu chủ yếu", "- Thu ngân sách 5 tỷ đồng"),
        ("nhiệm vụ trọng tâm", "2.1. Lĩnh vực kinh tế"),
        ("KẾT QUẢ", "Năm 2024 xã đã"),
    ],
)
def test_reflow_keeps_real_breaks(prev, nxt):
    assert not continues(prev, nxt)


# A PDF whose glyphs are placed one by one, each in its own text object, the way signing tools
# rewrite Word's output: pdfium's segments are then single letters with boxes of their own
# height (a hyphen's is a sliver), and a reader trusting them takes words and numbers apart.
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def _dejavu() -> None:
    from pathlib import Path

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if not Path(DEJAVU).exists():
        pytest.skip("DejaVu Serif (fonts-dejavu-core) is not installed")
    pdfmetrics.registerFont(TTFont("DejaVuSerif", DEJAVU))


def _glyph_by_glyph_pdf(lines: list[tuple]) -> bytes:
    """(x, y, text) or (x, y, text, font size) per run of glyphs; returns the PDF."""
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen import canvas

    _dejavu()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    for x, y, text, *size in lines:
        size = size[0] if size else 12
        c.setFont("DejaVuSerif", size)
        for ch in text:  # a space is a jump of its width, no character
            if ch != " ":
                c.drawString(x, y, ch)
            x += pdfmetrics.stringWidth(ch, "DejaVuSerif", size)
    c.showPage()
    c.save()
    return buf.getvalue()


SUBMISSION = [
    (80, 780, "UBND TỈNH HÒA AN"), (300, 780, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    (95, 764, "SỞ TƯ PHÁP"), (330, 764, "Độc lập - Tự do - Hạnh phúc"),
    (80, 740, "Số: 418/TTr-STP"), (320, 740, "Hòa An, ngày 09 tháng 4 năm 2025"),
    (260, 705, "TỜ TRÌNH"), (150, 688, "Về việc đổi tên Hội Người cao tuổi phường Bến Nghé"),
    (80, 650, "Sở Tư pháp nhận được Công văn số 27/CV-HNCT ngày 02/4/2025 của Hội"),
    (80, 632, "Người cao tuổi phường Bến Nghé về việc đề nghị đổi tên hội."),
]


def test_glyphs_placed_one_by_one_read_as_words():
    doc = assemble(read(_glyph_by_glyph_pdf(SUBMISSION), ".pdf"), "x", "glyphs.pdf")
    first = doc.blocks[0]
    assert first.kind == BlockKind.TABLE_ROW
    left, right = (doc.span_text(c) for c in first.cells)
    assert left.split("\n") == ["UBND TỈNH HÒA AN", "SỞ TƯ PHÁP", "Số: 418/TTr-STP"]
    assert right.split("\n") == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                 "Hòa An, ngày 09 tháng 4 năm 2025"]
    texts = [doc.block_text(b) for b in doc.blocks[1:]]
    assert texts == ["TỜ TRÌNH", "Về việc đổi tên Hội Người cao tuổi phường Bến Nghé",
                     "Sở Tư pháp nhận được Công văn số 27/CV-HNCT ngày 02/4/2025 của Hội "
                     "Người cao tuổi phường Bến Nghé về việc đề nghị đổi tên hội."]


def test_blanks_left_for_number_and_day_keep_their_line_together():
    # "Số:" and the code typed after a blank for the number, "ngày" and "tháng" around a blank day:
    # wide gaps inside one column are no column gutters.
    draft = [
        (80, 780, "ỦY BAN NHÂN DÂN"), (300, 780, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (90, 764, "TỈNH HÒA AN"), (330, 764, "Độc lập - Tự do - Hạnh phúc"),
        (80, 740, "Số:"), (140, 740, "/QĐ-UBND"), (320, 740, "Hòa An, ngày"), (430, 740, "tháng 5 năm 2025"),
        (250, 705, "QUYẾT ĐỊNH"),
    ]
    doc = assemble(read(_glyph_by_glyph_pdf(draft), ".pdf"), "x", "draft.pdf")
    left, right = (doc.span_text(c) for c in doc.blocks[0].cells)
    assert left.split("\n")[-1] == "Số: /QĐ-UBND"
    assert right.split("\n")[-1] == "Hòa An, ngày tháng 5 năm 2025"


def test_superscripts_stay_on_their_line():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _dejavu()

    def after(x, text, size=12):
        return x + stringWidth(text, "DejaVuSerif", size)

    first, second = "Diện tích đất ở bình quân 25 m", "Nguồn vốn từ quỹ khuyến học"
    runs = [(80, 700, first), (after(80, first), 704, "2", 7), (after(after(80, first), "2", 7), 700, " mỗi hộ."),
            (80, 682, second), (after(80, second), 686, "1", 7), (after(after(80, second), "1", 7), 682, ", cấp xã."),
            (80, 100, "Theo Điều lệ của quỹ.", 9), (74, 103, "1", 6)]
    doc = assemble(read(_glyph_by_glyph_pdf(runs), ".pdf"), "x", "sup.pdf")
    assert "Diện tích đất ở bình quân 25 m2 mỗi hộ." in doc.text
    assert "Nguồn vốn từ quỹ khuyến học1, cấp xã." in doc.text
    assert doc.block_text(doc.blocks[-1]) == "1 Theo Điều lệ của quỹ."  # the footnote keeps its mark


def test_ocr_words_are_laid_out_in_columns_like_a_text_layer(monkeypatch):
    # A scan's header and signature block are two columns; OCR's words keep their places, so
    # they come out as the same two-cell rows a text layer gives (not "Nơi nhận: TM. ỦY BAN" lines).
    from pipeline.ingest import ocr
    from pipeline.ingest.pdf import OCR_ALL

    if ocr.available() is not None:
        pytest.skip(f"OCR needs {ocr.available()}")
    closing = [(80, 560, "Nơi nhận:"), (360, 560, "KT. GIÁM ĐỐC"),
               (80, 544, "- UBND tỉnh;"), (360, 544, "PHÓ GIÁM ĐỐC"),
               (80, 528, "- Lưu: VT."), (360, 480, "Đặng Văn Lâm")]
    monkeypatch.setenv(OCR_ALL, "1")
    doc = assemble(read(_glyph_by_glyph_pdf(SUBMISSION + closing), ".pdf"), "x", "scan.pdf")
    assert doc.ocr_pages == (1,)
    header, footer = doc.blocks[0], doc.blocks[-1]
    assert header.kind == footer.kind == BlockKind.TABLE_ROW
    left, right = (doc.span_text(c) for c in header.cells)
    assert "418/TTr-STP" in left and "CỘNG HÒA" not in left
    assert "ngày 09 tháng 4 năm 2025" in right
    left, right = (doc.span_text(c) for c in footer.cells)
    assert left.startswith("Nơi nhận") and "GIÁM ĐỐC" not in left
    assert right.endswith("Đặng Văn Lâm")


def test_line_forgets_its_joined_text_and_cells_when_a_word_is_added():
    # Line caches its text and cells (the layout rules read them many times): adding a word and
    # sorting must recompute both, and its band (centre, height) must follow the new word.
    from pipeline.ingest.pdf import Line, Segment

    line = Line([Segment(100, 130, 10, 22, "đạt "), Segment(10, 60, 10, 22, "Doanh thu ")], page=1)
    assert line.text == "Doanh thu đạt" and [c[4] for c in line.cells()] == ["Doanh thu ", "đạt "]
    line.add(Segment(300, 340, 8, 22, "101%"))
    line.add(Segment(62, 98, 10, 24, "thuần "))
    line.sort()
    assert line.text == "Doanh thu thuần đạt 101%"
    assert [c[4] for c in line.cells()] == ["Doanh thu thuần đạt ", "101%"]  # cells are plain 5-tuples
    assert (line.top, line.bottom, line.height, line.centre) == (8, 24, 16, 16)
