"""Plain-text reader: decode whatever encoding the archive used, strip Markdown marks.

Archived reports come as UTF-8 (with or without BOM), UTF-16 and Windows-1258 (cp1258, which
writes tones as combining marks). Many were exported through Markdown, leaving `**bold**`,
`### headings` and `*` bullets; those marks are removed without gluing words together.
"""
from __future__ import annotations

import regex

from ..model import BlockKind, RawBlock, RawDocument
from .errors import IngestError

_HEADING = regex.compile(r"^\s{0,3}#{1,6}\s*")
_BULLET = regex.compile(r"^\s*[*+]\s+")
_TABLE_RULE = regex.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# Two bold spans that touch ("...2023****I. MỤC") or bold glued to a capital or a digit
# ("KẾ HOẠCH**Triển khai") mark a paragraph break lost on export.
_LOST_BREAK = regex.compile(r"(?<=\S)\*{4}(?=\S)|(?<=[^\s*])\*\*(?=[\p{Lu}\d])")
_BOLD = regex.compile(r"\*\*|__")
_ITALIC = regex.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ESCAPE = regex.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


_STRAY_BYTES = regex.compile(r"[\udc80-\udcff]+")  # bytes UTF-8 could not read, as surrogateescape keeps them


def _utf8_with_strays(data: bytes) -> str | None:
    """UTF-8 with a few stray single-byte sequences (a line pasted from an old file): the UTF-8
    is kept and only the stray bytes are read as Windows-1258. None when there are too many
    strays for this to be UTF-8 at all."""
    text = data.decode("utf-8", errors="surrogateescape")
    strays = _STRAY_BYTES.findall(text)
    if sum(map(len, strays)) > max(3, len(data) // 200):
        return None
    return _STRAY_BYTES.sub(lambda m: m.group(0).encode("utf-8", "surrogateescape").decode("cp1258", errors="replace"),
                            text)


def _readable(text: str) -> str:
    """A single-byte decoding is kept only if it reads as words: random high bytes decode to
    something in any code page, and an analyst must be told, not handed garbage."""
    from .legacy import SAMPLE, detect, is_vietnamese_word, words_of

    words = words_of(text[:SAMPLE])
    if (len(words) >= 5 and sum(map(is_vietnamese_word, words)) < 0.5 * len(words)
            and detect(text[:SAMPLE]) is None):  # a legacy font's mojibake is converted later
        raise IngestError("text reads as no language in UTF-8, UTF-16, Windows-1258 or a legacy Vietnamese "
                          "encoding: the file is damaged or binary")
    return text


def decode(data: bytes) -> tuple[str, str]:
    """Return the text and the encoding it was read with."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:  # an odd length, a lone surrogate: escaped as "reader failed"
            raise IngestError(f"text looks like UTF-16 but does not decode ({exc.reason})") from exc
    if data.count(0) > len(data) // 4:
        even_nuls = data[0::2].count(0)
        encoding = "utf-16-be" if even_nuls > data[1::2].count(0) else "utf-16-le"
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise IngestError(f"text looks like UTF-16 but does not decode ({exc.reason})") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if (text := _utf8_with_strays(data)) is not None:
        return text, "utf-8+cp1258"
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        text = None
    # Legacy font encodings (TCVN3, VNI) are single-byte: read as Windows-1252 they give the
    # mojibake the legacy converter expects; keep whichever reads as Vietnamese best.
    from .legacy import SAMPLE, looks_legacy, vietnamese_score

    if text is not None and not looks_legacy(text):
        return _readable(text), "cp1258"
    latin = data.decode("cp1252", errors="replace")
    if text is None or (vietnamese_score(latin[:SAMPLE]) > vietnamese_score(text[:SAMPLE]) and "\ufffd" not in latin):
        if latin.count("\ufffd") > max(20, len(latin) // 100):
            raise IngestError("text is neither UTF-8, UTF-16, Windows-1258 nor a legacy Vietnamese encoding: "
                              "re-save it as UTF-8")
        return _readable(latin), "cp1252"
    return _readable(text), "cp1258"


def strip_markdown(line: str) -> tuple[str, bool]:
    """Remove Markdown marks from one line; say whether it was a `#` heading.

    Most lines hold no mark: a substring test for the character each pattern needs is ~20x
    cheaper than running the pattern."""
    is_heading = "#" in line and _HEADING.match(line) is not None
    if is_heading:
        line = _HEADING.sub("", line)
    if "*" in line or "+" in line:
        line = _BULLET.sub("", line)
    if "\\" in line:
        line = _ESCAPE.sub(r"\1", line)
    if "**" in line or "__" in line:
        line = _BOLD.sub("", line)
    if "*" in line:
        line = _ITALIC.sub(r"\1", line)
    return line.strip(), is_heading


def read_txt(data: bytes) -> RawDocument:
    text, encoding = decode(data)
    if "\ufffd" in text[:4096] and text[:4096].count("\ufffd") > 20:
        raise IngestError("text decodes to replacement characters: the file is damaged or not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "**" in text:
        text = _LOST_BREAK.sub("\n", text)
    blocks: list[RawBlock] = []
    for raw_line in text.split("\n"):
        if "---" in raw_line and _TABLE_RULE.match(raw_line):
            continue
        stripped = raw_line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
            cells = tuple(strip_markdown(c)[0] for c in stripped.strip("|").split("|"))
            blocks.append(RawBlock(BlockKind.TABLE_ROW, cells=cells))
            continue
        line, is_heading = strip_markdown(raw_line)
        if line:
            blocks.append(RawBlock(BlockKind.HEADING if is_heading else BlockKind.PARAGRAPH, line))
    return RawDocument("txt", blocks, encoding=encoding)
