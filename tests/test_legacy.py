"""Legacy archives: TCVN3 / VNI text, cp1258, .doc conversion, OCR of image-only pages."""
import io
import unicodedata

import pytest

from pipeline.ingest import assemble, read
from pipeline.ingest.errors import IngestError
from pipeline.ingest.legacy import detect, vietnamese_score

TEXT = "Báo cáo tình hình kinh tế xã hội năm 2023 của UBND xã Tân Phong: thu ngân sách đạt 12,5 tỷ đồng, tăng 8,2% so với cùng kỳ."


def encode_legacy(text: str, name: str) -> str:
    """Write Unicode text the way a legacy font shows it, by inverting viparse's table."""
    viparse_tables = pytest.importorskip("viparse.normalize.encodings", reason="viparse is not installed")
    charmap = viparse_tables.get_charmap(name)
    reverse = {}
    for legacy, uni in charmap.pairs:
        reverse.setdefault(unicodedata.normalize("NFC", uni), legacy)
    return "".join(reverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


@pytest.mark.parametrize("name", ["tcvn3", "vni"])
def test_legacy_text_is_detected_and_converted(name):
    legacy = encode_legacy(TEXT, name)
    assert legacy != TEXT and vietnamese_score(legacy) < vietnamese_score(TEXT)
    assert detect(legacy) == name
    doc = assemble(read(legacy.encode("utf-8"), ".txt"), "x", "a.txt")
    assert "Báo cáo tình hình kinh tế xã hội năm 2023" in doc.text
    assert doc.encoding.endswith(name)


def test_a_tcvn3_text_file_in_single_bytes():
    legacy = encode_legacy(TEXT, "tcvn3")
    try:
        data = legacy.encode("cp1252")
    except UnicodeEncodeError:
        pytest.skip("this sample needs bytes cp1252 cannot write")
    doc = assemble(read(data, ".txt"), "x", "a.txt")
    assert "thu ngân sách đạt 12,5 tỷ đồng" in doc.text


def test_a_vni_docx_comes_out_unicode():
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in TEXT.split(": "):
        run = document.add_paragraph().add_run(encode_legacy(line, "vni"))
        run.font.name = "VNI-Times"
    buf = io.BytesIO()
    document.save(buf)
    doc = assemble(read(buf.getvalue(), ".docx"), "x", "a.docx")
    assert "thu ngân sách đạt 12,5 tỷ đồng" in doc.text


def test_unicode_text_in_a_legacy_font_is_left_alone():
    """Real files declare VNI-Times over text that is already Unicode: the text decides."""
    assert detect(TEXT) is None


def test_a_real_doc_converts(tmp_path):
    from pipeline.ingest import doc as doc_reader

    from .conftest import shared_or_skip

    if not doc_reader.available():
        pytest.skip("no .doc converter (pip install msdoc2docx, or apt-get install libreoffice-writer-nogui)")
    path = shared_or_skip("corpus", "real", "UB- gia han thoi gian to chuc DH.doc")
    doc = assemble(read(path.read_bytes(), ".doc"), "x", path.name)
    assert doc.format == "doc" and "ỦY BAN NHÂN DÂN" in doc.text and "Bình Thuận" in doc.text


def test_libreoffice_reads_what_msdoc2docx_refuses(monkeypatch):
    """The fallback: a .doc the pure-Python converter refuses still reads, by LibreOffice."""
    from pipeline.ingest import doc as doc_reader

    from .conftest import shared_or_skip

    if doc_reader.soffice() is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    path = shared_or_skip("corpus", "real", "UB- gia han thoi gian to chuc DH.doc")

    def refuses(source, target):
        raise ValueError("unsupported feature")

    monkeypatch.setattr(doc_reader, "_msdoc2docx", lambda: refuses)
    raw = doc_reader.read_doc(path.read_bytes())
    assert raw.encoding == "converted by LibreOffice"
    monkeypatch.setattr(doc_reader, "soffice", lambda: None)
    with pytest.raises(IngestError, match="msdoc2docx.*libreoffice-writer-nogui"):
        doc_reader.read_doc(path.read_bytes())
