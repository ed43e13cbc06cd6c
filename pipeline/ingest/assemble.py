"""Lay a reader's blocks into one normalized text, with every block's offsets.

Blocks are separated by a blank line and a table row's cells by " | ", so the text reads
well on its own (it is kept in the `texts` dataset) and every offset can be checked.
"""
from __future__ import annotations

from ..model import Block, BlockKind, Document, RawBlock, RawDocument, Span
from ..normalize import normalize_text
from .reflow import join_broken_paragraphs

BLOCK_SEPARATOR = "\n\n"
CELL_SEPARATOR = " | "


def _normalized(raw: list[RawBlock]) -> list[RawBlock]:
    """Normalize text; a paragraph holding line breaks becomes one block per line."""
    out: list[RawBlock] = []
    for block in raw:
        if block.kind == BlockKind.TABLE_ROW:
            cells = tuple(normalize_text(c) for c in block.cells)
            if any(cells):
                out.append(RawBlock(block.kind, page=block.page, cells=cells))
            continue
        for line in normalize_text(block.text).split("\n"):
            if line.strip():
                out.append(RawBlock(block.kind, line, page=block.page))
    return out


def assemble(raw: RawDocument, doc_id: str, source_path: str) -> Document:
    blocks = join_broken_paragraphs(_normalized(raw.blocks))
    parts: list[str] = []
    laid: list[Block] = []
    pos = 0
    for index, block in enumerate(blocks):
        if parts:
            parts.append(BLOCK_SEPARATOR)
            pos += len(BLOCK_SEPARATOR)
        start = pos
        spans: list[Span] = []
        if block.kind == BlockKind.TABLE_ROW:
            for i, cell in enumerate(block.cells):
                if i:
                    parts.append(CELL_SEPARATOR)
                    pos += len(CELL_SEPARATOR)
                spans.append(Span(pos, pos + len(cell)))
                parts.append(cell)
                pos += len(cell)
        else:
            parts.append(block.text)
            pos += len(block.text)
        laid.append(Block(index, block.kind, start, pos, block.page, tuple(spans)))
    return Document(
        doc_id=doc_id,
        source_path=source_path,
        format=raw.format,
        text="".join(parts),
        blocks=laid,
        n_pages=raw.n_pages,
        encoding=raw.encoding,
        ocr_pages=raw.ocr_pages,
        ocr_confidence=raw.ocr_confidence,
    )
