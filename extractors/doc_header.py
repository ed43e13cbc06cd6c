"""The document's header: kind (BÁO CÁO, KẾ HOẠCH ...), number, place and date, title.

Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP) open the same way: the
issuing body and "Số: 21/KH-UBND" on the left, the national motto and "<place>, ngày 14
tháng 3 năm 2024" on the right, then the kind in capitals and the title below it.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.components import component
from pipeline.lexicon import lexicon_cache, table
from pipeline.model import Document

from .layout import header_blocks

MAX_TITLE_LINES = 4

_NUMBER = regex.compile(
    r"^(?:V/v\s+)?Số\s*[:.]?\s*(?P<num>[\w.\-]*(?:\s*/\s*[\w.\-Đđ]+)+|[\w.\-]+-[\w.\-/]+)",
    regex.IGNORECASE,
)
_FILL = r"[\s._…\-]*"  # blank days and months are written as spaces, dots or an ellipsis
_PLACE_DATE = regex.compile(
    rf"(?:^(?P<place>[^,\d:;]{{2,60}}?)\s*,\s*)?ngày{_FILL}(?P<day>\d{{1,2}})?{_FILL}tháng{_FILL}"
    rf"(?P<month>\d{{1,2}})?{_FILL}năm{_FILL}(?P<year>(?:19|20)\d\d)\b",
    regex.IGNORECASE,
)
# Lines that never belong to a title: addressees, legal grounds, headings, signature titles.
_TITLE_STOP = regex.compile(
    r"^(?:Kính\s+gửi|Căn\s+cứ|Phần\s|PHẦN\s|Chương\s|"
    r"[IVX]{1,4}\s*[.)]|\d{1,2}\s*[.)]\s|Điều\s+\d|CHỦ\s+TỊCH|GIÁM\s+ĐỐC|ỦY\s+BAN|HỘI\s+ĐỒNG|"
    r"QUYẾT\s+ĐỊNH\s*:|[-_=*.]{3,})",
)
# Lines that open a body paragraph; a title may begin with them ("Thực hiện nhiệm vụ năm 2024"),
# so they end a title only after its first line.
_BODY_OPENER = regex.compile(r"^(?:Thực\s+hiện|Theo\s|Trên\s+cơ\s+sở|Để\s|Nhằm\s)")


@dataclass(frozen=True, slots=True)
class DocKind:
    surface: str
    doc_type: str
    doc_kind: str
    number_code: str


@lexicon_cache
def doc_kinds() -> tuple[DocKind, ...]:
    return tuple(DocKind(r["surface"], r["doc_type"], r["doc_kind"], r["number_code"]) for r in table("doc_kinds"))


@lexicon_cache
def _kind_line() -> regex.Pattern:
    surfaces = sorted((k.surface for k in doc_kinds()), key=len, reverse=True)
    alternatives = "|".join(regex.escape(s).replace(r"\ ", r"\s+") for s in surfaces)
    # The kind in capitals at the start of a line, alone or followed by the title.
    return regex.compile(rf"^(?P<kind>{alternatives})(?![\p{{Lu}}\p{{Ll}}])\s*[:.]?\s*(?P<rest>.*)$")


def _kind_from_number(number: str) -> DocKind | None:
    code = regex.search(r"/\s*([^\W\d_]+)", number)
    if not code:
        code = regex.search(r"-\s*([^\W\d_]+)/", number)
    if not code:
        return None
    for kind in doc_kinds():
        if kind.number_code.casefold() == code.group(1).casefold():
            return kind
    return None


def _title(lines: list[str]) -> str | None:
    title: list[str] = []
    for line in lines:
        if _TITLE_STOP.match(line) or len(line) > 250 or len(title) == MAX_TITLE_LINES:
            break
        if title and _BODY_OPENER.match(line):
            break
        if _PLACE_DATE.search(line) and not title:
            continue
        title.append(line.strip(" *"))
    text = " ".join(t for t in title if t)
    return text or None


@component("doc_header")
def doc_header(doc: Document) -> None:
    meta = doc.meta
    lines = [text for text, _, _ in doc.lines(header_blocks(doc))]
    kind: DocKind | None = None
    for i, line in enumerate(lines):
        if meta.doc_number is None and (m := _NUMBER.match(line)):
            meta.doc_number = regex.sub(r"\s+", "", m.group("num"))
        if meta.issued_date is None and (m := _PLACE_DATE.search(line)):
            meta.issued_date = "-".join(
                f"{int(v):02d}" if j else v
                for j, v in enumerate((m.group("year"), m.group("month"), m.group("day")))
                if v is not None and (j == 0 or m.group("month") is not None)
            )
            meta.place = (m.group("place") or "").strip() or None
        if kind is None and (m := _kind_line().match(line)):
            surface = regex.sub(r"\s+", " ", m.group("kind"))
            kind = next(k for k in doc_kinds() if k.surface == surface)
            rest = m.group("rest").strip()
            meta.title = _title(([rest] if rest else []) + lines[i + 1:])
    if kind is None and meta.doc_number:
        kind = _kind_from_number(meta.doc_number)
    if kind is None and any(regex.match(r"^V/v\s", line) for line in lines):
        kind = next(k for k in doc_kinds() if k.doc_kind == "letter")  # a công văn: "V/v ..." under its number
        meta.title = meta.title or next(line[4:].strip() for line in lines if regex.match(r"^V/v\s", line))
    if kind is not None:
        meta.doc_type, meta.doc_kind = kind.doc_type, kind.doc_kind
