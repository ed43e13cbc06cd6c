#!/usr/bin/env python3
"""Build the chitieu sample archive (data/raw/) and reader test fixtures (tests/fixtures/).

Usage
-----
    python scripts/build_samples.py              # both: data/raw/ and tests/fixtures/
    python scripts/build_samples.py --samples    # data/sources/*.md -> data/raw/ only
    python scripts/build_samples.py --fixtures   # tests/fixtures/ only

Needs python-docx and reportlab (and Pillow, which reportlab already pulls in).
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
.txt   header-left lines, blank, header-right lines, then the body; markdown style
       writes the kind/title/h1/h3 as ``**...**``, h2 as ``### ...``, h4 as ``*...*``.
.docx  python-docx, A4, margins 2/2/3/2 cm, Times New Roman 14 pt (13 pt in the
       header); header and closing block are 1-row 2-column tables with borders
       set to nil; figure tables use "Table Grid" plus explicit single borders.
.pdf   reportlab platypus, A4, 2.5 cm margins, DejaVu Serif 12 pt justified with a
       1 cm first-line indent; header (6.4 + 9.6 cm, 10.5 pt) and closing block are
       borderless Tables, figure tables are GRID-ruled with a repeated header row;
       footer from pdf-page-label on every page, optional running header line.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The inline markup, the fixed zip and the cp1258 encoder are shared with the synthetic archive.
from pipeline.synth.archive import fixed_zip, plain, spans, to_cp1258, txt_lines  # noqa: E402
SOURCES = ROOT / "data" / "sources"
RAW = ROOT / "data" / "raw"
FIXTURES = ROOT / "tests" / "fixtures"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FIXED_TIME = dt.datetime(2024, 1, 1, 0, 0, 0, tzinfo=dt.timezone.utc)

# --------------------------------------------------------------------------
# source parsing
# --------------------------------------------------------------------------

REPEATED = {"header-left", "header-right", "title", "to", "close-left", "close-right"}


@dataclass
class Block:
    kind: str  # h1 h2 h3 h4 center bullet para table pagebreak
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Doc:
    meta: dict
    blocks: list[Block]
    path: Path

    def get(self, key, default=None):
        return self.meta.get(key, default)

    def lines(self, key):
        return self.meta.get(key, [])


def parse_source(path: Path) -> Doc:
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
    blocks: list[Block] = []
    para: list[str] = []

    def flush():
        if para:
            blocks.append(Block("para", " ".join(s.strip() for s in para)))
            para.clear()

    for ln in lines[end + 1:]:
        s = ln.rstrip()
        st = s.strip()
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
    return Doc(meta, blocks, path)


# --------------------------------------------------------------------------
# .txt
# --------------------------------------------------------------------------

def render_txt(doc: Doc) -> bytes:
    md = doc.get("txt-style", "markdown") == "markdown"
    out = txt_lines(doc.lines("header-left"), doc.lines("header-right"), doc.get("kind"), doc.lines("title"),
                    doc.lines("to"), doc.blocks, doc.lines("close-left"), doc.lines("close-right"),
                    markdown=md, tab_tables=not md)
    eol = "\r\n" if doc.get("txt-eol", "lf") == "crlf" else "\n"
    return (eol.join(out) + eol).encode("utf-8")


# --------------------------------------------------------------------------
# .docx
# --------------------------------------------------------------------------

def _docx_imports():
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt
    return Document, WD_TABLE_ALIGNMENT, WD_ALIGN_PARAGRAPH, WD_BREAK, OxmlElement, qn, Cm, Pt


class DocxWriter:
    """Thin helper over python-docx with the layout conventions of the archive."""

    def __init__(self, norm="NFC", body_pt=14):
        (Document, self.TA, self.AL, self.BR, self.OX, self.qn, self.Cm, self.Pt) = _docx_imports()
        self.norm = norm
        self.body_pt = body_pt
        self.d = Document()
        sec = self.d.sections[0]
        sec.page_width, sec.page_height = self.Cm(21.0), self.Cm(29.7)
        sec.left_margin, sec.right_margin = self.Cm(3.0), self.Cm(2.0)
        sec.top_margin, sec.bottom_margin = self.Cm(2.0), self.Cm(2.0)
        st = self.d.styles["Normal"]
        st.font.name = "Times New Roman"
        st.font.size = self.Pt(body_pt)
        rpr = st.element.get_or_add_rPr()
        rfonts = rpr.find(self.qn("w:rFonts"))
        if rfonts is None:
            rfonts = self.OX("w:rFonts")
            rpr.append(rfonts)
        for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(self.qn(a), "Times New Roman")
        pf = st.paragraph_format
        pf.space_before = self.Pt(0)
        pf.space_after = self.Pt(6)
        pf.line_spacing = 1.15
        table_grid = "Table Grid"
        self.grid_style = table_grid if table_grid in [s.name for s in self.d.styles] else None

    def t(self, s: str) -> str:
        return unicodedata.normalize(self.norm, s)

    def runs(self, p, text, bold=False, italic=False, size=None):
        for chunk, b, i in spans(text):
            r = p.add_run(self.t(chunk))
            r.bold = bold or b or None
            r.italic = italic or i or None
            if size:
                r.font.size = self.Pt(size)
        return p

    def para(self, text, align="justify", bold=False, italic=False, indent=True,
             size=None, container=None, after=6):
        c = container if container is not None else self.d
        p = c.add_paragraph()
        p.alignment = {"justify": self.AL.JUSTIFY, "center": self.AL.CENTER,
                       "left": self.AL.LEFT, "right": self.AL.RIGHT}[align]
        if indent and align == "justify":
            p.paragraph_format.first_line_indent = self.Cm(1.27)
        p.paragraph_format.space_after = self.Pt(after)
        self.runs(p, text, bold, italic, size)
        return p

    def _borders(self, table, val):
        tblPr = table._tbl.tblPr
        old = tblPr.find(self.qn("w:tblBorders"))
        if old is not None:
            tblPr.remove(old)
        b = self.OX("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            e = self.OX(f"w:{edge}")
            e.set(self.qn("w:val"), val)
            if val != "nil":
                e.set(self.qn("w:sz"), "4")
                e.set(self.qn("w:space"), "0")
                e.set(self.qn("w:color"), "000000")
            b.append(e)
        tblPr.append(b)

    def _widths(self, table, widths_cm):
        table.autofit = False
        for i, w in enumerate(widths_cm):
            table.columns[i].width = self.Cm(w)
            for cell in table.columns[i].cells:
                cell.width = self.Cm(w)

    def layout_table(self, left, right, widths=(6.5, 9.5), left_style=None,
                     right_style=None, size=13):
        """Borderless two-column table: each side a list of lines."""
        tb = self.d.add_table(rows=1, cols=2)
        self._borders(tb, "nil")
        self._widths(tb, widths)
        for cell, lines, style in ((tb.rows[0].cells[0], left, left_style),
                                   (tb.rows[0].cells[1], right, right_style)):
            first = True
            for i, ln in enumerate(lines):
                p = cell.paragraphs[0] if first else cell.add_paragraph()
                first = False
                align, bold, italic, sz = (style(i, ln) if style else ("center", False, False, size))
                p.alignment = {"center": self.AL.CENTER, "left": self.AL.LEFT,
                               "justify": self.AL.JUSTIFY}[align]
                p.paragraph_format.space_after = self.Pt(0)
                p.paragraph_format.first_line_indent = None
                self.runs(p, ln, bold, italic, sz)
        return tb

    def grid_table(self, rows, size=12):
        ncol = len(rows[0])
        tb = self.d.add_table(rows=len(rows), cols=ncol)
        if self.grid_style:
            tb.style = self.d.styles[self.grid_style]
        self._borders(tb, "single")
        tb.alignment = self.TA.CENTER
        avail = 16.0
        w = col_weights(rows)
        self._widths(tb, [avail * x for x in w])
        for ri, row in enumerate(rows):
            for ci, val in enumerate(row):
                cell = tb.rows[ri].cells[ci]
                p = cell.paragraphs[0]
                p.paragraph_format.space_after = self.Pt(0)
                p.paragraph_format.first_line_indent = None
                numeric = ci > 0 and re.fullmatch(r"[\d.,%\s\-+<>≥≤]+", plain(val) or "x")
                p.alignment = self.AL.CENTER if (ri == 0 or numeric) else self.AL.LEFT
                self.runs(p, val, bold=(ri == 0), size=size)
        self.d.add_paragraph().paragraph_format.space_after = self.Pt(0)
        return tb

    def page_break(self):
        self.d.add_paragraph().add_run().add_break(self.BR.PAGE)

    def save(self, path: Path, title="", author=""):
        cp = self.d.core_properties
        cp.author = self.t(author)
        cp.last_modified_by = self.t(author)
        cp.title = self.t(title)
        cp.created = FIXED_TIME.replace(tzinfo=None)
        cp.modified = FIXED_TIME.replace(tzinfo=None)
        cp.last_printed = FIXED_TIME.replace(tzinfo=None)
        cp.revision = 1
        cp.comments = ""
        cp.keywords = ""
        cp.subject = ""
        cp.category = ""
        buf = io.BytesIO()
        self.d.save(buf)
        path.write_bytes(deterministic_zip(buf.getvalue()))


def deterministic_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member timestamps and attributes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    return fixed_zip([(info.filename, src.read(info.filename)) for info in src.infolist()])


def col_weights(rows):
    """Relative column widths from text lengths (first column gets the long labels)."""
    ncol = len(rows[0])
    lens = []
    for c in range(ncol):
        texts = [plain(r[c]) for r in rows]
        longest_word = max((len(w) for t in texts for w in t.split()), default=1)
        m = max(len(t) for t in texts)
        lens.append(max(min(m, 42), longest_word + 2, 8))
    tot = sum(lens)
    return [x / tot for x in lens]


def header_left_style(i, ln):
    # weights come from the inline marks of the source (**UBND XÃ ...**)
    return ("center", False, False, 13)


def header_right_style(i, ln):
    return ("center", False, False, 13)


def close_left_style(i, ln):
    if i == 0:
        return ("left", True, True, 12)
    return ("left", False, False, 11)


def close_right_style(i, ln):
    return ("center", True, False, 14)


def render_docx(doc: Doc, path: Path):
    w = DocxWriter(norm=doc.get("docx-normalization", "NFC"))
    w.layout_table(doc.lines("header-left"), doc.lines("header-right"),
                   left_style=header_left_style, right_style=header_right_style)
    w.para("", align="center", indent=False, after=0)
    if doc.get("kind"):
        w.para(doc.get("kind"), align="center", bold=True, indent=False, after=0)
    for s in doc.lines("title"):
        w.para(s, align="center", bold=True, indent=False, after=0)
    w.para("", align="center", indent=False, after=0)
    for s in doc.lines("to"):
        w.para(s, align="center", indent=False)
    emit_docx_blocks(w, doc.blocks)
    w.para("", indent=False, after=0)
    w.layout_table(doc.lines("close-left"), doc.lines("close-right"), widths=(8.0, 8.0),
                   left_style=close_left_style, right_style=close_right_style)
    w.save(path, title=plain(" ".join([doc.get("kind", "")] + doc.lines("title"))),
           author=plain(doc.lines("header-left")[-2] if len(doc.lines("header-left")) > 1 else ""))


def emit_docx_blocks(w: DocxWriter, blocks):
    for b in blocks:
        p = None
        if b.kind == "h1":
            p = w.para(b.text, align="center", bold=True, indent=False)
        elif b.kind in ("h2", "h3"):
            p = w.para(b.text, align="justify", bold=True)
        elif b.kind == "h4":
            p = w.para(b.text, align="justify", bold=True, italic=True)
        elif b.kind == "center":
            w.para(b.text, align="center", italic=True, indent=False)
        elif b.kind == "bullet":
            w.para("- " + b.text)
        elif b.kind == "para":
            w.para(b.text)
        elif b.kind == "table":
            w.grid_table(b.rows)
        elif b.kind == "pagebreak":
            w.page_break()
        if p is not None:
            p.paragraph_format.keep_with_next = True


# --------------------------------------------------------------------------
# .pdf
# --------------------------------------------------------------------------

_FONTS_DONE = False


def register_fonts():
    global _FONTS_DONE
    if _FONTS_DONE:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    for name, fn in (("DejaVuSerif", "DejaVuSerif.ttf"),
                     ("DejaVuSerif-Bold", "DejaVuSerif-Bold.ttf"),
                     ("DejaVuSerif-Italic", "DejaVuSerif-Italic.ttf"),
                     ("DejaVuSerif-BoldItalic", "DejaVuSerif-BoldItalic.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / fn)))
    addMapping("DejaVuSerif", 0, 0, "DejaVuSerif")
    addMapping("DejaVuSerif", 1, 0, "DejaVuSerif-Bold")
    addMapping("DejaVuSerif", 0, 1, "DejaVuSerif-Italic")
    addMapping("DejaVuSerif", 1, 1, "DejaVuSerif-BoldItalic")
    _FONTS_DONE = True


def pdf_markup(text: str, bold=False, italic=False) -> str:
    out = []
    for chunk, b, i in spans(text):
        s = escape(chunk)
        if b:
            s = f"<b>{s}</b>"
        if i:
            s = f"<i>{s}</i>"
        out.append(s)
    s = "".join(out)
    if bold:
        s = f"<b>{s}</b>"
    if italic:
        s = f"<i>{s}</i>"
    return s


class PdfKit:
    def __init__(self, body_size=12, hdr_size=10.5):
        register_fonts()
        from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.lib.units import cm
        self.cm = cm
        base = ParagraphStyle("base", fontName="DejaVuSerif", fontSize=body_size,
                              leading=body_size * 1.4, alignment=TA_JUSTIFY,
                              firstLineIndent=1.0 * cm, spaceAfter=4)
        self.body = base
        self.center = ParagraphStyle("center", parent=base, alignment=TA_CENTER,
                                     firstLineIndent=0, spaceAfter=0)
        self.left = ParagraphStyle("left", parent=base, alignment=TA_LEFT,
                                   firstLineIndent=0, spaceAfter=0)
        self.cell = ParagraphStyle("cell", parent=base, alignment=TA_LEFT, firstLineIndent=0,
                                   fontSize=body_size - 2, leading=(body_size - 2) * 1.3,
                                   spaceAfter=0)
        self.cellc = ParagraphStyle("cellc", parent=self.cell, alignment=TA_CENTER)
        self.head = ParagraphStyle("head", parent=base)
        self.headc = ParagraphStyle("headc", parent=self.center, spaceBefore=3, spaceAfter=3)
        self.hdr = ParagraphStyle("hdr", parent=self.center, fontSize=hdr_size,
                                  leading=hdr_size * 1.3)
        self.small = ParagraphStyle("small", parent=self.left, fontSize=body_size - 2.5,
                                    leading=(body_size - 2.5) * 1.3)

    def P(self, text, style=None, bold=False, italic=False):
        from reportlab.platypus import Paragraph
        return Paragraph(pdf_markup(text, bold, italic), style or self.body)

    def layout_table(self, left, right, widths_cm=(6.4, 9.6), left_fmt=None, right_fmt=None):
        from reportlab.platypus import Spacer, Table, TableStyle
        lf = left_fmt or (lambda i, s: self.P(s, self.hdr))
        rf = right_fmt or (lambda i, s: self.P(s, self.hdr))
        blank = self.hdr.leading
        lcell = [lf(i, s) if s else Spacer(1, blank) for i, s in enumerate(left)]
        rcell = [rf(i, s) if s else Spacer(1, blank) for i, s in enumerate(right)]
        t = Table([[lcell, rcell]], colWidths=[w * self.cm for w in widths_cm])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))
        return t

    def grid_table(self, rows, avail_cm=16.0):
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle
        data = []
        for ri, r in enumerate(rows):
            line = []
            for ci, v in enumerate(r):
                numeric = ci > 0 and re.fullmatch(r"[\d.,%\s\-+<>≥≤]+", plain(v) or "x")
                st = self.cellc if (ri == 0 or numeric) else self.cell
                line.append(self.P(v, st, bold=(ri == 0)))
            data.append(line)
        w = col_weights(rows)
        t = Table(data, colWidths=[avail_cm * x * self.cm for x in w], repeatRows=1)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        return t


def make_pdf(path: Path, story, title="", author="", page_label="Trang {n}",
             running_header=None, first_page_header=True):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate
    register_fonts()

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont("DejaVuSerif", 9.5)
        canvas.drawCentredString(A4[0] / 2, 1.3 * cm, page_label.format(n=doc.page))
        if running_header and (first_page_header or doc.page > 1):
            canvas.setFont("DejaVuSerif-Italic", 9)
            canvas.drawString(2.5 * cm, A4[1] - 1.5 * cm, running_header)
            canvas.setLineWidth(0.4)
            canvas.line(2.5 * cm, A4[1] - 1.62 * cm, A4[0] - 2.5 * cm, A4[1] - 1.62 * cm)
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm,
                            topMargin=2.5 * cm, bottomMargin=2.5 * cm, title=title,
                            author=author, subject="", creator="chitieu build_samples.py",
                            producer="ReportLab", invariant=1)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    path.write_bytes(buf.getvalue())


def render_pdf(doc: Doc, path: Path):
    from reportlab.platypus import CondPageBreak, PageBreak, Spacer
    k = PdfKit()
    cm = k.cm
    story = [
        k.layout_table(doc.lines("header-left"), doc.lines("header-right")),
        Spacer(1, 0.5 * cm),
    ]
    if doc.get("kind"):
        story.append(k.P(doc.get("kind"), k.center, bold=True))
    for s in doc.lines("title"):
        story.append(k.P(s, k.center, bold=True))
    story.append(Spacer(1, 0.3 * cm))
    for s in doc.lines("to"):
        story.append(k.P(s, k.center))
    story.append(Spacer(1, 0.3 * cm))
    for b in doc.blocks:
        if b.kind in ("h1", "h2", "h3", "h4"):
            story.append(CondPageBreak(2.5 * cm))  # no heading alone at a page foot
        if b.kind == "h1":
            story.append(k.P(b.text, k.headc, bold=True))
        elif b.kind in ("h2", "h3"):
            story.append(k.P(b.text, k.head, bold=True))
        elif b.kind == "h4":
            story.append(k.P(b.text, k.head, bold=True, italic=True))
        elif b.kind == "center":
            story.append(k.P(b.text, k.center, italic=True))
        elif b.kind == "bullet":
            story.append(k.P("- " + b.text))
        elif b.kind == "para":
            story.append(k.P(b.text))
        elif b.kind == "table":
            story.append(Spacer(1, 0.15 * cm))
            story.append(k.grid_table(b.rows))
            story.append(Spacer(1, 0.3 * cm))
        elif b.kind == "pagebreak":
            story.append(PageBreak())
    story.append(Spacer(1, 0.4 * cm))

    def cl(i, s):
        return k.P(s, k.small, bold=(i == 0), italic=(i == 0))

    def cr(i, s):
        return k.P(s, k.center, bold=True)

    story.append(k.layout_table(doc.lines("close-left"), doc.lines("close-right"),
                                widths_cm=(8.0, 8.0), left_fmt=cl, right_fmt=cr))
    make_pdf(path, story,
             title=plain(" ".join([doc.get("kind", "")] + doc.lines("title"))),
             author=plain(doc.lines("header-left")[-2] if len(doc.lines("header-left")) > 1 else ""),
             page_label=doc.get("pdf-page-label", "Trang {n}"),
             running_header=doc.get("pdf-running-header"))


# --------------------------------------------------------------------------
# samples
# --------------------------------------------------------------------------

def build_samples(verbose=True):
    RAW.mkdir(parents=True, exist_ok=True)
    written = []
    for src in sorted(SOURCES.glob("*.md")):
        doc = parse_source(src)
        base = doc.get("id", src.stem)
        fmts = doc.get("formats", "txt").split()
        for f in fmts:
            out = RAW / f"{base}.{f}"
            if f == "txt":
                out.write_bytes(render_txt(doc))
            elif f == "docx":
                render_docx(doc, out)
            elif f == "pdf":
                render_pdf(doc, out)
            else:
                raise ValueError(f"{src}: unknown format {f}")
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


def fixture_layout_docx(path: Path):
    w = DocxWriter()
    sec = w.d.sections[0]
    hp = sec.header.paragraphs[0]
    hp.text = "Trang đầu"
    fp = sec.footer.paragraphs[0]
    fp.text = "UBND xã Đồng Tiến - Báo cáo số 12/BC-UBND"
    w.layout_table(FX_HEADER_LEFT, FX_HEADER_RIGHT)
    w.para("", align="center", indent=False, after=0)
    w.para("BÁO CÁO", align="center", bold=True, indent=False, after=0)
    w.para("Kết quả công tác thi đua, khen thưởng 6 tháng đầu năm 2024", align="center",
           bold=True, indent=False)
    w.para("Thực hiện Kế hoạch số 04/KH-UBND ngày 16/01/2024 của Ủy ban nhân dân xã về tổ "
           "chức các phong trào thi đua năm 2024, Ủy ban nhân dân xã Đồng Tiến báo cáo kết quả "
           "như sau.")
    w.para("Sáu tháng đầu năm, tổng thu ngân sách trên địa bàn xã đạt 3.418,5 triệu đồng, "
           "bằng 57,3% dự toán năm, tăng 8,2% so với cùng kỳ.")
    w.para("Các phong trào thi đua được triển khai đồng bộ ở 9/9 thôn; công tác khen thưởng "
           "bảo đảm đúng đối tượng, kịp thời.")
    w.para("Kết quả khen thưởng cụ thể được tổng hợp tại bảng dưới đây.")
    w.grid_table([["Hình thức", "Tập thể", "Cá nhân"],
                  ["Giấy khen Chủ tịch UBND huyện", "3", "7"],
                  ["Giấy khen Chủ tịch UBND xã", "11", "26"]])
    w.layout_table(["Nơi nhận:", "- UBND huyện (b/c);", "- Lưu: VT."],
                   ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "Phạm Văn Hùng"],
                   widths=(8.0, 8.0), left_style=close_left_style, right_style=close_right_style)
    w.save(path, title="Báo cáo thi đua khen thưởng 6 tháng đầu năm 2024", author="UBND xã Đồng Tiến")


FX_PDF_PARAS = [
    "Năm 2023, trong bối cảnh còn nhiều khó khăn do giá vật tư nông nghiệp tăng cao, thời tiết "
    "diễn biến bất thường, song dưới sự lãnh đạo của Đảng ủy, sự giám sát của Hội đồng nhân dân "
    "và sự điều hành linh hoạt của Ủy ban nhân dân xã, cùng với sự đồng thuận của nhân dân, tình "
    "hình kinh tế - xã hội của xã tiếp tục ổn định và có bước phát triển khá toàn diện trên hầu hết "
    "các lĩnh vực, quốc phòng - an ninh được giữ vững.",
    "Tổng giá trị sản xuất trên địa bàn ước đạt 1.234,56 tỷ<br/>đồng, đạt 101,8% kế hoạch, tăng 8,7% "
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
    from reportlab.platypus import Spacer
    # header layout kept as first committed (11 pt, 7 + 9 cm: the right column wraps)
    k = PdfKit(hdr_size=11)
    cm = k.cm
    story = [k.layout_table(["ỦY BAN NHÂN DÂN", "**XÃ ĐỒNG TIẾN**", "Số: 87/BC-UBND"],
                            ["**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**",
                             "**Độc lập - Tự do - Hạnh phúc**",
                             "*Đồng Tiến, ngày 15 tháng 12 năm 2023*"], widths_cm=(7.0, 9.0)),
             Spacer(1, 0.5 * cm),
             k.P("BÁO CÁO", k.center, bold=True),
             k.P("Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2023", k.center, bold=True),
             Spacer(1, 0.4 * cm)]
    from reportlab.platypus import Paragraph
    # repeat the body with varied numbering so that it spans 3 pages
    for rnd in range(1, 5):
        story.append(k.P(f"{rnd}. Nội dung thứ {rnd}", bold=True))
        for txt in FX_PDF_PARAS:
            if "<br/>" in txt:
                story.append(Paragraph(txt, k.body))
            else:
                story.append(k.P(txt))
    story.append(Spacer(1, 0.4 * cm))
    story.append(k.layout_table(["Nơi nhận:", "- UBND huyện (b/c);", "- Lưu: VT."],
                                ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "Phạm Văn Hùng"],
                                widths_cm=(8.0, 8.0),
                                left_fmt=lambda i, s: k.P(s, k.small, bold=(i == 0)),
                                right_fmt=lambda i, s: k.P(s, k.center, bold=True)))
    make_pdf(path, story, title="Báo cáo năm 2023", author="UBND xã Đồng Tiến",
             page_label="Trang {n}", running_header="UBND XÃ ĐỒNG TIẾN - Báo cáo năm 2023")


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
    from reportlab.lib.units import cm
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

Built by `python scripts/build_samples.py --fixtures` (deterministic). All text is
original, written for these tests.

| file | what it exercises |
| --- | --- |
| `layout_tables.docx` | Two-column borderless header table (ỦY BAN NHÂN DÂN / XÃ ĐỒNG TIẾN / Số: 12/BC-UBND beside CỘNG HÒA ... / Đồng Tiến, ngày 5 tháng 6 năm 2024), kind line BÁO CÁO, title, four body paragraphs (the second holds figures: 3.418,5 triệu đồng, 57,3%, 8,2%; the third "9/9 thôn"), a ruled 3×3 table (Hình thức / Tập thể / Cá nhân), a borderless closing table (Nơi nhận | TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / Phạm Văn Hùng). Section header text "Trang đầu", footer text "UBND xã Đồng Tiến - Báo cáo số 12/BC-UBND": readers should keep them out of the body (or mark them). |
| `wrapped_multipage.pdf` | 3 pages, DejaVu Serif, justified paragraphs with a first-line indent that wrap mid-sentence; paragraphs cross both page breaks (page 1 ends "… xây dựng chiếm", page 2 starts "43,1%, …"; page 2 ends "… được giữ", page 3 starts "vững."); a forced line break right after a number, so one line ends "… ước đạt 1.234,56 tỷ" and the next starts "đồng, đạt 101,8% …" (a reader must join them into one sentence and keep "1.234,56 tỷ đồng" whole); footer "Trang N" on every page; running header "UBND XÃ ĐỒNG TIẾN - Báo cáo năm 2023" on every page; two-column header table on page 1 only. The body (4 paragraphs) is repeated 4 times under headings "1. Nội dung thứ 1" … "4. Nội dung thứ 4". |
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
