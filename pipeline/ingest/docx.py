"""Word .docx reader (python-docx): body paragraphs and tables in document order.

Vietnamese office documents put the number/date line and the signature block in borderless
two-column tables, so tables are read like text: each row is a block of its own, its cells
kept apart. Page headers and footers come last, marked as such, out of the body's way.
"""
from __future__ import annotations

import io
import zipfile
import zlib

import docx
from docx.exceptions import PythonDocxError
from docx.opc.exceptions import OpcError
from docx.oxml.document import CT_Document
from docx.oxml.exceptions import XmlchemyError
from docx.oxml.ns import qn
from docx.styles import BabelFish
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from ..model import BlockKind, RawBlock, RawDocument
from .errors import IngestError

MAX_UNCOMPRESSED = 256 * 1024 * 1024  # bytes a .docx may expand to
MAX_RATIO = 200  # expansion ratio beyond which a zip is a bomb, not a document
MAX_TABLE_DEPTH = 4  # tables nested deeper than this are read as their text only


def _check_container(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise IngestError(f"docx is damaged: not a readable zip ({exc})") from exc
    if any(info.flag_bits & 0x1 for info in infos):
        # zipfile raises RuntimeError on encrypted members, which surfaced as "reader failed".
        raise IngestError("docx is encrypted: its zip parts need a password")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED or total > MAX_RATIO * max(len(data), 1):
        raise IngestError(
            f"docx expands to {total // 1_000_000} MB from {len(data) // 1000} kB: "
            "refused as a zip bomb"
        )
    if "word/document.xml" not in {info.filename for info in infos}:
        raise IngestError("docx is damaged: word/document.xml is missing")


_W_T, _W_TAB, _W_BR, _W_CR, _W_HYPHEN, _W_PTAB = (qn(t) for t in ("w:t", "w:tab", "w:br", "w:cr", "w:noBreakHyphen", "w:ptab"))
_W_R, _W_HYPERLINK, _W_TYPE = qn("w:r"), qn("w:hyperlink"), qn("w:type")
_W_STYLE, _W_STYLE_ID, _W_NAME, _W_VAL = qn("w:style"), qn("w:styleId"), qn("w:name"), qn("w:val")


def _run_text(run) -> str:
    parts: list[str] = []
    for e in run:
        tag = e.tag
        if tag == _W_T:
            parts.append(e.text or "")
        elif tag in (_W_TAB, _W_PTAB):
            parts.append("\t")
        elif tag == _W_CR or (tag == _W_BR and e.get(_W_TYPE, "textWrapping") == "textWrapping"):
            parts.append("\n")
        elif tag == _W_HYPHEN:
            parts.append("-")
    return "".join(parts)


def _paragraph_text(p) -> str:
    """What python-docx's `Paragraph.text` gives (runs and hyperlinks' runs), read straight from
    the XML: python-docx evaluates two XPath expressions per paragraph and run, half the reading
    time of a report."""
    parts: list[str] = []
    for child in p:
        if child.tag == _W_R:
            parts.append(_run_text(child))
        elif child.tag == _W_HYPERLINK:
            parts.extend(_run_text(r) for r in child if r.tag == _W_R)
    return "".join(parts)


def _heading_style_ids(document) -> frozenset[str]:
    """Ids of heading and title styles, looked up once from styles.xml (python-docx's
    `paragraph.style` scans every style on each call: 90% of the reading time of a report)."""
    ids = set()
    for style in document.styles.element.iterchildren(_W_STYLE):
        name = style.find(_W_NAME)
        ui_name = BabelFish.internal2ui(name.get(_W_VAL, "") if name is not None else "")
        if ui_name.startswith(("Heading", "Title")) and style.get(_W_STYLE_ID):
            ids.add(style.get(_W_STYLE_ID))
    return frozenset(ids)


def _paragraph_kind(paragraph: Paragraph, heading_ids: frozenset[str]) -> BlockKind:
    ppr = paragraph._p.pPr
    style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
    return BlockKind.HEADING if style_id in heading_ids else BlockKind.PARAGRAPH


def _cell_text(cell, depth: int) -> str:
    """A cell's paragraphs, one per line; a nested table's rows as lines of their own."""
    lines: list[str] = []
    for item in cell.iter_inner_content():
        if isinstance(item, Paragraph):
            lines.append(_paragraph_text(item._p))
        elif depth < MAX_TABLE_DEPTH:
            for row_cells in _rows(item, depth + 1):
                lines.append(" | ".join(c for c in row_cells if c.strip()))
        else:
            # Paragraph by paragraph, not itertext(): python-docx's element classes override
            # `.text`, so itertext() yielded every piece of text three times (paragraph, run, w:t).
            lines.append(" ".join(t for p in item._tbl.iter(qn("w:p")) if (t := _paragraph_text(p)).strip()))
    return "\n".join(lines)


def _rows(table: Table, depth: int = 0) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for row in table.rows:
        seen: set[int] = set()
        cells: list[str] = []
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats itself across the grid
                continue
            seen.add(id(cell._tc))
            cells.append(_cell_text(cell, depth))
        rows.append(tuple(cells))
    return rows


def _story_blocks(container, kind: BlockKind | None = None, heading_ids: frozenset[str] = frozenset()) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            text = _paragraph_text(item._p)
            if text.strip():
                blocks.append(RawBlock(kind or _paragraph_kind(item, heading_ids), text))
        else:
            for cells in _rows(item):
                if any(c.strip() for c in cells):
                    if kind is None:
                        blocks.append(RawBlock(BlockKind.TABLE_ROW, cells=cells))
                    else:
                        blocks.append(RawBlock(kind, " | ".join(c for c in cells if c.strip())))
    return blocks


def _headers_footers(document) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    seen: set[str] = set()
    for section in document.sections:
        for part, kind in ((section.header, BlockKind.PAGE_HEADER), (section.footer, BlockKind.PAGE_FOOTER)):
            if part.is_linked_to_previous:
                continue
            for block in _story_blocks(part, kind):
                if block.text not in seen:
                    seen.add(block.text)
                    blocks.append(block)
    return blocks


def read_docx(data: bytes) -> RawDocument:
    _check_container(data)
    try:
        document = docx.Document(io.BytesIO(data))
        # A main part whose root is not a w:document with a w:body (a mangled namespace) made
        # python-docx fail later with AttributeError, reported as a reader bug.
        if not isinstance(document.element, CT_Document) or document.element.body is None:
            raise IngestError("docx is damaged: word/document.xml holds no Word document body")
        blocks = _story_blocks(document, heading_ids=_heading_style_ids(document))
        blocks += _headers_footers(document)
    except IngestError:
        raise
    except (KeyError, ValueError, zipfile.BadZipFile, etree.LxmlError,
            # a corrupt deflate stream, a truncated member, an unsupported compression method and
            # python-docx's own complaints are damage too, not reader bugs to "please report"
            zlib.error, EOFError, NotImplementedError, OpcError, PythonDocxError, XmlchemyError) as exc:
        raise IngestError(f"docx is damaged: {type(exc).__name__}: {str(exc)[:120]}") from exc
    return RawDocument("docx", blocks)
