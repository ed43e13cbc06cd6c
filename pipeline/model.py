"""The typed data model every stage speaks.

A reader turns bytes into a `RawDocument` (blocks of text as the file holds them). Ingest
normalizes those blocks once and lays them end to end into one `Document.text`; from then on
every block, figure and award points into that text by character offsets, so any row of the
output can be checked against the exact characters it came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    """What a block is in the document's layout."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    TABLE_ROW = "table_row"
    PAGE_HEADER = "page_header"
    PAGE_FOOTER = "page_footer"


class Status(StrEnum):
    OK = "ok"
    ERROR = "error"
    SKIPPED = "skipped"


@dataclass(slots=True)
class RawBlock:
    """A block as a reader found it: text not yet normalized, no offsets yet.

    A table row keeps its cells apart (`cells`); `text` is then unused.
    """

    kind: BlockKind
    text: str = ""
    page: int | None = None
    cells: tuple[str, ...] = ()


@dataclass(slots=True)
class RawDocument:
    """What a reader returns: the format it read and the blocks in reading order."""

    format: str
    blocks: list[RawBlock]
    n_pages: int | None = None
    encoding: str | None = None  # how a text file was decoded
    ocr_pages: tuple[int, ...] = ()  # pages read by OCR (no text layer)
    ocr_confidence: float | None = None  # their mean word confidence, 0..1


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Block:
    """A block grounded in `Document.text` (`text[start:end]`).

    `cells` holds the spans of a table row's cells; `section` the heading path above the block
    (outermost first), filled by the `sections` component.
    """

    index: int
    kind: BlockKind
    start: int
    end: int
    page: int | None = None
    cells: tuple[Span, ...] = ()
    section: tuple[str, ...] = ()
    heading_level: int | None = None


@dataclass(slots=True)
class DocumentMeta:
    """Who reported, what, and for when: the `documents` columns read from the text."""

    doc_type: str | None = None  # report / plan / decision / other
    doc_kind: str | None = None  # finer kind: report, plan, decision, submission, notice ...
    doc_number: str | None = None
    issued_date: str | None = None
    title: str | None = None
    issuer: str | None = None  # the issuing body as written: "UBND xã Đồng Tân"
    place: str | None = None  # the place of the place-and-date line, as written
    locality: str | None = None
    admin_level: str | None = None
    commune_kind: str | None = None
    district: str | None = None
    province: str | None = None
    unit_code: str | None = None
    period_year: int | None = None
    period: str | None = None
    signer: str | None = None
    # how the unit was tied to the gazetteer, and its successor after the 1 July 2025 reform
    resolution: str | None = None  # gazetteer / ambiguous / not_found
    n_candidates: int | None = None
    district_source: str | None = None  # text / gazetteer
    province_source: str | None = None
    unit_note: str | None = None  # e.g. a former name merged into another unit
    unit_code_2025: str | None = None
    commune_2025: str | None = None
    province_2025: str | None = None
    successors_2025: str | None = None  # every successor where a commune was split
    comparison_unit_id: str | None = None  # the same place on both sides of the reform


@dataclass(slots=True)
class Figure:
    """One indicator figure (a row of `indicators`), grounded by offsets of its number."""

    indicator: str
    indicator_vi: str
    subject: str
    measure: str
    value: float
    unit: str
    raw_value: str
    char_start: int
    char_end: int
    sentence: str
    extractor: str
    confidence: float
    qualifier: str | None = None
    raw_unit: str | None = None
    denominator: float | None = None
    comparator: str = "eq"
    is_estimate: bool = False
    reference: str | None = None
    page: int | None = None
    period_ref: str = "current"  # "prior" for the earlier figure of "từ X lên Y", "X → Y", "so với X"
    target_year: int | None = None  # a target's year: its sentence's, its heading's or its plan's
    flags: list[str] = field(default_factory=list)  # plausibility codes (extractors/plausibility.py)


@dataclass(slots=True)
class Award:
    """One award count (a row of `awards`)."""

    award: str
    award_vi: str
    recipient: str
    count: int
    status: str
    char_start: int
    char_end: int
    sentence: str
    extractor: str
    confidence: float
    grantor: str | None = None
    grantor_level: str | None = None
    rank: str | None = None  # the form's class or level as written: "hạng Ba", "cấp tỉnh"
    page: int | None = None


@dataclass(slots=True)
class Document:
    """One input file on its way through the pipeline."""

    doc_id: str
    source_path: str
    format: str
    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    n_pages: int | None = None
    encoding: str | None = None
    ocr_pages: tuple[int, ...] = ()
    ocr_confidence: float | None = None
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    figures: list[Figure] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    status: Status = Status.OK
    error: str | None = None

    def block_text(self, block: Block) -> str:
        return self.text[block.start:block.end]

    def span_text(self, span: Span) -> str:
        return self.text[span.start:span.end]

    def body_blocks(self) -> list[Block]:
        """Blocks of the document's body (running page headers and footers left out)."""
        return [b for b in self.blocks if b.kind not in (BlockKind.PAGE_HEADER, BlockKind.PAGE_FOOTER)]

    def lines(self, blocks: list[Block] | None = None) -> list[tuple[str, int, Block]]:
        """Every line of the given blocks (cells split, inner line breaks split) with its
        absolute start offset: the unit header and signature rules read."""
        out: list[tuple[str, int, Block]] = []
        for block in self.body_blocks() if blocks is None else blocks:
            spans = block.cells or (Span(block.start, block.end),)
            for span in spans:
                pos = span.start
                for line in self.text[span.start:span.end].split("\n"):
                    if line.strip():
                        lead = len(line) - len(line.lstrip())
                        out.append((line.strip(), pos + lead, block))
                    pos += len(line) + 1
        return out
