"""A document as a .docx: WordprocessingML written directly on a package python-docx made once
per process (fast: no python-docx object per paragraph), in a zip with fixed times."""
from __future__ import annotations

import io
import unicodedata
import zipfile
from xml.sax.saxutils import escape

from ..document import Doc, col_weights, is_numeric_cell, plain, spans

ZIP_TIME = (2024, 1, 1, 0, 0, 0)
FIXED_ISO = "2024-01-01T00:00:00Z"
_DOCX_BASES: dict[tuple[str | None, str | None], dict] = {}


def _docx_base(header: str | None = None, footer: str | None = None) -> dict:
    """The parts of an empty python-docx document (Times New Roman 14 pt, A4; a section header
    when `header` is given; a footer of `footer`'s text, else the page number), made once per
    process and header/footer: every .docx reuses them with its own body."""
    key = (header, footer)
    if key in _DOCX_BASES:
        return _DOCX_BASES[key]
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    d = Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin, sec.right_margin = Cm(3.0), Cm(2.0)
    sec.top_margin, sec.bottom_margin = Cm(2.0), Cm(2.0)
    st = d.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(14)
    rpr = st.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.append(rfonts)
    for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(a), "Times New Roman")
    st.paragraph_format.space_after = Pt(6)
    st.paragraph_format.line_spacing = 1.15
    if header is not None:
        sec.header.paragraphs[0].text = header
    fp = sec.footer.paragraphs[0]
    if footer is not None:
        fp.text = footer
    else:
        fp.alignment = 1
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), "PAGE")
        fp._p.append(fld)
    buf = io.BytesIO()
    d.save(buf)
    parts = {}
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        for info in z.infolist():
            parts[info.filename] = z.read(info.filename)
    xml = parts["word/document.xml"].decode("utf-8")
    body = xml.index("<w:body>") + len("<w:body>")
    sect = xml.index("<w:sectPr")
    base = _DOCX_BASES[key] = {"parts": parts, "head": xml[:body], "tail": xml[sect:]}
    return base


def _x(s: str) -> str:
    return escape(s)


def _runs(text: str, bold: bool = False, italic: bool = False, size: int | None = None) -> str:
    out = []
    for chunk, b, i in spans(text):
        props = ("<w:b/>" if bold or b else "") + ("<w:i/>" if italic or i else "") + (
            f'<w:sz w:val="{size * 2}"/>' if size else "")
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        for n, line in enumerate(chunk.split("\n")):  # a forced line break
            brk = "<w:br/>" if n else ""
            out.append(f'<w:r>{rpr}{brk}<w:t xml:space="preserve">{_x(line)}</w:t></w:r>')
    return "".join(out)


def _p(text: str, align: str = "both", bold: bool = False, italic: bool = False, indent: bool = True,
       after: int = 120, size: int | None = None, keep_next: bool = False) -> str:
    ppr = (("<w:keepNext/>" if keep_next else "") + f'<w:spacing w:after="{after}"/>'
           + ('<w:ind w:firstLine="720"/>' if indent and align == "both" else "") + f'<w:jc w:val="{align}"/>')
    return f"<w:p><w:pPr>{ppr}</w:pPr>{_runs(text, bold, italic, size)}</w:p>"


def _tbl(rows: list[list[list[str]]] | list[list[str]], widths_cm: list[float], ruled: bool, cell_fmt) -> str:
    val = "single" if ruled else "nil"
    borders = "".join(
        f'<w:{e} w:val="{val}"' + (' w:sz="4" w:space="0" w:color="000000"' if ruled else "") + "/>"
        for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    tw = [int(w * 567) for w in widths_cm]
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(tw)}" w:type="dxa"/>'
           + ('<w:jc w:val="center"/>' if ruled else "")
           + f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
           + "".join(f'<w:gridCol w:w="{w}"/>' for w in tw) + "</w:tblGrid>"]
    for ri, row in enumerate(rows):
        out.append("<w:tr>" + ('<w:trPr><w:tblHeader/></w:trPr>' if ruled and ri == 0 else ""))
        for ci, cell in enumerate(row):
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{tw[ci]}" w:type="dxa"/></w:tcPr>{cell_fmt(ri, ci, cell)}</w:tc>')
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def render_docx(doc: Doc) -> bytes:
    base = _docx_base(doc.docx_header, doc.docx_footer)
    body: list[str] = []

    def lines_cell(lines: list[str], style) -> str:
        return "".join(style(i, s) for i, s in enumerate(lines)) or _p("", indent=False, after=0)

    hdr = lambda i, s: _p(s, "center", indent=False, after=0, size=13)  # noqa: E731
    body.append(_tbl([[doc.header_left, doc.header_right]], [6.5, 9.5], False,
                     lambda ri, ci, cell: lines_cell(cell, hdr)))
    body.append(_p("", "center", indent=False, after=0))
    if doc.doc_kind:
        body.append(_p(doc.doc_kind, "center", bold=True, indent=False, after=0))
    for s in doc.title:
        body.append(_p(s, "center", bold=True, indent=False, after=0))
    body.append(_p("", "center", indent=False, after=0))
    for s in doc.to:
        body.append(_p(s, "center", indent=False))
    for b in doc.blocks:
        if b.kind == "h1":
            body.append(_p(b.text, "center", bold=True, indent=False, keep_next=True))
        elif b.kind in ("h2", "h3"):
            body.append(_p(b.text, bold=True, keep_next=True))
        elif b.kind == "h4":
            body.append(_p(b.text, bold=True, italic=True, keep_next=True))
        elif b.kind == "center":
            body.append(_p(b.text, "center", italic=True, indent=False))
        elif b.kind == "bullet":
            body.append(_p("- " + b.text))
        elif b.kind == "para":
            body.append(_p(b.text))
        elif b.kind == "table":
            w = col_weights(b.rows)

            def cell(ri, ci, val):
                centred = ri == 0 or is_numeric_cell(ci, val)
                return _p(val, "center" if centred else "left", bold=ri == 0, indent=False,
                          after=0, size=12)

            body.append(_tbl(b.rows, [16.0 * x for x in w], True, cell))
            body.append(_p("", indent=False, after=0))
        elif b.kind == "pagebreak":
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    body.append(_p("", indent=False, after=0))

    def close(ri, ci, lines):
        if ci == 0:
            return lines_cell(lines, lambda i, s: _p(s, "left", bold=i == 0, italic=i == 0, indent=False, after=0,
                                                     size=12 if i == 0 else 11))
        return lines_cell(lines, lambda i, s: _p(s, "center", bold=True, indent=False, after=0, size=14))

    body.append(_tbl([[doc.close_left, doc.close_right]], [8.0, 8.0], False, close))
    xml_body = "".join(body)
    if doc.docx_nfd:
        xml_body = unicodedata.normalize("NFD", xml_body)
    document = (base["head"] + xml_body + base["tail"]).encode("utf-8")
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_x(plain(doc.title_meta))}</dc:title><dc:creator>{_x(doc.author)}</dc:creator>"
        f"<cp:lastModifiedBy>{_x(doc.author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_ISO}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_ISO}</dcterms:modified>'
        "</cp:coreProperties>").encode("utf-8")
    entries = []
    for name, data in base["parts"].items():
        if name == "word/document.xml":
            data = document
        elif name == "docProps/core.xml":
            data = core
        entries.append((name, data))
    return fixed_zip(entries)


def fixed_zip(entries: list[tuple[str, bytes]]) -> bytes:
    """A zip with fixed member timestamps and attributes (byte-identical on every run)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            zi = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 0
            z.writestr(zi, data)
    return out.getvalue()
