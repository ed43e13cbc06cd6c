"""Hostile and broken inputs: each one ends as a row with a clear one-line reason, the batch goes on.

Every input is built on the fly in tmp_path. Time is bounded by the harness's own accounting:
files are processed under a short `seconds_per_file`, and a file that ran into it would carry
the "took longer than" reason, which every check here refuses. No wall-clock thresholds.

What happens to links in an input folder (see test_symlink_loops_and_dangling_links_...):
- a link to a folder (including one that loops back to a parent) is passed over: folders are
  walked without following links, so it yields no row;
- a link to a file that loops (a -> b -> a, or a -> a) or dangles is a row with status `error`
  and the operating system's reason ("cannot read file: Too many levels of symbolic links",
  "cannot read file: No such file or directory");
- named pipes, devices and sockets are rows with status `error` ("a named pipe (FIFO), not a
  regular file: not read") and are never opened.
"""
from __future__ import annotations

import dataclasses
import io
import os
import random
import re
import socket
import stat
import struct
import threading
import tracemalloc
import zipfile
from pathlib import Path

import pyarrow.dataset as pads
import pytest

from pipeline.config import Config
from pipeline.run.discover import Source, name_bytes
from pipeline.ingest import pdf as pdf_reader
from pipeline.ingest import sniff
from pipeline.model import Status
from pipeline.run.process import process_file
from pipeline.run.batch import Options, run

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DOCX = (FIXTURES / "layout_tables.docx").read_bytes()
PDF = (FIXTURES / "wrapped_multipage.pdf").read_bytes()
MARKDOWN = (FIXTURES / "markdown_marks.txt").read_bytes()
REPORT = "BÁO CÁO\nTổng kết năm 2023\nThu ngân sách năm 2023 đạt 1,5 tỷ đồng, bằng 112% kế hoạch.\n"
LIMIT_S = 30  # seconds_per_file in these tests: far above what any case needs


@pytest.fixture(scope="module")
def cfg() -> Config:
    return dataclasses.replace(Config.load(), seconds_per_file=LIMIT_S)


def _one_line(reason: str | None) -> str:
    assert reason, "a failed file must say why"
    assert "\n" not in reason and "\r" not in reason, f"reason spans lines: {reason!r}"
    assert "took longer than" not in reason, f"hit the time limit: {reason}"
    assert "please report" not in reason, f"a reader bug, not a clear reason: {reason}"
    return reason


def check(doc, status: Status, *words: str):
    """The document ended with `status` and a one-line reason naming `words`."""
    assert doc.status == status, (doc.status, doc.error)
    reason = _one_line(doc.error)
    for word in words:
        assert word.lower() in reason.lower(), f"{word!r} not in {reason!r}"
    return doc


def process(tmp_path: Path, name: str, data: bytes, config: Config):
    path = tmp_path / name
    path.write_bytes(data)
    return process_file(Source(path, name), config)


def read_ok_or_clear_error(doc):
    """Either the file was read, or it failed with a clear one-line reason (never a crash)."""
    assert doc.status in (Status.OK, Status.ERROR, Status.SKIPPED), doc.status
    if doc.status != Status.OK:
        _one_line(doc.error)
    return doc


# -- builders -------------------------------------------------------------------------------

def rezip_docx(replace: dict[str, bytes] | None = None, drop: tuple[str, ...] = (),
               extra: dict[str, int] | None = None) -> bytes:
    """The fixture .docx with parts replaced or dropped, and `extra` parts of N zero bytes
    streamed in (a bomb built without holding it in memory)."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(DOCX)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, size in (extra or {}).items():
            chunk = b"\0" * (1 << 20)
            with dst.open(name, "w", force_zip64=True) as member:
                for _ in range(size >> 20):
                    member.write(chunk)
    return out.getvalue()


def document_xml() -> bytes:
    with zipfile.ZipFile(io.BytesIO(DOCX)) as archive:
        return archive.read("word/document.xml")


def _central_entries(data: bytes):
    """(offset, name) of each central-directory entry of a zip."""
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        n = struct.unpack_from("<H", data, pos + 28)[0]
        yield pos, data[pos + 46: pos + 46 + n]
        pos = data.find(b"PK\x01\x02", pos + 46 + n)


def patch_zip(data: bytes, member: str | None = None, *, size: int | None = None, flags: int = 0) -> bytes:
    """Rewrite a member's declared uncompressed size, or OR `flags` into its flag bits, in both the
    local header and the central directory (`member=None`: every member)."""
    out = bytearray(data)
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    for info in infos:
        if member is not None and info.filename != member:
            continue
        if size is not None:
            struct.pack_into("<I", out, info.header_offset + 22, size)
        if flags:
            struct.pack_into("<H", out, info.header_offset + 6, info.flag_bits | flags)
    for pos, name in _central_entries(data):
        if member is not None and name != member.encode():
            continue
        if size is not None:
            struct.pack_into("<I", out, pos + 24, size)
        if flags:
            struct.pack_into("<H", out, pos + 8, struct.unpack_from("<H", out, pos + 8)[0] | flags)
    return bytes(out)


def make_pdf(path: Path, pages: int = 1, encrypt: str | None = None) -> bytes:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=encrypt)
    for i in range(pages):
        c.drawString(72, 760, f"BAO CAO tong ket nam 2023, trang {i + 1}")
        c.drawString(72, 740, "Thu ngan sach nam 2023 dat 1,5 ty dong, bang 112% ke hoach.")
        c.showPage()
    c.save()
    return path.read_bytes()


def nested_tables_docx(depth: int) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("BÁO CÁO")
    document.add_paragraph("Tổng kết năm 2023: thu ngân sách đạt 1,5 tỷ đồng.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 1).text = "ô ngoài"
    cell = table.cell(0, 0)
    for level in range(depth):
        cell.paragraphs[0].text = f"tầng{level:03d}"
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].text = "LÕI SÂU NHẤT"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_doctype(entities: list[str], refs: bytes) -> bytes:
    """word/document.xml with a DOCTYPE declaring `entities` and `refs` in its first text run."""
    xml = document_xml()
    end = xml.index(b"?>") + 2
    doctype = ("\n<!DOCTYPE w:document [\n" + "\n".join(entities) + "\n]>").encode()
    xml = xml[:end] + doctype + xml[end:]
    i = xml.index(b"<w:t", end + len(doctype))
    j = xml.index(b">", i) + 1
    return xml[:j] + refs + xml[j:]


# -- empty, truncated, corrupt --------------------------------------------------------------

@pytest.mark.parametrize("name", ["empty.txt", "empty.docx", "empty.pdf", "empty"])
def test_empty_file_is_an_error(tmp_path, cfg, name):
    check(process(tmp_path, name, b"", cfg), Status.ERROR, "empty")


@pytest.mark.parametrize("cut", [100, 2000, len(DOCX) // 2, len(DOCX) - 22])
def test_truncated_docx_is_damaged(tmp_path, cfg, cut):
    # 100 bytes hold no "word/" yet: the .docx name breaks the tie (it was skipped as "a zip archive").
    check(process(tmp_path, "cut.docx", DOCX[:cut], cfg), Status.ERROR, "docx is damaged")


def test_docx_with_half_an_xml_part_is_damaged(tmp_path, cfg):
    xml = document_xml()
    doc = process(tmp_path, "half.docx", rezip_docx({"word/document.xml": xml[: len(xml) // 2]}), cfg)
    check(doc, Status.ERROR, "docx is damaged")


def test_docx_with_a_corrupt_deflate_stream_is_damaged(tmp_path, cfg):
    # zlib.error used to escape the reader: "reader failed: error: Error -3 ... (please report)".
    data = bytearray(DOCX)
    info = zipfile.ZipFile(io.BytesIO(DOCX)).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for k in range(start + 10, start + 60):
        data[k] ^= 0xFF
    check(process(tmp_path, "flipped.docx", bytes(data), cfg), Status.ERROR, "docx is damaged")


def test_docx_with_password_protected_zip_parts_is_an_error(tmp_path, cfg):
    # zipfile raises RuntimeError on encrypted members: it surfaced as "reader failed".
    data = patch_zip(DOCX, flags=0x1)
    check(process(tmp_path, "locked.docx", data, cfg), Status.ERROR, "encrypted")


def test_zip_with_a_corrupt_member_never_escapes_process_file(tmp_path, cfg):
    """sniff() read the `mimetype` member and raised zlib.error; process_file calls sniff() again in
    its error handler, so the exception escaped process_file and stopped the batch."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text" * 50)
        archive.writestr("content.xml", b"<office:document-content/>")
    data = bytearray(out.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("mimetype")
    start = info.header_offset + 30 + len("mimetype")
    for k in range(start + 2, start + 12):
        data[k] ^= 0xFF
    doc = process(tmp_path, "broken.odt", bytes(data), cfg)
    assert doc.status in (Status.ERROR, Status.SKIPPED)
    _one_line(doc.error)


@pytest.mark.parametrize("cut", [300, len(PDF) // 2, len(PDF) - 40])
def test_truncated_pdf_is_damaged_or_read(tmp_path, cfg, cut):
    """pdfium rebuilds a missing cross-reference table: a PDF cut short may still be read."""
    doc = read_ok_or_clear_error(process(tmp_path, "cut.pdf", PDF[:cut], cfg))
    if doc.status != Status.OK:
        check(doc, Status.ERROR, "pdf")


def test_pdf_header_over_junk_is_damaged(tmp_path, cfg):
    junk = random.Random(7).randbytes(20_000)
    check(process(tmp_path, "junk.pdf", b"%PDF-1.7\n" + junk, cfg), Status.ERROR, "pdf is damaged")


@pytest.mark.parametrize("seed", range(3))
def test_pdf_with_scrambled_bytes_is_read_or_damaged(tmp_path, cfg, seed):
    rng = random.Random(seed)
    data = bytearray(PDF)
    start = rng.randrange(200, len(data) - 5000)
    for k in range(start, start + 3000):
        data[k] ^= rng.randrange(1, 256)
    read_ok_or_clear_error(process(tmp_path, "scrambled.pdf", bytes(data), cfg))


def test_encrypted_pdf_is_an_error(tmp_path, cfg):
    data = make_pdf(tmp_path / "made.pdf", encrypt="secret")
    check(process(tmp_path, "locked.pdf", data, cfg), Status.ERROR, "pdf is encrypted", "password")


# -- bombs ----------------------------------------------------------------------------------

def test_docx_zip_bomb_is_refused(tmp_path, cfg):
    bomb = rezip_docx(extra={"word/media/padding.bin": 300 << 20})  # 300 MB of zeros in ~300 kB
    assert len(bomb) < 2 << 20
    check(process(tmp_path, "bomb.docx", bomb, cfg), Status.ERROR, "zip bomb")


def test_docx_bomb_that_understates_its_size_is_cut_at_the_declared_size(tmp_path, cfg):
    """A part that declares its original size but holds 100 MB more: the declared sizes pass the
    ratio check, and zipfile stops at the declared size (then finds the CRC wrong)."""
    xml = document_xml()
    padded = xml.replace(b"</w:body>", b"<!--" + b" " * (100 << 20) + b"-->" + b"</w:body>")
    bomb = patch_zip(rezip_docx({"word/document.xml": padded}), "word/document.xml", size=len(xml))
    check(process(tmp_path, "liar.docx", bomb, cfg), Status.ERROR, "docx is damaged")


def test_zip_bomb_in_the_mimetype_member_is_not_expanded_by_sniff(tmp_path, cfg):
    """sniff() read the whole `mimetype` member (before any expansion check) to tell .odt apart."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("mimetype", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(256):
                member.write(chunk)
    data = out.getvalue()
    tracemalloc.start()
    try:
        kind = sniff(data, ".odt")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert kind == "zip"
    assert peak < 32 << 20, f"sniff allocated {peak >> 20} MB"
    check(process(tmp_path, "bomb.odt", data, cfg), Status.SKIPPED, "zip")


# -- XML entities ---------------------------------------------------------------------------

LOLS = ['<!ENTITY lol "lol">'] + [
    f'<!ENTITY lol{i} "' + f"&lol{i - 1 if i > 1 else ''};" * 10 + '">' for i in range(1, 10)
]


@pytest.fixture
def listener():
    """A local TCP port that records whether anything connected to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


def _connected(server: socket.socket) -> bool:
    try:
        conn, _ = server.accept()
    except BlockingIOError:
        return False
    conn.close()
    return True


def test_docx_external_entities_are_neither_read_nor_fetched(tmp_path, cfg, listener):
    secret = tmp_path / "secret.txt"
    secret.write_text("BÍ-MẬT-7f3a", encoding="utf-8")
    port = listener.getsockname()[1]
    xml = with_doctype(
        [f'<!ENTITY file SYSTEM "file://{secret}">',
         f'<!ENTITY net SYSTEM "http://127.0.0.1:{port}/entity">',
         f'<!ENTITY % dtd SYSTEM "http://127.0.0.1:{port}/evil.dtd"> %dtd;'],
        b"&file;&net;",
    )
    doc = read_ok_or_clear_error(process(tmp_path, "xxe.docx", rezip_docx({"word/document.xml": xml}), cfg))
    assert "BÍ-MẬT" not in doc.text
    assert not _connected(listener), "the reader fetched an external entity over the network"


def test_docx_billion_laughs_is_not_expanded(tmp_path, cfg):
    xml = with_doctype(LOLS, b"&lol9;")  # 10^9 "lol" if expanded
    doc = read_ok_or_clear_error(process(tmp_path, "lol.docx", rezip_docx({"word/document.xml": xml}), cfg))
    assert doc.text.count("lol") < 1000
    if doc.status != Status.OK:
        check(doc, Status.ERROR, "docx is damaged")


def test_docx_small_internal_entities_are_not_expanded_either(tmp_path, cfg):
    xml = with_doctype(LOLS[:4] + ['<!ENTITY name "XIN-CHAO">'], b"&lol3;&name;")
    doc = read_ok_or_clear_error(process(tmp_path, "ent.docx", rezip_docx({"word/document.xml": xml}), cfg))
    assert "XIN-CHAO" not in doc.text and "lol" not in doc.text


# -- nesting --------------------------------------------------------------------------------

def test_deeply_nested_docx_tables_read_each_level_once(tmp_path, cfg):
    """30 levels: the reader walks 4 levels as rows, then reads the rest as plain text, once
    (itertext() on python-docx elements gave every piece of text three times)."""
    doc = process(tmp_path, "nested.docx", nested_tables_docx(30), cfg)
    assert doc.status == Status.OK, doc.error
    for level in range(30):
        assert doc.text.count(f"tầng{level:03d}") == 1, (level, doc.text.count(f"tầng{level:03d}"))
    assert doc.text.count("LÕI SÂU NHẤT") == 1


def test_docx_nested_beyond_the_xml_parser_depth_is_a_clear_error(tmp_path, cfg):
    doc = read_ok_or_clear_error(process(tmp_path, "abyss.docx", nested_tables_docx(150), cfg))
    if doc.status != Status.OK:
        check(doc, Status.ERROR, "docx is damaged", "depth")


# -- pages ----------------------------------------------------------------------------------

def test_pdf_over_the_page_limit_is_refused(tmp_path, cfg, monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 3)
    data = make_pdf(tmp_path / "made.pdf", pages=5)
    check(process(tmp_path, "long.pdf", data, cfg), Status.ERROR, "5 pages", "limit of 3")
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 5)
    assert process(tmp_path, "long.pdf", data, cfg).status == Status.OK


@pytest.mark.parametrize("claim", [2000, 10**9])
def test_pdf_whose_page_tree_lies_about_its_count(tmp_path, cfg, claim):
    """/Count says `claim` pages, the tree holds one: pdfium clamps or fails to load a page."""
    data = make_pdf(tmp_path / "made.pdf")
    lying = re.sub(rb"/Count 1\b", b"/Count %d" % claim, data)
    assert lying != data
    doc = read_ok_or_clear_error(process(tmp_path, "liar.pdf", lying, cfg))
    if doc.status != Status.OK:
        check(doc, Status.ERROR, "pdf")


HUGE_PAGE_CHILD = """
import dataclasses, json, resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
from pipeline.config import Config
from pipeline.run.discover import Source
from pipeline.ingest import ocr
from pipeline.run.process import process_file
ocr.MAX_PIXELS = 2_000_000  # the cap is what is tested; at the default (40 Mpx) OCR takes longer
path = Path(sys.argv[1])
doc = process_file(Source(path, path.name), dataclasses.replace(Config.load(), seconds_per_file=60))
print(json.dumps({"status": str(doc.status), "error": doc.error}))
"""


def test_huge_blank_pdf_page_is_not_rendered_at_full_resolution_for_ocr(tmp_path):
    """A 200 x 200 inch page without text goes to OCR; rendered at 300 dpi it needed a 14 GB
    bitmap: "reader failed: MemoryError" under a memory limit, the OOM killer without one.
    Run in a child process limited to 3 GB of address space."""
    import json
    import subprocess
    import sys

    from pipeline.ingest import ocr

    if missing := ocr.available():
        pytest.skip(f"no OCR here ({missing}): a page without text is not rendered at all")
    from reportlab.pdfgen import canvas

    path = tmp_path / "poster.pdf"
    c = canvas.Canvas(str(path), pagesize=(14400, 14400))
    c.rect(72, 72, 144, 144)
    c.showPage()
    c.save()
    child = subprocess.run([sys.executable, "-c", HUGE_PAGE_CHILD, str(path)], capture_output=True, text=True,
                           cwd=Path(__file__).resolve().parents[1], timeout=300)
    assert child.returncode == 0, child.stderr[-2000:]
    result = json.loads(child.stdout.strip().splitlines()[-1])
    assert result["status"] in ("error", "skipped"), result
    _one_line(result["error"])


# -- not what the name says -----------------------------------------------------------------

def test_binary_junk_named_txt_is_skipped(tmp_path, cfg):
    check(process(tmp_path, "junk.txt", random.Random(1).randbytes(8000), cfg), Status.SKIPPED, "binary")


def test_pdf_named_docx_is_read_as_pdf(tmp_path, cfg):
    doc = process(tmp_path, "really_a_pdf.docx", PDF, cfg)
    assert doc.status == Status.OK and doc.format == "pdf", (doc.status, doc.error)
    assert "1.234,56 tỷ đồng" in doc.text


def test_docx_named_pdf_is_read_as_docx(tmp_path, cfg):
    doc = process(tmp_path, "really_a_docx.pdf", DOCX, cfg)
    assert doc.status == Status.OK and doc.format == "docx", (doc.status, doc.error)
    assert "3.418,5 triệu đồng" in doc.text


# -- encodings ------------------------------------------------------------------------------

STRAY_CP1258 = b"Vi\xea\xf2t"  # "Việt" in Windows-1258 (ê + combining dot below): invalid UTF-8


@pytest.mark.parametrize("body", [
    REPORT,  # holds Đ/đ/ạ, whose UTF-8 bytes include ones cp1258 leaves undefined
    "BAO CAO\nTong ket năm 2023 xã Tân Phong\nThu ngân sách năm 2023 tăng 1,5 tỷ, bằng 112% so cùng kỳ.\n",
], ids=["with-undefined-cp1258-bytes", "all-bytes-defined-in-cp1258"])
def test_utf8_with_one_stray_cp1258_sequence_keeps_its_letters_or_errors(tmp_path, cfg, body):
    """Decoding the whole file with a single-byte fallback once turned every letter into mojibake
    with status ok ("nÄƒm", encoding cp1252+viscii)."""
    data = body.encode("utf-8")
    cut = data.index(b"Thu")
    doc = process(tmp_path, "stray.txt", data[:cut] + STRAY_CP1258 + b" " + data[cut:], cfg)
    if doc.status == Status.OK:
        assert "ngân sách" in doc.text, f"mojibake read as ok ({doc.encoding}): {doc.text[:120]!r}"
    else:
        check(doc, Status.ERROR, "utf-8")


@pytest.mark.parametrize("seed", range(4))
def test_random_bytes_named_txt_are_skipped_or_refused(tmp_path, cfg, seed):
    doc = process(tmp_path, "random.txt", random.Random(seed).randbytes(4096), cfg)
    assert doc.status in (Status.SKIPPED, Status.ERROR), (doc.status, doc.encoding, doc.text[:80])
    _one_line(doc.error)


@pytest.mark.parametrize("bom", [b"", b"\xff\xfe"], ids=["no-bom", "bom"])
@pytest.mark.parametrize("damage", [b"\x00\xd8\x41\x00", b"\x0a"], ids=["lone-surrogate", "odd-length"])
def test_utf16_that_does_not_decode_is_a_clear_error(tmp_path, cfg, bom, damage):
    # NULs in every other byte say UTF-16 (with or without a BOM); a lone surrogate or a stray
    # last byte breaks it (with a BOM, UnicodeDecodeError escaped as "reader failed").
    data = bom + "BÁO CÁO năm 2023 ".encode("utf-16-le") * 20 + damage + "kết thúc".encode("utf-16-le")
    if damage == b"\x0a":
        data = bom + "BÁO CÁO năm 2023 ".encode("utf-16-le") * 20 + damage
    doc = read_ok_or_clear_error(process(tmp_path, "utf16.txt", data, cfg))
    if doc.status != Status.OK:
        check(doc, Status.ERROR, "utf-16")


# -- size -----------------------------------------------------------------------------------

def test_file_over_the_configured_size_limit_is_refused_unread(tmp_path, cfg):
    config = dataclasses.replace(cfg, max_file_bytes=1 << 20)
    doc = process(tmp_path, "big.txt", MARKDOWN * 2500, config)  # ~2 MB
    check(doc, Status.ERROR, "over the 1 MB limit", "max_file_mb")


def test_file_over_the_default_200_mb_limit_is_refused_by_its_size(tmp_path, cfg):
    big = tmp_path / "huge.pdf"
    with big.open("wb") as fh:  # sparse: 201 MB on paper, a few bytes on disk
        fh.write(b"%PDF-1.7\n")
        fh.truncate(201 << 20)
    assert Config.load().max_file_bytes == 200 << 20
    check(process_file(Source(big, "huge.pdf"), cfg), Status.ERROR, "201 MB", "over the 200 MB limit")


# -- the file system ------------------------------------------------------------------------

def _documents(out: Path) -> dict[str, dict]:
    rows = pads.dataset(out / "documents").to_table(
        columns=["source_path", "status", "error", "format"]).to_pylist()
    return {r["source_path"]: r for r in rows}


def test_symlink_loops_and_dangling_links_are_explained_or_passed_over(tmp_path, cfg):
    archive = tmp_path / "in"
    (archive / "sub").mkdir(parents=True)
    (archive / "good.txt").write_text(REPORT, encoding="utf-8")
    (archive / "self.txt").symlink_to("self.txt")  # a -> a
    (archive / "ping.txt").symlink_to("pong.txt")  # a -> b -> a
    (archive / "pong.txt").symlink_to("ping.txt")
    (archive / "gone.txt").symlink_to("nowhere.txt")
    (archive / "sub" / "up").symlink_to("..", target_is_directory=True)  # a folder loop
    (archive / "sub" / "root").symlink_to(archive, target_is_directory=True)
    summary = run([archive], tmp_path / "out", cfg, Options())
    rows = _documents(tmp_path / "out")
    assert set(rows) == {"good.txt", "self.txt", "ping.txt", "pong.txt", "gone.txt"}  # folder links: no row
    assert rows["good.txt"]["status"] == "ok"
    for name in ("self.txt", "ping.txt", "pong.txt"):
        assert rows[name]["status"] == "error"
        assert rows[name]["error"] == "cannot read file: Too many levels of symbolic links"
    assert rows["gone.txt"]["error"] == "cannot read file: No such file or directory"
    assert summary.documents == 5 and summary.statuses["error"] == 4


def test_named_pipe_and_device_are_not_opened(tmp_path, cfg):
    """A FIFO blocked the run for good (the cache hashes every file before any time limit), and
    /dev/zero passes the size limit (size 0) and never ends: both are rows with a reason."""
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "good.txt").write_text(REPORT, encoding="utf-8")
    fifo = archive / "pipe.txt"
    os.mkfifo(fifo)
    (archive / "zero.txt").symlink_to("/dev/zero")
    unblocked = threading.Event()

    def watchdog() -> None:  # if a reader ever blocks on the FIFO, open its other end: no hang
        if not done.wait(20):
            try:
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                return
            unblocked.set()
            os.close(fd)

    done = threading.Event()
    guard = threading.Thread(target=watchdog, daemon=True)
    guard.start()
    try:
        run([archive], tmp_path / "out", cfg, Options(cache_dir=tmp_path / "cache"))
    finally:
        done.set()
        guard.join()
    assert not unblocked.is_set(), "a reader opened the named pipe"
    rows = _documents(tmp_path / "out")
    assert rows["good.txt"]["status"] == "ok"
    assert rows["pipe.txt"]["status"] == "error" and "named pipe" in _one_line(rows["pipe.txt"]["error"])
    assert rows["zero.txt"]["status"] == "error" and "device" in _one_line(rows["zero.txt"]["error"])


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: root reads a file whatever its mode")
def test_unreadable_file_and_folder_are_errors_with_the_reason(tmp_path, cfg):
    archive = tmp_path / "in"
    (archive / "locked").mkdir(parents=True)
    (archive / "good.txt").write_text(REPORT, encoding="utf-8")
    (archive / "locked" / "inside.txt").write_text(REPORT, encoding="utf-8")
    secret = archive / "secret.txt"
    secret.write_text(REPORT, encoding="utf-8")
    secret.chmod(0)
    (archive / "locked").chmod(0)
    try:
        run([archive], tmp_path / "out", cfg, Options())
        rows = _documents(tmp_path / "out")
    finally:
        (archive / "locked").chmod(stat.S_IRWXU)
        secret.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert rows["good.txt"]["status"] == "ok"
    assert rows["secret.txt"]["error"] == "cannot read file: Permission denied"
    assert rows["locked"]["error"] == "folder cannot be read: Permission denied"


NAMES = ["báo cáo tổng kết.txt", "Quyết định khen thưởng xã Đồng Tiến.txt", "dòng\nmới.txt", "  lề .txt"]


def test_file_names_with_spaces_vietnamese_letters_and_newlines(tmp_path, cfg):
    archive = tmp_path / "in"
    archive.mkdir()
    for i, name in enumerate(NAMES):
        (archive / name).write_text(REPORT + f"Phụ lục số {i}.\n", encoding="utf-8")
    summary = run([archive], tmp_path / "out", cfg, Options())
    assert summary.statuses["ok"] == len(NAMES), summary.problems
    assert set(_documents(tmp_path / "out")) == set(NAMES)


def test_file_names_that_are_not_utf8_are_read_and_stored_losslessly(tmp_path, cfg):
    """Names from archives unzipped on Windows (cp1258 bytes, not UTF-8) aborted the batch with a
    UnicodeEncodeError when the rows became Arrow; a backslash is doubled so the text maps back."""
    archive = tmp_path / "in"
    archive.mkdir()
    names = [b"b\xe1o c\xe1o n\xe3m 2024.txt", "Báo cáo.txt".encode(), b"k\\ho\\\xff.txt"]
    for i, name in enumerate(names):
        with open(os.path.join(os.fsencode(archive), name), "wb") as fh:
            fh.write((REPORT + f"Phụ lục số {i}.\n").encode())
    summary = run([archive], tmp_path / "out", cfg, Options())
    assert summary.statuses == {"ok": 3}, summary.problems
    stored = set(_documents(tmp_path / "out"))
    assert stored == {"b\\xe1o c\\xe1o n\\xe3m 2024.txt", "Báo cáo.txt", "k\\\\ho\\\\\\xff.txt"}
    assert {name_bytes(text) for text in stored} == set(names)


def test_two_input_folders_of_the_same_name_give_different_source_paths(tmp_path, cfg):
    roots = [tmp_path / year / "in" for year in ("2023", "2024")]
    for i, root in enumerate(roots):
        root.mkdir(parents=True)
        (root / "bc.txt").write_text(REPORT + f"Phụ lục số {i}.\n", encoding="utf-8")
    summary = run(roots, tmp_path / "out", cfg, Options())
    assert summary.statuses == {"ok": 2}, summary.problems
    assert set(_documents(tmp_path / "out")) == {"2023/in/bc.txt", "2024/in/bc.txt"}


def test_duplicate_of_a_file_whose_name_holds_a_newline_keeps_a_one_line_reason(tmp_path, cfg):
    """The reason `duplicate of <first path>` once carried the path's newline."""
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "a\nfirst.txt").write_text(REPORT, encoding="utf-8")
    (archive / "b.txt").write_text(REPORT, encoding="utf-8")
    summary = run([archive], tmp_path / "out", cfg, Options())
    [(path, status, reason)] = summary.problems
    assert (path, status) == ("b.txt", "skipped")
    _one_line(reason)


# -- partitions -----------------------------------------------------------------------------

PARTITION = re.compile(r"\d{4}|no-year")
CLAIMS = [
    "BÁO CÁO\nTổng kết năm ../../../../tmp/escape\nThu ngân sách đạt 1,5 tỷ đồng.\n",
    "BÁO CÁO\nTổng kết năm ..\\..\\evil\nĐồng Tiến, ngày 5 tháng 6 năm ../..\n",
    "BÁO CÁO\nTổng kết năm 2023/../../../escape\nThu ngân sách đạt 1,5 tỷ đồng.\n",
    "BÁO CÁO\nTổng kết năm 0001\nĐồng Tiến, ngày 5 tháng 6 năm 99999\n",
    "BÁO CÁO\nTổng kết năm -2023 và năm 2023%2F..%2F\nThu 5 tỷ đồng.\n",
    "BÁO CÁO\nTổng kết năm period_year=..\nThu 5 tỷ đồng.\n",
    REPORT,
]


def test_partition_folders_never_leave_the_dataset(tmp_path, cfg):
    """period_year is an int32: whatever year a text claims, every folder under the output is a
    table or a year's folder, `YYYY` / `no-year`."""
    archive = tmp_path / "in"
    archive.mkdir()
    for i, text in enumerate(CLAIMS):
        (archive / f"claim{i}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "work" / "out"
    run([archive], out, cfg, Options())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "work"]
    assert sorted(p.name for p in out.parent.iterdir()) == ["out"]
    tables = [p for p in out.iterdir() if p.is_dir()]
    assert tables
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(out.resolve())
        if path.is_dir() and path.parent != out:
            assert path.parent.parent == out and PARTITION.fullmatch(path.name), path.relative_to(out)
    years = {r["period_year"] for r in pads.dataset(out / "documents")
             .to_table(columns=["period_year"]).to_pylist()}
    assert years <= {None} | set(range(1900, 2100)), years


# -- a batch --------------------------------------------------------------------------------

def test_a_batch_of_hostile_files_goes_on_and_explains_each_one(tmp_path, cfg, monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 3)
    archive = tmp_path / "in"
    archive.mkdir()
    files = {
        "00 good.txt": REPORT.encode(),
        "01 empty.txt": b"",
        "02 junk.txt": random.Random(3).randbytes(5000),
        "03 cut.docx": DOCX[:3000],
        "04 bomb.docx": rezip_docx(extra={"word/media/pad.bin": 64 << 20}),
        "05 locked.pdf": make_pdf(tmp_path / "locked.pdf", encrypt="secret"),
        "06 long.pdf": make_pdf(tmp_path / "long.pdf", pages=4),
        "07 lol.docx": rezip_docx({"word/document.xml": with_doctype(LOLS, b"&lol9;")}),
        "08 corrupt.pdf": b"%PDF-1.4\n" + random.Random(4).randbytes(3000),
        "09 pdf.docx": PDF,
        "10 docx.pdf": DOCX,
        "11 nested.docx": nested_tables_docx(30),
        "12 last good.txt": (REPORT + "Kết thúc.\n").encode(),
    }
    for name, data in files.items():
        (archive / name).write_bytes(data)
    (archive / "13 dangling.txt").symlink_to("nowhere")
    summary = run([archive], tmp_path / "out", cfg, Options())
    rows = _documents(tmp_path / "out")
    assert summary.documents == len(rows) == len(files) + 1
    for name in ("00 good.txt", "09 pdf.docx", "10 docx.pdf", "11 nested.docx", "12 last good.txt"):
        assert rows[name]["status"] == "ok", (name, rows[name]["error"])
    expected = {"01 empty.txt": "empty", "02 junk.txt": "binary", "03 cut.docx": "damaged",
                "04 bomb.docx": "zip bomb", "05 locked.pdf": "encrypted", "06 long.pdf": "limit of 3",
                "07 lol.docx": "damaged", "08 corrupt.pdf": "damaged", "13 dangling.txt": "no such file"}
    for name, word in expected.items():
        assert rows[name]["status"] in ("error", "skipped"), (name, rows[name])
        assert word in _one_line(rows[name]["error"]).lower(), (name, rows[name]["error"])
    assert {p for p, _, _ in summary.problems} == set(expected)


def test_random_high_bytes_are_not_read_as_text(tmp_path):
    import random

    from pipeline.config import Config
    from pipeline.run.discover import Source
    from pipeline.run.process import process_file

    rng = random.Random(7)
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(rng.randrange(128, 256) for _ in range(4000)))
    doc = process_file(Source(path, "junk.txt"), Config.load())
    assert doc.status == "error" and "\n" not in doc.error
