"""Section structure: which heading each block sits under.

Reports nest "Phần thứ nhất" > "I." > "1." > "1.1." > "a)" > "Trong lĩnh vực ...:". Figure
extractors need that path to know that "Giá trị sản xuất ngành ước đạt ..." under "Trong
lĩnh vực nông nghiệp" is agriculture. Patterns and levels live in lexicons/headings.tsv.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .components import component
from .lexicon import lexicon_cache, table
from .model import BlockKind, Document

MAX_LABEL = 100
MAX_HEADING_CHARS = 160  # a block longer than this opens a section only if it says its name before ":"


@dataclass(frozen=True, slots=True)
class HeadingPattern:
    level: int
    name: str
    pattern: regex.Pattern


@lexicon_cache
def heading_patterns() -> tuple[HeadingPattern, ...]:
    return tuple(
        HeadingPattern(int(row["level"]), row["name"], regex.compile(row["pattern"]))
        for row in table("headings")
    )


def heading_of(text: str) -> tuple[int, str] | None:
    """The level and label of a block that opens a section, or None."""
    for pattern in heading_patterns():
        if pattern.pattern.match(text):
            label = text.split(":", 1)[0] if ":" in text[:MAX_LABEL + 20] else text
            if len(text) > MAX_HEADING_CHARS and label is text:
                return None  # a long numbered paragraph is a list item, not a heading
            return pattern.level, label.strip(" -+*•")[:MAX_LABEL]
    return None


def _is_caps_title(text: str) -> bool:
    if len(text) > MAX_HEADING_CHARS:  # tested first: most blocks are long paragraphs
        return False
    letters = [c for c in text if c.isalpha()]
    return 3 <= len(letters) and all(c.isupper() for c in letters)


@component("sections")
def sections(doc: Document) -> None:
    stack: list[tuple[int, str]] = []
    previous_heading: int | None = None
    for block in doc.body_blocks():
        if block.kind == BlockKind.TABLE_ROW:
            block.section = tuple(label for _, label in stack)
            previous_heading = None
            continue
        text = doc.block_text(block)
        found = heading_of(text)
        if found is None and previous_heading is not None and _is_caps_title(text) and stack:
            # "Phần thứ nhất" then "KẾT QUẢ ...": the caps line names the part.
            level, label = stack[-1]
            stack[-1] = (level, f"{label} {text}"[:MAX_LABEL])
            block.heading_level = level
            block.kind = BlockKind.HEADING
            block.section = tuple(lbl for _, lbl in stack)
            previous_heading = None
            continue
        if found is not None:
            level, label = found
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, label))
            block.heading_level = level
            if len(text) <= MAX_HEADING_CHARS and not text.rstrip().endswith("."):
                block.kind = BlockKind.HEADING
            previous_heading = block.index
        else:
            previous_heading = None
        block.section = tuple(label for _, label in stack)
