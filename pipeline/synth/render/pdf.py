"""A document as a .pdf, laid out directly on a reportlab canvas: A4 pages, justified lines with a
first-line indent, page numbers and a running header, borderless two-column header and signature
block, ruled tables whose header row repeats on a new page. Deterministic (reportlab's invariant
mode) and fast (word widths cached across documents, no platypus)."""
from __future__ import annotations

import io
from pathlib import Path

from ..document import Doc, col_weights, is_numeric_cell, plain, spans

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"R": "DejaVuSerif.ttf", "B": "DejaVuSerif-Bold.ttf", "I": "DejaVuSerif-Italic.ttf",
              "BI": "DejaVuSerif-BoldItalic.ttf"}

DASHES = {"-", "–", "—"}
_PDF_FONTS: dict[str, str] | None = None
_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}  # word widths, shared by all documents


def pdf_available() -> str | None:
    """None when PDFs can be written, else why not."""
    try:
        import reportlab  # noqa: F401
    except ImportError:
        return "reportlab is not installed (pip install 'reportlab>=4,<6')"
    missing = [f for f in FONT_FILES.values() if not (FONT_DIR / f).exists()]
    if missing:
        return f"DejaVu fonts missing in {FONT_DIR} ({', '.join(missing)}): install fonts-dejavu"
    return None


def _pdf_fonts() -> dict[str, str]:
    global _PDF_FONTS
    if _PDF_FONTS is None:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        names = {}
        for style, fn in FONT_FILES.items():
            name = "SynthSerif-" + style
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / fn)))
            names[style] = name
        _PDF_FONTS = names
    return _PDF_FONTS


class PdfLayout:
    """A4 pages, 3/2/2/2 cm margins; justified paragraphs with a first-line indent."""

    W, H = 595.2756, 841.8898
    LEFT, RIGHT, TOP, BOTTOM = 85.04, 56.69, 56.69, 62.0

    def __init__(self, page_label: str, running_header: str | None, body_size: float = 12.5,
                 running_header_first: bool = False):
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.pdfgen import canvas
        self.fonts = _pdf_fonts()
        self.sw = stringWidth
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=(self.W, self.H), invariant=1, pageCompression=1)
        self.page_label = page_label
        self.running_header = running_header
        self.running_header_first = running_header_first
        self.size = body_size
        self.leading = body_size * 1.38
        self.width = self.W - self.LEFT - self.RIGHT
        self.y = self.H - self.TOP
        self.page = 1
        self._decorate()

    def width_of(self, word: str, font: str, size: float) -> float:
        cache = _WIDTHS.setdefault((font, size), {})
        w = cache.get(word)
        if w is None:
            w = cache[word] = self.sw(word, font, size)
        return w

    def _decorate(self) -> None:
        c = self.c
        c.setFont(self.fonts["R"], 9.5)
        c.drawCentredString(self.W / 2, 30, self.page_label.format(n=self.page))
        if self.running_header and (self.page > 1 or self.running_header_first):
            c.setFont(self.fonts["I"], 9)
            c.drawString(self.LEFT, self.H - 36, self.running_header)
            c.setLineWidth(0.4)
            c.line(self.LEFT, self.H - 39.5, self.W - self.RIGHT, self.H - 39.5)

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1
        self.y = self.H - self.TOP
        self._decorate()

    def need(self, h: float) -> None:
        if self.y - h < self.BOTTOM:
            self.new_page()

    # -- text ----------------------------------------------------------------------------
    def _words(self, text: str, bold: bool, italic: bool) -> list[tuple[str, str]]:
        words = []
        for chunk, b, i in spans(text):
            style = ("B" if bold or b else "") + ("I" if italic or i else "") or "R"
            font = self.fonts[style]
            for w in chunk.split():
                words.append((w, font))
        return words

    def wrap(self, words: list[tuple[str, str]], width: float, first_indent: float, size: float):
        """Lines of (word, font, width) and their widths, broken at spaces; a spaced dash ("Thi đua -
        Khen thưởng") never starts a line: it goes down with the word before it, as typesetters
        keep it (a line opening with "- " reads as a bullet)."""
        lines, line, lw = [], [], 0.0
        space = self.width_of(" ", self.fonts["R"], size)
        avail = width - first_indent
        for word, font in words:
            ww = self.width_of(word, font, size)
            if line and lw + space + ww > avail and word in DASHES and len(line) > 1:
                prev = line.pop()
                lines.append((line, lw - space - prev[2]))
                line, lw, avail = [prev, (word, font, ww)], prev[2] + space + ww, width
            elif line and lw + space + ww > avail:
                lines.append((line, lw))
                line, lw, avail = [(word, font, ww)], ww, width
            else:
                lw += (space if line else 0) + ww
                line.append((word, font, ww))
        if line:
            lines.append((line, lw))
        return lines, space

    def draw_line(self, x: float, y: float, line, lw: float, width: float, space: float, size: float,
                  justify: bool) -> None:
        to = self.c.beginText(x, y)
        gaps = len(line) - 1
        extra = (width - lw) / gaps if justify and gaps else 0.0
        if extra > 3 * space:  # a short last line: not stretched
            extra = 0.0
        to.setWordSpace(extra)
        current = None
        run: list[str] = []
        for i, (word, font, _) in enumerate(line):
            if font != current:
                if run:
                    to.textOut(" ".join(run) + " ")
                    run = []
                to.setFont(font, size)
                current = font
            run.append(word)
        if run:
            to.textOut(" ".join(run))
        self.c.drawText(to)

    def paragraph(self, text: str, align: str = "justify", bold: bool = False, italic: bool = False,
                  size: float | None = None, indent: float = 28.35, after: float = 4.0,
                  keep_with_next: bool = False) -> None:
        """A paragraph; a "\n" in `text` is a forced line break (the line before it is not stretched)."""
        size = size or self.size
        leading = size * 1.38
        segments = [self._words(s, bold, italic) for s in text.split("\n")]
        if not any(segments):
            self.y -= leading
            return
        first = indent if align == "justify" else 0.0
        lines = []  # (words, width, indent, stretched)
        space = 0.0
        for si, words in enumerate(segments):
            ind = first if si == 0 else 0.0
            wrapped, space = self.wrap(words, self.width, ind, size)
            lines += [(line, lw, ind if n == 0 else 0.0, n < len(wrapped) - 1) for n, (line, lw) in enumerate(wrapped)]
        if keep_with_next:
            self.need(leading * (len(lines) + 3))
        for line, lw, ind, stretched in lines:
            self.need(leading)
            self.y -= leading
            base = self.y + leading - size  # the baseline inside the line box
            if align == "center":
                self.draw_line(self.LEFT + (self.width - lw) / 2, base, line, lw, lw, space, size, False)
            else:
                self.draw_line(self.LEFT + ind, base, line, lw, self.width - ind, space, size,
                               align == "justify" and stretched)
        self.y -= after

    # -- tables --------------------------------------------------------------------------
    def _cell_lines(self, text: str, width: float, size: float, bold: bool = False, italic: bool = False):
        words = self._words(text, bold, italic)
        if not words:
            return [], self.width_of(" ", self.fonts["R"], size)
        return self.wrap(words, width, 0.0, size)

    def layout_table(self, left: list[str], right: list[str], widths_cm: tuple[float, float], left_style,
                     right_style) -> None:
        """Two borderless columns, each a list of lines (the header, the signature block)."""
        cm = 28.3465
        widths = [w * cm for w in widths_cm]
        columns = []
        for lines, style, w in ((left, left_style, widths[0]), (right, right_style, widths[1])):
            out = []
            for i, s in enumerate(lines):
                align, bold, italic, size = style(i, s)
                wrapped, space = self._cell_lines(s, w - 4, size, bold, italic)
                if not wrapped:
                    out.append((None, 0, 0, size, align))
                for line, lw in wrapped:
                    out.append((line, lw, space, size, align))
            columns.append(out)
        height = max(sum(r[3] * 1.3 for r in col) for col in columns)
        self.need(min(height, 200))
        top = self.y
        x0 = self.LEFT - 2
        for col, w in zip(columns, widths):
            y = top
            for line, lw, space, size, align in col:
                y -= size * 1.3
                if line is None:
                    continue
                x = x0 + 2 + ((w - 4 - lw) / 2 if align == "center" else 0)
                self.draw_line(x, y + size * 0.3, line, lw, lw, space, size, False)
            x0 += w
        self.y = top - height

    def _fit_words(self, rows: list[list[str]], widths: list[float], size: float, pad: float) -> None:
        """Widen a column whose longest word would not fit in it (as Word widens a cell rather than
        let "STT" run into the next one), taking the room from the columns with room to spare."""
        need = [max((self.width_of(w, f, size) for ri, r in enumerate(rows) for w, f in self._words(r[ci], ri == 0, False)),
                    default=0.0) + pad for ci in range(len(widths))]
        short = {ci: need[ci] - w for ci, w in enumerate(widths) if need[ci] > w}
        spare = {ci: w - need[ci] for ci, w in enumerate(widths) if w > need[ci]}
        if not short or sum(spare.values()) <= sum(short.values()):
            return
        missing, room = sum(short.values()), sum(spare.values())
        for ci, s in spare.items():
            widths[ci] -= missing * s / room
        for ci in short:
            widths[ci] = need[ci]

    def grid_table(self, rows: list[list[str]], size: float = 10.5) -> None:
        weights = col_weights(rows)
        widths = [self.width * x for x in weights]
        pad = 3.0
        leading = size * 1.3
        self._fit_words(rows, widths, size, 2 * pad + 1)

        def layout(ri: int, row: list[str]):
            cells = []
            for ci, v in enumerate(row):
                wrapped, space = self._cell_lines(v, widths[ci] - 2 * pad, size, bold=ri == 0)
                cells.append((wrapped, space))
            h = max(len(w) for w, _ in cells) * leading + 2 * pad + 1
            return cells, h

        laid = [layout(ri, r) for ri, r in enumerate(rows)]
        header = laid[0]
        self.need(header[1] + laid[1][1] if len(laid) > 1 else header[1])
        top_of_table = self.y

        def draw_row(ri: int, cells, h: float) -> None:
            c = self.c
            x = self.LEFT
            top = self.y
            for ci, (wrapped, space) in enumerate(cells):
                val = rows[ri][ci]
                centered = ri == 0 or is_numeric_cell(ci, val)
                y = top - pad
                for line, lw in wrapped:
                    y -= leading
                    lx = x + pad + ((widths[ci] - 2 * pad - lw) / 2 if centered else 0)
                    self.draw_line(lx, y + leading - size, line, lw, lw, space, size, False)
                x += widths[ci]
            # rulings: top edge, bottom edge and the verticals of this row
            c.setLineWidth(0.6)
            c.line(self.LEFT, top, self.LEFT + self.width, top)
            c.line(self.LEFT, top - h, self.LEFT + self.width, top - h)
            x = self.LEFT
            for w in widths:
                c.line(x, top, x, top - h)
                x += w
            c.line(x, top, x, top - h)
            self.y = top - h

        del top_of_table
        draw_row(0, *header)
        for ri in range(1, len(rows)):
            cells, h = laid[ri]
            if self.y - h < self.BOTTOM:
                self.new_page()
                draw_row(0, *header)  # the header row repeats on the next page
            draw_row(ri, cells, h)
        self.y -= 8

    def save(self, title: str, author: str, creator: str = "chitieu synth") -> bytes:
        c = self.c
        c.setTitle(title)
        c.setAuthor(author)
        c.setCreator(creator)
        c.setProducer("ReportLab")
        c.setSubject("")
        c.save()
        return self.buf.getvalue()


def render_pdf(doc: Doc) -> tuple[bytes, int]:
    from reportlab import rl_config
    a85 = rl_config.useA85
    rl_config.useA85 = 0  # binary streams: ASCII85 in pure Python is a sixth of the time
    try:
        return _render_pdf(doc)
    finally:
        rl_config.useA85 = a85


def _render_pdf(doc: Doc) -> tuple[bytes, int]:
    k = PdfLayout(doc.page_label, doc.running_header, running_header_first=doc.running_header_first)
    hdr = doc.pdf_header_size
    k.layout_table(doc.header_left, doc.header_right, doc.pdf_header_widths,
                   lambda i, s: ("center", False, False, hdr), lambda i, s: ("center", False, False, hdr))
    k.y -= 14
    if doc.doc_kind:
        k.paragraph(doc.doc_kind, "center", bold=True, after=0)
    for s in doc.title:
        k.paragraph(s, "center", bold=True, after=0)
    k.y -= 8
    for s in doc.to:
        k.paragraph(s, "center", after=0)
    k.y -= 8
    for b in doc.blocks:
        if b.kind == "h1":
            k.paragraph(b.text, "center", bold=True, after=3, keep_with_next=True)
        elif b.kind in ("h2", "h3"):
            k.paragraph(b.text, bold=True, keep_with_next=True)
        elif b.kind == "h4":
            k.paragraph(b.text, bold=True, italic=True, keep_with_next=True)
        elif b.kind == "center":
            k.paragraph(b.text, "center", italic=True)
        elif b.kind == "bullet":
            k.paragraph("- " + b.text)
        elif b.kind == "para":
            k.paragraph(b.text)
        elif b.kind == "table":
            k.y -= 4
            k.grid_table(b.rows)
        elif b.kind == "pagebreak" and k.y < k.H - k.TOP:
            k.new_page()
    k.y -= 12
    k.layout_table(doc.close_left, doc.close_right, (8.0, 8.0),
                   lambda i, s: ("left", i == 0, i == 0, 10 if i == 0 else 9.5),
                   lambda i, s: ("center", True, False, 12))
    pages = k.page
    return k.save(plain(doc.title_meta), doc.author, doc.creator), pages
