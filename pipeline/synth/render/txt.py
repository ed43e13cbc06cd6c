"""A document as a .txt file: the header's two columns one after the other, then the body, then the
closing columns; Markdown or plain; UTF-8 (with or without BOM), UTF-16 or Windows-1258."""
from __future__ import annotations

import unicodedata

from ..document import Doc, plain

def txt_lines(doc: Doc) -> list[str]:
    """A document as the lines of a .txt file: the header's two columns one after the other,
    then the body, then the closing columns; Markdown emphasis and tables when `doc.txt_markdown`
    (`doc.txt_tab_tables`: a plain-text file's tables as tab-separated rows). A page break
    writes nothing."""
    markdown, tab_tables = doc.txt_markdown, doc.txt_tab_tables
    keep = (lambda s: s) if markdown else plain
    out: list[str] = []

    def para(s: str = "") -> None:
        out.append(s)
        out.append("")

    out += [keep(s) for s in doc.header_left]
    out.append("")
    out += [keep(s) for s in doc.header_right]
    out.append("")
    if doc.doc_kind:
        para(f"**{plain(doc.doc_kind)}**" if markdown else plain(doc.doc_kind))
    out += [f"**{plain(s)}**" if markdown else plain(s) for s in doc.title]
    out.append("")
    for s in doc.to:
        para(keep(s))
    for b in doc.blocks:
        if b.kind in ("h1", "h3"):
            para(f"**{plain(b.text)}**" if markdown else plain(b.text))
        elif b.kind == "h2":
            para(f"### {plain(b.text)}" if markdown else plain(b.text))
        elif b.kind == "h4":
            para(f"*{plain(b.text)}*" if markdown else plain(b.text))
        elif b.kind == "center":
            para(keep(b.text))
        elif b.kind == "bullet":
            para("- " + keep(b.text))
        elif b.kind == "para":
            para(keep(b.text))
        elif b.kind == "table":
            for i, r in enumerate(b.rows):
                if tab_tables:
                    out.append("\t".join(plain(c) for c in r))
                    continue
                out.append("| " + " | ".join(plain(c) for c in r) + " |")
                if i == 0:
                    out.append("|" + "|".join("---" for _ in r) + "|")
            out.append("")
    out += [keep(s) for s in doc.close_left]
    out.append("")
    out += [keep(s) for s in doc.close_right]
    while out and out[-1] == "":
        out.pop()
    return out


def render_txt(doc: Doc) -> bytes:
    out = txt_lines(doc)
    eol = "\r\n" if doc.txt_crlf else "\n"
    text = eol.join(out) + eol
    if doc.txt_encoding == "cp1258":
        try:
            return to_cp1258(text)
        except UnicodeEncodeError:  # a character Windows-1258 lacks ("≥"): the file stays UTF-8
            return text.encode("utf-8")
    if doc.txt_encoding == "utf-16":
        return b"\xff\xfe" + text.encode("utf-16-le")
    return text.encode(doc.txt_encoding)


_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as it is written: base letters with their non-tone diacritics precomposed
    (â ê ô ơ ư ă đ), tone marks as combining characters."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        tones = [c for c in d if c in _TONE_MARKS]
        rest = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONE_MARKS))
        out.append(rest + "".join(tones))
    return "".join(out).encode("cp1258")
