import io
import zipfile

import pytest

from pipeline.ingest import IngestError, Unsupported, read, sniff


def _zip(names: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return buf.getvalue()


def test_format_comes_from_the_bytes_not_the_name():
    assert sniff(b"%PDF-1.7\n...", ".txt") == "pdf"
    assert sniff(_zip({"word/document.xml": b"<x/>"}), ".pdf") == "docx"
    assert sniff("Báo cáo".encode(), ".docx") == "txt"


@pytest.mark.parametrize(
    "data, fmt",
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "png"),
        (b"{\\rtf1\\ansi hello}", "rtf"),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_formats_recognized_but_not_read(data, fmt):
    assert sniff(data, "") == fmt
    with pytest.raises(Unsupported):
        read(data, "")


def test_spreadsheets_in_zips_are_skipped_with_their_kind():
    data = _zip({"xl/workbook.xml": b"<x/>"})
    assert sniff(data) == "xlsx"
    with pytest.raises(Unsupported, match="spreadsheet"):
        read(data, ".xlsx")


def test_empty_file_is_an_error():
    with pytest.raises(IngestError, match="empty"):
        read(b"", ".txt")


def test_data_tables_are_not_reports():
    with pytest.raises(Unsupported, match="tsv"):
        read(b"a\tb\n1\t2\n", ".tsv")


def test_a_legacy_doc_is_converted_or_the_missing_tool_named():
    from pipeline.ingest import doc

    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    assert sniff(data, ".doc") == "doc"
    if not doc.available():
        with pytest.raises(Unsupported, match="libreoffice-writer-nogui"):
            read(data, ".doc")
    else:
        with pytest.raises(IngestError, match="could not be converted"):
            read(data, ".doc")  # an OLE2 header alone is no Word document
