"""Word .docx reader: body paragraphs and tables in document order.

Vietnamese office documents put the number/date line and the signature block in borderless
two-column tables, so tables are read like text: each row is a block of its own, its cells
kept apart. Page headers and footers come last, marked as such, out of the body's way.

Only the parts read are loaded (the main part, its styles, the page headers and footers),
through python-docx's XML parser and element classes; python-docx's `Document()` would parse
every part of the package first (see `_WordPackage`).
"""
from __future__ import annotations

import io
import zipfile
import zlib
from typing import Callable, TypeVar

from docx.enum.section import WD_HEADER_FOOTER
from docx.exceptions import PythonDocxError
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import OpcError
from docx.opc.packuri import PACKAGE_URI, PackURI
from docx.opc.pkgreader import _ContentTypeMap, _SerializedRelationship, _SerializedRelationships
from docx.oxml.document import CT_Document
from docx.oxml.exceptions import XmlchemyError
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.oxml.table import CT_Row, CT_Tbl, CT_Tc
from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.styles import BabelFish
from lxml import etree

from ..model import BlockKind, RawBlock, RawDocument
from .errors import IngestError

T = TypeVar("T")

MAX_UNCOMPRESSED = 256 * 1024 * 1024  # bytes a .docx may expand to
MAX_RATIO = 200  # expansion ratio beyond which a zip is a bomb, not a document
MAX_TABLE_DEPTH = 4  # tables nested deeper than this are read as their text only


def _check_container(archive: zipfile.ZipFile, size: int) -> None:
    """Refuse what no part should be read from: encrypted members, a zip bomb, no main part."""
    infos = archive.infolist()
    if any(info.flag_bits & 0x1 for info in infos):
        # zipfile raises RuntimeError on encrypted members, which surfaced as "reader failed".
        raise IngestError("docx is encrypted: its zip parts need a password")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED or total > MAX_RATIO * max(size, 1):
        raise IngestError(
            f"docx expands to {total // 1_000_000} MB from {size // 1000} kB: "
            "refused as a zip bomb"
        )
    if "word/document.xml" not in {info.filename for info in infos}:
        raise IngestError("docx is damaged: word/document.xml is missing")


def _only(rels: dict[str, _SerializedRelationship], reltype: str) -> PackURI:
    """The part of the one relationship of `reltype` (python-docx's `part_related_by()`)."""
    matching = [rel for rel in rels.values() if rel.reltype == reltype]
    if not matching:
        raise KeyError(f"no relationship of type '{reltype}' in collection")
    if len(matching) > 1:
        raise ValueError(f"multiple relationships of type '{reltype}' in collection")
    return matching[0].target_partname


def _loaded(name: str, load: Callable[[bytes], T], xml: bytes) -> T:
    """A package part (content types, relationships) loaded by python-docx's own loader.

    Those loaders trust the part's shape: a wrong root element or an attribute left out gives
    AttributeError or TypeError deep inside them. Here that is damage to the file, not a bug."""
    try:
        return load(xml)
    except (AttributeError, TypeError) as exc:
        raise IngestError(f"docx is damaged: {name} is not a valid package part ({type(exc).__name__})") from exc


def _relationships(base_uri: str, xml: bytes) -> dict[str, _SerializedRelationship]:
    """Relationships by id, each internal target resolved now so that a missing one is found here."""
    rels = {rel.rId: rel for rel in _SerializedRelationships.load_from_xml(base_uri, xml)}
    for rel in rels.values():
        if not rel.is_external:
            rel.target_partname  # noqa: B018 - resolving it is the check
    return rels


class _WordPackage:
    """The parts of a .docx the reader uses, each read from the zip when asked for.

    python-docx's `Document()` decompresses and parses every part of the package (theme,
    numbering, settings, a styles part of 350 kB in Word's default template, ...): two thirds
    of the reading time. Relationships and content types are read with python-docx's own
    (internal) classes, so part names resolve as they did; XML parts go through python-docx's parser, so
    its element classes (`CT_Document`, `CT_P`, ...) and its entity-safe settings still apply.
    """

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive
        main = _only(self._rels(PACKAGE_URI), RT.OFFICE_DOCUMENT)
        content_types = _loaded("[Content_Types].xml", _ContentTypeMap.from_xml, archive.read("[Content_Types].xml"))
        content_type = content_types[main]
        if content_type != CT.WML_DOCUMENT_MAIN:  # a macro-enabled document, a template, ...
            raise ValueError(f"not a Word document, content type is '{content_type}'")
        self.document = parse_xml(archive.read(main.membername))
        self._main_rels = self._rels(main)

    def _rels(self, source: PackURI) -> dict[str, _SerializedRelationship]:
        """A part's relationships by id; none when it has no rels item."""
        name = source.rels_uri.membername
        try:
            xml = self._archive.read(name)
        except KeyError:
            return {}
        return _loaded(name, lambda xml: _relationships(source.baseURI, xml), xml)

    def related(self, rel_id: str) -> BaseOxmlElement:
        """The root element of the part the main part refers to as `rel_id` (a header, a footer)."""
        rel = self._main_rels.get(rel_id)
        if rel is None or rel.is_external:
            raise KeyError(rel_id)
        return parse_xml(self._archive.read(rel.target_partname.membername))

    def styles_xml(self) -> bytes | None:
        """The styles part, None when the document has none."""
        try:
            partname = _only(self._main_rels, RT.STYLES)
        except KeyError:
            return None
        return self._archive.read(partname.membername)


_W_T, _W_TAB, _W_BR, _W_CR, _W_HYPHEN, _W_PTAB = (qn(t) for t in ("w:t", "w:tab", "w:br", "w:cr", "w:noBreakHyphen", "w:ptab"))
_W_R, _W_HYPERLINK, _W_TYPE = qn("w:r"), qn("w:hyperlink"), qn("w:type")
_W_STYLE, _W_STYLE_ID, _W_NAME, _W_VAL = qn("w:style"), qn("w:styleId"), qn("w:name"), qn("w:val")
_W_P, _W_TBL, _W_PPR, _W_PSTYLE = qn("w:p"), qn("w:tbl"), qn("w:pPr"), qn("w:pStyle")


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


def _heading_style_ids(styles_xml: bytes | None) -> frozenset[str]:
    """Ids of heading and title styles, looked up once from styles.xml (python-docx's
    `paragraph.style` scans every style on each call: 90% of the reading time of a report).
    Without a styles part there are none (python-docx's stand-in, its default styles, has none)."""
    if styles_xml is None:
        return frozenset()
    ids = set()
    for style in parse_xml(styles_xml).iterchildren(_W_STYLE):
        name = style.find(_W_NAME)
        ui_name = BabelFish.internal2ui(name.get(_W_VAL, "") if name is not None else "")
        if ui_name.startswith(("Heading", "Title")) and style.get(_W_STYLE_ID):
            ids.add(style.get(_W_STYLE_ID))
    return frozenset(ids)


def _paragraph_kind(p: CT_P, heading_ids: frozenset[str]) -> BlockKind:
    # find() with the tags at hand: what python-docx's `p.pPr.pStyle` does, at a third of the cost
    ppr = p.find(_W_PPR)
    pstyle = ppr.find(_W_PSTYLE) if ppr is not None else None
    style_id = pstyle.val if pstyle is not None else None
    return BlockKind.HEADING if style_id in heading_ids else BlockKind.PARAGRAPH


def _content(container: BaseOxmlElement) -> list[CT_P | CT_Tbl]:
    """The w:p and w:tbl children of a body, header, footer or cell, in document order: what
    python-docx's `iter_inner_content()` wraps in Paragraph and Table objects (one XPath query
    per container and an object per item, a quarter of the reading time)."""
    return [child for child in container if child.tag in (_W_P, _W_TBL)]


def _row_cells(tr: CT_Row) -> list[CT_Tc]:
    """A row's cells as python-docx's `_Row.cells` gives them, each once: a cell spanning
    several grid columns is one cell, and a vertically merged one continuing down from the row
    above is that row's cell, its text repeated."""
    cells: list[CT_Tc] = []
    for tc in tr.tc_lst:
        while tc.vMerge == "continue":
            tc = tc._tc_above
        if not any(tc is cell for cell in cells):
            cells.append(tc)
    return cells


def _cell_text(tc: CT_Tc, depth: int) -> str:
    """A cell's paragraphs, one per line; a nested table's rows as lines of their own."""
    lines: list[str] = []
    for item in _content(tc):
        if item.tag == _W_P:
            lines.append(_paragraph_text(item))
        elif depth < MAX_TABLE_DEPTH:
            for row_cells in _rows(item, depth + 1):
                lines.append(" | ".join(c for c in row_cells if c.strip()))
        else:
            # Paragraph by paragraph, not itertext(): python-docx's element classes override
            # `.text`, so itertext() yielded every piece of text three times (paragraph, run, w:t).
            lines.append(" ".join(t for p in item.iter(_W_P) if (t := _paragraph_text(p)).strip()))
    return "\n".join(lines)


def _rows(tbl: CT_Tbl, depth: int = 0) -> list[tuple[str, ...]]:
    return [tuple(_cell_text(tc, depth) for tc in _row_cells(tr)) for tr in tbl.tr_lst]


def _story_blocks(container: BaseOxmlElement, kind: BlockKind | None = None, heading_ids: frozenset[str] = frozenset()) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    for item in _content(container):
        if item.tag == _W_P:
            text = _paragraph_text(item)
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


def _headers_footers(package: _WordPackage) -> list[RawBlock]:
    """Each section's own (default) page header and footer; one linked to the previous
    section's has no reference of its own and is not read twice."""
    blocks: list[RawBlock] = []
    seen: set[str] = set()
    for sectPr in package.document.sectPr_lst:
        for ref, kind in ((sectPr.get_headerReference(WD_HEADER_FOOTER.PRIMARY), BlockKind.PAGE_HEADER),
                          (sectPr.get_footerReference(WD_HEADER_FOOTER.PRIMARY), BlockKind.PAGE_FOOTER)):
            if ref is None:
                continue
            for block in _story_blocks(package.related(ref.rId), kind):
                if block.text not in seen:
                    seen.add(block.text)
                    blocks.append(block)
    return blocks


def _blocks(archive: zipfile.ZipFile) -> list[RawBlock]:
    """The body's blocks, then the page headers' and footers'; damage found on the way is an
    IngestError with a one-line reason."""
    try:
        package = _WordPackage(archive)
        # A main part whose root is not a w:document with a w:body (a mangled namespace) made
        # python-docx fail later with AttributeError, reported as a reader bug.
        if not isinstance(package.document, CT_Document) or package.document.body is None:
            raise IngestError("docx is damaged: word/document.xml holds no Word document body")
        body = package.document.body
        # Most reports style no paragraph at all (direct formatting): the styles part, 350 kB in
        # Word's default template, is then not read.
        styled = next(body.iter(_W_PSTYLE), None) is not None
        blocks = _story_blocks(body, heading_ids=_heading_style_ids(package.styles_xml()) if styled else frozenset())
        return blocks + _headers_footers(package)
    except IngestError:
        raise
    except (KeyError, ValueError, zipfile.BadZipFile, etree.LxmlError,
            # a corrupt deflate stream, a truncated member, an unsupported compression method and
            # python-docx's own complaints are damage too, not reader bugs to "please report"
            zlib.error, EOFError, NotImplementedError, OpcError, PythonDocxError, XmlchemyError) as exc:
        raise IngestError(f"docx is damaged: {type(exc).__name__}: {str(exc)[:120]}") from exc


def read_docx(data: bytes) -> RawDocument:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise IngestError(f"docx is damaged: not a readable zip ({exc})") from exc
    with archive:
        _check_container(archive, len(data))
        return RawDocument("docx", _blocks(archive))
