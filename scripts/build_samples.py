#!/usr/bin/env python3
"""Build the chitieu sample archive (data/raw/) and reader test fixtures (tests/fixtures/).

Usage
-----
    python scripts/build_samples.py              # both: data/raw/ and tests/fixtures/
    python scripts/build_samples.py --samples    # data/sources/*.md -> data/raw/ only
    python scripts/build_samples.py --fixtures   # tests/fixtures/ only

Needs python-docx and reportlab (and Pillow for the scanned fixture) and the DejaVu fonts.
Output is deterministic: fixed document metadata, fixed zip timestamps in .docx,
reportlab ``invariant=1`` for .pdf. Running twice gives byte-identical files.

Source markup (data/sources/*.md)
---------------------------------
A source is UTF-8 text in two parts: front matter between two ``---`` lines, then
the body.

Front matter: one ``key: value`` per line.  Keys marked (r) may repeat; each
occurrence adds one line, in order (an empty value gives an empty line).

    id: tanphong-2023-bc-ktxh       output base name (data/raw/<id>.<ext>)
    formats: txt docx pdf           which files to build
    txt-style: markdown | plain     markdown: keeps **bold**, ### headings, pipe
                                    tables; plain: no marks, tab-separated tables
    txt-eol: lf | crlf              line endings of the .txt (default lf)
    docx-normalization: NFC | NFD   Unicode form of all .docx text (default NFC)
    pdf-page-label: Trang {n}       footer text, {n} = page number (default "Trang {n}")
    pdf-running-header: ...         optional line drawn at the top of every page
    header-left: ... (r)            left column of the two-column header
    header-right: ... (r)           right column of the two-column header
    kind: BÁO CÁO                   document kind line (centred, bold)
    title: ... (r)                  title lines under the kind (centred, bold)
    to: ... (r)                     "Kính gửi: ..." lines (centred)
    close-left: ... (r)             left column of the closing block (Nơi nhận)
    close-right: ... (r)            right column of the closing block (signature)

Body: blocks separated by blank lines.

    # text          centred bold heading      (Phần thứ nhất, QUYẾT ĐỊNH:, ...)
    ## text         bold heading              (I. ..., II. ...)
    ### text        bold heading              (1. ..., 2. ...)
    #### text       bold-italic heading       (1.1. ..., a) ...)
    > text          centred italic line       ((Kèm theo Quyết định số ...))
    - text          one bullet paragraph per line, written "- text"
    | a | b | c |   table row; consecutive rows form one ruled table, the first
                    row is the header; a |---|---| separator row is ignored
    \\newpage       page break (docx, pdf)
    other lines     paragraph text; consecutive lines are joined with a space

Inline marks anywhere (front matter values included): ``**bold**``, ``*italic*``.
Heading text carries its own numbering ("1.1. Trồng trọt"), nothing is numbered
automatically.

Renderings
----------
One set of renderers for this archive and the synthetic one: pipeline/synth/render/ (txt, docx,
pdf) over the document model of pipeline/synth/document.py. Each source becomes a `Doc`:

.txt   header-left lines, blank, header-right lines, then the body; markdown style
       writes the kind/title/h1/h3 as ``**...**``, h2 as ``### ...``, h4 as ``*...*``; plain
       style drops the marks and writes tables as tab-separated rows.
.docx  WordprocessingML on a python-docx package (A4, margins 2/2/3/2 cm, Times New Roman 14 pt,
       13 pt in the header); header and closing block are 1-row 2-column tables with borders set
       to nil; figure tables are ruled with single borders and a repeated header row.
.pdf   laid out on a reportlab canvas, A4, DejaVu Serif 12.5 pt justified with a first-line
       indent; header (6.4 + 9.6 cm, 10.5 pt) and closing block are borderless two-column
       blocks, figure tables are ruled with a repeated header row; footer from pdf-page-label on
       every page, optional running header line on every page.
"""
from __future__ import annotations

import argparse
import io
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# One document model and one set of renderers with the synthetic archive.
from pipeline.synth.document import Block, Doc, plain  # noqa: E402
from pipeline.synth.render import render_docx, render_pdf, render_txt, to_cp1258  # noqa: E402
from pipeline.synth.render.pdf import FONT_DIR  # noqa: E402

SOURCES = ROOT / "data" / "sources"
RAW = ROOT / "data" / "raw"
FIXTURES = ROOT / "tests" / "fixtures"
CREATOR = "chitieu build_samples.py"

# --------------------------------------------------------------------------
# source parsing
# --------------------------------------------------------------------------

REPEATED = {"header-left", "header-right", "title", "to", "close-left", "close-right"}


def parse_source(path: Path) -> tuple[dict, Doc]:
    """A source's front matter (the keys as written) and its document."""
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise ValueError(f"{path}: missing front matter")
    end = lines.index("---", 1)
    meta: dict = {k: [] for k in REPEATED}
    for ln in lines[1:end]:
        if not ln.strip():
            continue
        key, _, val = ln.partition(":")
        key = key.strip()
        val = val.strip()
        if key in REPEATED:
            meta[key].append(val)
        else:
            meta[key] = val
    return meta, source_doc(meta, parse_body(lines[end + 1:]))


def parse_body(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    para: list[str] = []

    def flush():
        if para:
            blocks.append(Block("para", " ".join(s.strip() for s in para)))
            para.clear()

    for ln in lines:
        st = ln.strip()
        if not st:
            flush()
            continue
        if st.startswith("|"):
            flush()
            cells = [c.strip() for c in st.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if blocks and blocks[-1].kind == "table":
                blocks[-1].rows.append(cells)
            else:
                blocks.append(Block("table", rows=[cells]))
            continue
        m = re.match(r"^(#{1,4})\s+(.*)$", st)
        if m:
            flush()
            blocks.append(Block(f"h{len(m.group(1))}", m.group(2)))
            continue
        if st == r"\newpage":
            flush()
            blocks.append(Block("pagebreak"))
            continue
        if st.startswith("> "):
            flush()
            blocks.append(Block("center", st[2:]))
            continue
        if st.startswith("- "):
            flush()
            blocks.append(Block("bullet", st[2:]))
            continue
        para.append(st)
    flush()
    for t in blocks:
        if t.kind == "table":
            width = max(len(r) for r in t.rows)
            t.rows = [r + [""] * (width - len(r)) for r in t.rows]
    return blocks


def source_doc(meta: dict, blocks: list[Block]) -> Doc:
    """The front matter's keys as the fields of the shared document model."""
    left = meta["header-left"]
    markdown = meta.get("txt-style", "markdown") == "markdown"
    return Doc(left, meta["header-right"], meta.get("kind", ""), meta["title"], meta["to"], blocks,
               meta["close-left"], meta["close-right"],
               title_meta=plain(" ".join([meta.get("kind", "")] + meta["title"])),
               author=plain(left[-2] if len(left) > 1 else ""), creator=CREATOR,
               page_label=meta.get("pdf-page-label", "Trang {n}"),
               running_header=meta.get("pdf-running-header"), running_header_first=True,
               txt_markdown=markdown, txt_tab_tables=not markdown, txt_crlf=meta.get("txt-eol", "lf") == "crlf",
               docx_nfd=meta.get("docx-normalization", "NFC") == "NFD")


def render(doc: Doc, fmt: str) -> bytes:
    if fmt == "txt":
        return render_txt(doc)
    if fmt == "docx":
        return render_docx(doc)
    if fmt == "pdf":
        return render_pdf(doc)[0]
    raise ValueError(f"unknown format {fmt}")


# --------------------------------------------------------------------------
# samples
# --------------------------------------------------------------------------

def build_samples(verbose=True):
    RAW.mkdir(parents=True, exist_ok=True)
    written = []
    for src in sorted(SOURCES.glob("*.md")):
        meta, doc = parse_source(src)
        base = meta.get("id", src.stem)
        for f in meta.get("formats", "txt").split():
            out = RAW / f"{base}.{f}"
            try:
                out.write_bytes(render(doc, f))
            except ValueError as e:
                raise ValueError(f"{src}: {e}") from None
            written.append(out)
    if verbose:
        for p in written:
            print(p.relative_to(ROOT), p.stat().st_size)
    return written


# --------------------------------------------------------------------------
# fixtures
# --------------------------------------------------------------------------

FX_HEADER_LEFT = ["ỦY BAN NHÂN DÂN", "**XÃ ĐỒNG TIẾN**", "Số: 12/BC-UBND"]
FX_HEADER_RIGHT = ["**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**", "**Độc lập - Tự do - Hạnh phúc**",
                   "*Đồng Tiến, ngày 5 tháng 6 năm 2024*"]


FX_CLOSE_LEFT = ["Nơi nhận:", "- UBND huyện (b/c);", "- Lưu: VT."]
FX_CLOSE_RIGHT = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "Phạm Văn Hùng"]


def fixture_layout_docx(path: Path):
    paras = ["Thực hiện Kế hoạch số 04/KH-UBND ngày 16/01/2024 của Ủy ban nhân dân xã về tổ "
             "chức các phong trào thi đua năm 2024, Ủy ban nhân dân xã Đồng Tiến báo cáo kết quả "
             "như sau.",
             "Sáu tháng đầu năm, tổng thu ngân sách trên địa bàn xã đạt 3.418,5 triệu đồng, "
             "bằng 57,3% dự toán năm, tăng 8,2% so với cùng kỳ.",
             "Các phong trào thi đua được triển khai đồng bộ ở 9/9 thôn; công tác khen thưởng "
             "bảo đảm đúng đối tượng, kịp thời.",
             "Kết quả khen thưởng cụ thể được tổng hợp tại bảng dưới đây."]
    table = Block("table", rows=[["Hình thức", "Tập thể", "Cá nhân"],
                                 ["Giấy khen Chủ tịch UBND huyện", "3", "7"],
                                 ["Giấy khen Chủ tịch UBND xã", "11", "26"]])
    doc = Doc(FX_HEADER_LEFT, FX_HEADER_RIGHT, "BÁO CÁO",
              ["Kết quả công tác thi đua, khen thưởng 6 tháng đầu năm 2024"], [],
              [Block("para", s) for s in paras] + [table], FX_CLOSE_LEFT, FX_CLOSE_RIGHT,
              title_meta="Báo cáo thi đua khen thưởng 6 tháng đầu năm 2024", author="UBND xã Đồng Tiến",
              docx_header="Trang đầu", docx_footer="UBND xã Đồng Tiến - Báo cáo số 12/BC-UBND")
    path.write_bytes(render_docx(doc))


FX_PDF_PARAS = [
    "Năm 2023, trong bối cảnh còn nhiều khó khăn do giá vật tư nông nghiệp tăng cao, thời tiết "
    "diễn biến bất thường, song dưới sự lãnh đạo của Đảng ủy, sự giám sát của Hội đồng nhân dân "
    "và sự điều hành linh hoạt của Ủy ban nhân dân xã, cùng với sự đồng thuận của nhân dân, tình "
    "hình kinh tế - xã hội của xã tiếp tục ổn định và có bước phát triển khá toàn diện trên hầu hết "
    "các lĩnh vực, quốc phòng - an ninh được giữ vững.",
    "Tổng giá trị sản xuất trên địa bàn ước đạt 1.234,56 tỷ\nđồng, đạt 101,8% kế hoạch, tăng 8,7% "
    "so với năm 2022; trong đó giá trị ngành nông nghiệp chiếm tỷ trọng 21,4%, công nghiệp - xây "
    "dựng chiếm 43,1%, thương mại - dịch vụ chiếm 35,5%.",
    "Về trồng trọt, tổng diện tích gieo trồng cả năm đạt 1.084,3 ha, năng suất lúa bình quân đạt "
    "61,7 tạ/ha, sản lượng lương thực có hạt đạt 6.540 tấn. Vụ đông triển khai trên 186 ha với các "
    "cây trồng chủ lực là ngô, khoai tây, bí xanh và rau các loại, mang lại giá trị bình quân "
    "khoảng 95 triệu đồng trên mỗi héc-ta canh tác.",
    "Về chăn nuôi, tổng đàn lợn duy trì ở mức 3.920 con, đàn trâu bò 540 con, đàn gia cầm ước "
    "61.000 con; công tác tiêm phòng định kỳ được thực hiện đạt trên 95% tổng đàn, không để xảy "
    "ra dịch bệnh lớn trên địa bàn.",
]


def fixture_wrapped_pdf(path: Path):
    # the header at 11 pt in 7 + 9 cm, as first committed: its right column wraps
    blocks = []
    for rnd in range(1, 5):  # the body repeated with varied numbering, so that it spans pages
        blocks.append(Block("h3", f"{rnd}. Nội dung thứ {rnd}"))
        blocks += [Block("para", s) for s in FX_PDF_PARAS]
    doc = Doc(["ỦY BAN NHÂN DÂN", "**XÃ ĐỒNG TIẾN**", "Số: 87/BC-UBND"],
              ["**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**", "**Độc lập - Tự do - Hạnh phúc**",
               "*Đồng Tiến, ngày 15 tháng 12 năm 2023*"], "BÁO CÁO",
              ["Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2023"], [], blocks,
              FX_CLOSE_LEFT, FX_CLOSE_RIGHT, title_meta="Báo cáo năm 2023", author="UBND xã Đồng Tiến",
              creator=CREATOR, page_label="Trang {n}", running_header="UBND XÃ ĐỒNG TIẾN - Báo cáo năm 2023",
              running_header_first=True, pdf_header_widths=(7.0, 9.0), pdf_header_size=11)
    path.write_bytes(render_pdf(doc)[0])


FX_TXT = """ỦY BAN NHÂN DÂN
XÃ ĐỒNG TIẾN
Số: 31/BC-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Đồng Tiến, ngày 20 tháng 6 năm 2024

BÁO CÁO
Sơ kết công tác giảm nghèo 6 tháng đầu năm 2024

Thực hiện Kế hoạch số 09/KH-UBND ngày 22/01/2024, Ủy ban nhân dân xã báo cáo như sau.

1. Kết quả thực hiện
Đến ngày 15/6/2024, toàn xã còn 41 hộ nghèo, chiếm tỷ lệ 1,72%, giảm 0,35% so với cuối năm 2023; hộ cận nghèo còn 76 hộ, chiếm 3,18%.
Tỷ lệ người dân tham gia bảo hiểm y tế đạt 92,6%; đã cấp 312 thẻ BHYT cho người thuộc hộ nghèo, hộ cận nghèo và trẻ em dưới 6 tuổi.
Ngân hàng Chính sách xã hội huyện giải ngân cho vay 2 tỷ 450 triệu đồng với 58 lượt hộ vay.

2. Nhiệm vụ 6 tháng cuối năm
Phấn đấu đến cuối năm tỷ lệ hộ nghèo giảm còn dưới 1,5%, tỷ lệ tham gia BHYT đạt trên 94%.
"""

FX_MARKDOWN = """ỦY BAN NHÂN DÂN
**XÃ ĐỒNG TIẾN**
Số: 45/BC-UBND

**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
**Độc lập - Tự do - Hạnh phúc**
*Đồng Tiến, ngày 10 tháng 12 năm 2023*

**BÁO CÁO**

**Tổng kết công tác thi đua, khen thưởng năm 2023**

### I. KẾT QUẢ THỰC HIỆN

**1. Công tác khen thưởng**

* Chủ tịch UBND tỉnh tặng Bằng khen cho 02 tập thể và 03 cá nhân;
* UBND huyện tặng giấy khen cho 15 tập thể, 27 cá nhân;
* Công nhận danh hiệu *Lao động tiên tiến* cho 45 cá nhân, *Chiến sĩ thi đua cơ sở* cho 6 cá nhân.

**2. Kết quả kinh tế**

Tổng thu ngân sách xã đạt **8.725.000.000 đồng**, bằng 112,4% dự toán.

### II. PHƯƠNG HƯỚNG NĂM 2024

Phấn đấu *tỷ lệ hộ nghèo giảm còn 1,2%*; 100% thôn đạt danh hiệu thôn văn hóa.
"""

def fixture_scanned_pdf(path: Path):
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    img = Image.new("L", (1240, 1754), 246)  # A4 at 150 dpi, greyish paper
    dr = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif.ttf"), 26)
    bold = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif-Bold.ttf"), 28)
    dr.text((170, 150), "ỦY BAN NHÂN DÂN XÃ ĐỒNG TIẾN", font=bold, fill=20)
    dr.text((420, 300), "BÁO CÁO", font=bold, fill=20)
    y = 400
    for ln in ["Tổng thu ngân sách xã đạt 8.725.000.000 đồng,",
               "bằng 112,4% dự toán huyện giao.",
               "Tỷ lệ hộ nghèo còn 1,72%."]:
        dr.text((180, y), ln, font=font, fill=30)
        y += 48
    dr.rectangle((150, 120, 1090, 1650), outline=90, width=3)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    buf.seek(0)
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1)
    c.setTitle("scan")
    c.setCreator("chitieu build_samples.py")
    c.drawImage(ImageReader(buf), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    path.write_bytes(out.getvalue())


FIXTURES_README = """# Reader test fixtures

Built by `python scripts/build_samples.py --fixtures` (deterministic) with the renderers of
pipeline/synth/render/. All text is original, written for these tests.

| file | what it exercises |
| --- | --- |
| `layout_tables.docx` | Two-column borderless header table (ỦY BAN NHÂN DÂN / XÃ ĐỒNG TIẾN / Số: 12/BC-UBND beside CỘNG HÒA ... / Đồng Tiến, ngày 5 tháng 6 năm 2024), kind line BÁO CÁO, title, four body paragraphs (the second holds figures: 3.418,5 triệu đồng, 57,3%, 8,2%; the third "9/9 thôn"), a ruled 3×3 table (Hình thức / Tập thể / Cá nhân), a borderless closing table (Nơi nhận | TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / Phạm Văn Hùng). Section header text "Trang đầu", footer text "UBND xã Đồng Tiến - Báo cáo số 12/BC-UBND": readers should keep them out of the body (or mark them). |
| `wrapped_multipage.pdf` | 3 pages, DejaVu Serif, justified paragraphs with a first-line indent that wrap mid-sentence; a forced line break right after a number, so one line ends "… ước đạt 1.234,56 tỷ" and the next starts "đồng, đạt 101,8% …" (a reader must join them into one sentence and keep "1.234,56 tỷ đồng" whole); the second time it comes, that break is also the page break (page 2 ends "… 1.234,56 tỷ", page 3 starts "đồng, đạt 101,8%"); footer "Trang N" on every page; running header "UBND XÃ ĐỒNG TIẾN - Báo cáo năm 2023" on every page; two-column header table on page 1 only, 11 pt in 7 + 9 cm so that its right column wraps ("… VIỆT" / "NAM"). The body (4 paragraphs) is repeated 4 times under headings "1. Nội dung thứ 1" … "4. Nội dung thứ 4". |
| `cp1258.txt` | Short report encoded Windows-1258, CRLF line endings. Tone marks are combining characters (U+0300 U+0301 U+0303 U+0309 U+0323) after precomposed base letters (â ê ô ơ ư ă đ), as cp1258 requires: decoding gives NFD-like text that must be NFC-normalized. Same text as `utf16.txt` / `utf8_bom.txt`. Not valid UTF-8. |
| `utf16.txt` | Same text, UTF-16 little-endian with BOM (FF FE), CRLF line endings. |
| `utf8_bom.txt` | Same text, UTF-8 with BOM (EF BB BF), LF line endings. |
| `markdown_marks.txt` | UTF-8 report text with archive-style Markdown: `**bold**` header lines, `### heading`, `* ` bullets, `*italic*` inside sentences; readers should strip the marks without touching the figures (8.725.000.000 đồng, 112,4%, 1,2%). |
| `scanned.pdf` | One A4 page whose only content is a raster image (text drawn into pixels with Pillow, no text layer): a reader should report "no text layer" rather than return empty text silently. |

The shared text of the three encoding fixtures contains: 41 hộ nghèo, 1,72%, 0,35%, 76 hộ, 3,18%,
92,6%, 312 thẻ BHYT, "trẻ em dưới 6 tuổi" (age bound, not a figure), "2 tỷ 450 triệu đồng",
58 lượt hộ vay, target "dưới 1,5%" and "trên 94%", dates 15/6/2024, 22/01/2024 and
"Kế hoạch số 09/KH-UBND".
"""


def build_fixtures(verbose=True):
    FIXTURES.mkdir(parents=True, exist_ok=True)
    fixture_layout_docx(FIXTURES / "layout_tables.docx")
    fixture_wrapped_pdf(FIXTURES / "wrapped_multipage.pdf")
    fixture_scanned_pdf(FIXTURES / "scanned.pdf")
    crlf = FX_TXT.replace("\n", "\r\n")
    cp = to_cp1258(crlf)
    assert unicodedata.normalize("NFC", cp.decode("cp1258")) == crlf, "cp1258 round trip"
    (FIXTURES / "cp1258.txt").write_bytes(cp)
    (FIXTURES / "utf16.txt").write_bytes(b"\xff\xfe" + crlf.encode("utf-16-le"))
    (FIXTURES / "utf8_bom.txt").write_bytes(FX_TXT.encode("utf-8-sig"))
    (FIXTURES / "markdown_marks.txt").write_bytes(FX_MARKDOWN.encode("utf-8"))
    (FIXTURES / "README.md").write_text(FIXTURES_README, encoding="utf-8")
    if verbose:
        for p in sorted(FIXTURES.iterdir()):
            if p.is_file():
                print(p.relative_to(ROOT), p.stat().st_size)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--samples", action="store_true", help="build data/raw only")
    ap.add_argument("--fixtures", action="store_true", help="build tests/fixtures only")
    ap.add_argument("--all", action="store_true", help="build both (the default)")
    ap.add_argument("-q", "--quiet", action="store_true")
    a = ap.parse_args(argv)
    both = a.all or not (a.samples or a.fixtures)
    if a.samples or both:
        build_samples(not a.quiet)
    if a.fixtures or both:
        build_fixtures(not a.quiet)


if __name__ == "__main__":
    sys.exit(main())
