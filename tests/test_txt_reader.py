import unicodedata

import pytest

from pipeline.ingest import assemble, read
from pipeline.ingest.txt import decode, read_txt
from pipeline.model import BlockKind
from pipeline.normalize import TONE_MARKS

from .conftest import FIXTURES

REPORT = "BÁO CÁO\nKết quả thực hiện nhiệm vụ năm 2024 của xã Hòa Lạc\n"


@pytest.mark.parametrize(
    "encoding, expected",
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le")],
)
def test_unicode_encodings_are_detected(encoding, expected):
    text, found = decode(REPORT.encode(encoding))
    assert text.strip() == REPORT.strip()
    assert found == expected


def to_cp1258(text: str) -> bytes:
    """Windows-1258 has the vowels with hats and horns but writes tones as combining marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in parts if c in TONE_MARKS)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
            out.append((base + tones).encode("cp1258"))
    return b"".join(out)


def test_windows_1258_is_decoded_and_recomposed():
    data = to_cp1258(REPORT)
    raw = read_txt(data)
    doc = assemble(raw, "x", "a.txt")
    assert raw.encoding == "cp1258"
    assert "Kết quả thực hiện nhiệm vụ năm 2024 của xã Hòa Lạc" in doc.text


def test_markdown_marks_are_removed_without_gluing_words():
    data = (
        "### **I. KẾT QUẢ ĐẠT ĐƯỢC**\n"
        "* *Trong lĩnh vực nông nghiệp:* tổng sản lượng đạt 1.250 tấn.\n"
        "KẾ HOẠCH**Phát động phong trào thi đua năm 2025****II. NHIỆM VỤ**\n"
    ).encode()
    doc = assemble(read(data, ".txt"), "x", "a.txt")
    lines = [doc.block_text(b) for b in doc.blocks]
    assert lines == [
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "Trong lĩnh vực nông nghiệp: tổng sản lượng đạt 1.250 tấn.",
        "KẾ HOẠCH",
        "Phát động phong trào thi đua năm 2025",
        "II. NHIỆM VỤ",
    ]
    assert doc.blocks[0].kind == BlockKind.HEADING


def test_hard_wrapped_sentences_are_rejoined_but_list_items_are_not():
    data = (
        "Tổng giá trị sản xuất ước đạt 512,4 tỷ\n"
        "đồng, tăng 8,1% so với cùng kỳ.\n"
        "- Thu ngân sách đạt 12,5 tỷ đồng;\n"
        "- Chi ngân sách 11,2 tỷ đồng.\n"
    ).encode()
    doc = assemble(read(data, ".txt"), "x", "a.txt")
    assert [doc.block_text(b) for b in doc.blocks] == [
        "Tổng giá trị sản xuất ước đạt 512,4 tỷ đồng, tăng 8,1% so với cùng kỳ.",
        "- Thu ngân sách đạt 12,5 tỷ đồng;",
        "- Chi ngân sách 11,2 tỷ đồng.",
    ]


def test_markdown_tables_become_table_rows():
    data = "| Chỉ tiêu | Đơn vị | Thực hiện |\n|---|---|---|\n| Hộ nghèo | % | 1,8 |\n".encode()
    doc = assemble(read(data, ".txt"), "x", "a.txt")
    assert [b.kind for b in doc.blocks] == [BlockKind.TABLE_ROW, BlockKind.TABLE_ROW]
    assert [doc.span_text(c) for c in doc.blocks[1].cells] == ["Hộ nghèo", "%", "1,8"]


@pytest.mark.parametrize("name", ["cp1258.txt", "utf16.txt", "utf8_bom.txt", "markdown_marks.txt"])
def test_text_fixtures_read_as_vietnamese(name):
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"fixture {name} not built (make samples)")
    doc = assemble(read(path.read_bytes(), ".txt"), "x", name)
    assert "\ufffd" not in doc.text
    assert "*" not in doc.text.replace("* ", "")
    assert any(word in doc.text for word in ("năm", "Năm", "NĂM"))


def test_stray_single_byte_letters_in_utf8_are_read_as_windows_1258_from_threads():
    """The stray-byte reading keeps no state: threads decoding at once get their own letters."""
    from concurrent.futures import ThreadPoolExecutor

    from pipeline.ingest.txt import decode

    def one(i: int) -> tuple[str, str]:
        body = f"Báo cáo số {i}: thu ngân sách đạt 12 tỷ đồng. ".encode() * 40
        stray = "Hµ Néi".encode("cp1252")  # a pasted legacy run: two stray bytes
        return decode(body + stray + b" " + body)

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(one, range(40)))
    for i, (text, encoding) in enumerate(results):
        assert encoding == "utf-8+cp1258"
        assert f"Báo cáo số {i}:" in text and "\ufffd" not in text
        assert "Hµ Néi" in text  # cp1258 reads 0xB5 and 0xE9 as these


def test_too_many_stray_bytes_are_not_utf8():
    from pipeline.ingest.txt import _utf8_with_strays

    assert _utf8_with_strays("Thu ngân sách".encode() + bytes([0xE0, 0x20]) * 30) is None
    assert _utf8_with_strays("Thu ngân sách đạt kế hoạch năm".encode() * 10 + bytes([0xE0])) is not None
