"""The document's header: kind (BÁO CÁO, KẾ HOẠCH ...), number, place and date, title.

Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP) open the same way: the
issuing body and "Số: 21/KH-UBND" on the left, the national motto and "<place>, ngày 14
tháng 3 năm 2024" on the right, then the kind in capitals and the title below it.

Number and date are read above the body only (before "Kính gửi", "Căn cứ", the first section
or article), and the date only from a line that opens with its place or with "ngày": dates
inside sentences belong to the documents they cite. Pages read by OCR get a little slack
("S6:" for "Số:", "BIỂN BẢN" for "BIÊN BẢN").
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from pipeline.components import component
from pipeline.lexicon import lexicon_cache, table
from pipeline.model import Document

from ..text.layout import header_blocks
from ..text.patterns import lazy

MAX_TITLE_LINES = 4

# The number: "Số: 21/KH-UBND", "Số 36-HD/VPTW" (Party documents, no colon), "Số: 779 /QĐ-UBND"
# (a number typed into the blank), "Số:      /QĐ-UBND" and "Số: ....../QĐ-UBND" (a draft's blank
# number, kept as printed), "Số: 15/2024/NQ-HĐND" (legal documents carry their year).
_DASHES = r"\-‐‑–"  # a hyphen, or a dash a word processor put in its place
_NUM = (
    rf"(?:[.…_]+\s*)?(?P<num>[\w.{_DASHES}]*(?:\s*/\s*[\w.{_DASHES}]+)+"
    rf"|[\w.]+[{_DASHES}][\w.{_DASHES}/]+)"
)
_NUMBER = lazy(rf"^[^\w\n]{{0,3}}(?:V/v\s+)?Số\s*[:.;]?\s*{_NUM}", regex.IGNORECASE)
# OCR misreads the "ố" of "Số" ("Sô:", "S6:", "Sồ:"): on OCR'd pages a colon after "S?" will do.
_NUMBER_OCR = lazy(rf"^[^\w\n]{{0,3}}S[ốôồổỗộoóòỏõọơớờ06]\s*[:;]\s*{_NUM}", regex.IGNORECASE)
_NUMBER_ALONE = lazy(r"^[^\w\n]{0,3}Số\s*[:.]?$", regex.IGNORECASE)  # the number went to the next line

# The place and date: "Hà Trung, ngày 14 tháng 3 năm 2024", with blanks for the day or month
# ("ngày    tháng 3 năm 2024", "ngày ... tháng ... năm 2024"), or written with figures
# ("Hà Nội, ngày 12/3/2025", "ngày 12.3.2025"). The words are read whatever their tone marks
# (OCR reads "nam", "thang"; archives without diacritics write "ngay").
_A = "[aàáảãạăằắẳẵặâầấẩẫậ]"
_FILL = r"[\s._…\-]*"  # blank days and months are written as spaces, dots or an ellipsis
_YEAR = r"(?:19|20)\d\d(?!\d)"
_VERBAL = (
    rf"ng{_A}y{_FILL}(?P<day>\d{{1,2}})?{_FILL}th{_A}ng{_FILL}(?P<month>\d{{1,2}})?{_FILL}"
    rf"n{_A}m{_FILL}(?P<year>{_YEAR})"
)
_FIGURES = rf"ng{_A}y\s*(?P<fday>\d{{1,2}})\s*(?P<sep>[/.\-])\s*(?P<fmonth>\d{{1,2}})\s*(?P=sep)\s*(?P<fyear>{_YEAR})"
_PLACE = r"(?P<place>[^\W\d_][^,\d:;()\n]{1,59}?)\s*,\s*"
# A date line opens with its place or with "ngày": a date inside a sentence is another document's
# ("Tờ trình số 156/TTr-SNV ngày 25 tháng 8 năm 2025 của Sở Nội vụ").
_DATE_LINE = lazy(rf"^[^\w\n]{{0,3}}(?:{_PLACE})?(?:{_VERBAL}|{_FIGURES})", regex.IGNORECASE)
_DATE = lazy(rf"{_VERBAL}|{_FIGURES}", regex.IGNORECASE)
# "(Kèm theo Quyết định số .../QĐ-UBND ngày ... của ...)": the date of the document that issues
# an attached one (a charter, a regulation), which has no date line of its own.
_ATTACHED_TO = lazy(r"^\(?\s*(?:Ban\s+hành\s+)?kèm\s+theo\s", regex.IGNORECASE)
# Where the header ends and the body begins: addressees, legal grounds, section headings, articles.
_BODY_START = lazy(
    r"^(?:[-–+•]\s*)?(?:Kính\s+gửi|Đồng\s+kính\s+gửi|Căn\s+cứ|Xét\s+đề\s+nghị|Theo\s+đề\s+nghị)\b"
    r"|^(?:[IVX]{1,4}\s*[.)\-–]\s|\d{1,2}\s*[.)]\s|Điều\s+\d|Chương\s|CHƯƠNG\s|Phần\s|PHẦN\s)"
)
# Lines that never belong to a title: addressees, legal grounds, headings, signature titles.
_TITLE_STOP = lazy(
    r"^(?:(?:[-–+•]\s*)?(?:Kính\s+gửi|Căn\s+cứ)|Phần\s|PHẦN\s|Chương\s|"
    r"[IVX]{1,4}\s*[.)]|\d{1,2}\s*[.)]\s|Điều\s+\d|CHỦ\s+TỊCH|GIÁM\s+ĐỐC|ỦY\s+BAN|HỘI\s+ĐỒNG|"
    r"QUYẾT\s+ĐỊNH\s*:|[-_=*.]{3,})",
)
# Lines that open a body paragraph; a title may begin with them ("Thực hiện nhiệm vụ năm 2024"),
# so they end a title only after its first line.
_BODY_OPENER = lazy(r"^(?:Thực\s+hiện|Theo\s|Trên\s+cơ\s+sở|Để\s|Nhằm\s)")


@dataclass(frozen=True, slots=True)
class DocKind:
    surface: str
    doc_type: str
    doc_kind: str
    number_code: str
    attached: bool = False  # issued attached to another document ("Kèm theo Quyết định số ...")


@lexicon_cache
def doc_kinds() -> tuple[DocKind, ...]:
    return tuple(DocKind(r["surface"], r["doc_type"], r["doc_kind"], r["number_code"], r.get("attached") == "yes")
                 for r in table("doc_kinds"))


def _fold(text: str) -> str:
    """The letters without their marks, one for one ("BIỂN BẢN" -> "BIEN BAN")."""
    return "".join(unicodedata.normalize("NFD", ch)[0] for ch in text).replace("Đ", "D").replace("đ", "d")


@lexicon_cache
def _kind_line() -> regex.Pattern:
    surfaces = sorted((k.surface for k in doc_kinds()), key=len, reverse=True)
    alternatives = "|".join(regex.escape(s).replace(r"\ ", r"\s+") for s in surfaces)
    # The kind in capitals at the start of a line, alone or followed by the title.
    return regex.compile(rf"^(?P<kind>{alternatives})(?![\p{{Lu}}\p{{Ll}}])\s*[:.]?\s*(?P<rest>.*)$")


@lexicon_cache
def _folded_kind_line() -> regex.Pattern:
    """The kind line with its marks ignored: OCR reads "BIỂN BẢN", "NGHỊ QUYÉT"."""
    surfaces = sorted({_fold(k.surface) for k in doc_kinds()}, key=len, reverse=True)
    alternatives = "|".join(regex.escape(s).replace(r"\ ", r"\s+") for s in surfaces)
    return regex.compile(rf"^[^\w\n]{{0,2}}(?P<kind>{alternatives})(?![\p{{Lu}}\p{{Ll}}])\s*[:.]?\s*(?P<rest>.*)$")


def _kind_of_line(line: str, ocr: bool) -> tuple[DocKind, str] | None:
    if m := _kind_line().match(line):
        surface = regex.sub(r"\s+", " ", m.group("kind"))
        return next(k for k in doc_kinds() if k.surface == surface), m.group("rest")
    folded = _fold(line)
    if ocr and len(folded) == len(line) and (m := _folded_kind_line().match(folded)):
        surface = regex.sub(r"\s+", " ", m.group("kind"))
        return next(k for k in doc_kinds() if _fold(k.surface) == surface), line[m.start("rest"):]
    return None


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


def _number(line: str, ocr: bool) -> tuple[str, int] | None:
    """The document number a line opens with, cleaned, and where it ends."""
    m = _NUMBER.match(line) or (_NUMBER_OCR.match(line) if ocr else None)
    if not m:
        return None
    number = regex.sub(r"\s+", "", m.group("num"))
    number = regex.sub(r"[‐‑–]", "-", number).rstrip(".,;:")
    if ocr and "/" not in number:
        # OCR drops the slash before the kind code ("01NQ-HĐQLQ", a blank number's "KH-UBND"): an
        # ND 30 number is always "<number>/<kind code>-<issuer>", so put it back for a known code.
        m_code = regex.match(r"^(\d*)([^\W\d_]+)(?=-)", number)
        codes = {k.number_code.casefold() for k in doc_kinds()}
        if m_code and m_code.group(2).casefold() in codes:
            number = f"{m_code.group(1)}/{number[m_code.end(1):]}"
    return number, m.end()


def _date(m: regex.Match) -> str | None:
    """ISO date as precise as printed, or None for impossible figures."""
    if m.group("fyear"):
        day, month, year = int(m.group("fday")), int(m.group("fmonth")), m.group("fyear")
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return None
        return f"{year}-{month:02d}-{day:02d}"
    year, month, day = m.group("year"), m.group("month"), m.group("day")
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        return f"{year}-{int(month):02d}"
    return f"{year}-{int(month):02d}-{int(day):02d}" if 1 <= int(day) <= 31 else None


def _date_line(text: str) -> tuple[str, str | None] | None:
    """(date, place) of a place-and-date line; a date in figures needs its place (a received
    stamp's "Ngày 13/03/2025" is no date of issue)."""
    m = _DATE_LINE.match(text)
    if not m or (m.group("fyear") and not m.group("place")):
        return None
    date = _date(m)
    return (date, (m.group("place") or "").strip() or None) if date else None


def _title(lines: list[str]) -> str | None:
    title: list[str] = []
    for line in lines:
        if _TITLE_STOP.match(line) or len(line) > 250 or len(title) == MAX_TITLE_LINES:
            break
        if title and _BODY_OPENER.match(line):
            break
        if _DATE_LINE.match(line) and not title:
            continue
        title.append(line.strip(" *"))
    text = " ".join(t for t in title if t)
    return text or None


@component("doc_header")
def doc_header(doc: Document) -> None:
    meta = doc.meta
    ocr = bool(doc.ocr_pages)
    lines = [text for text, _, _ in doc.lines(header_blocks(doc))]
    kind: DocKind | None = None
    in_header = True  # number and date are read above the body only
    attached_date: str | None = None
    for i, line in enumerate(lines):
        if in_header and _BODY_START.match(line):
            in_header = False
        rest = line
        if in_header and meta.doc_number is None:
            found = _number(line, ocr)
            if found is None and _NUMBER_ALONE.match(line) and i + 1 < len(lines):
                found = _number(f"Số: {lines[i + 1]}", ocr)
                found = (found[0], len(line)) if found else None
            if found:
                meta.doc_number, end = found
                rest = line[end:].lstrip(" |")  # a header flattened into one line: the date follows
        if in_header and meta.issued_date is None and (dated := _date_line(rest)):
            meta.issued_date, meta.place = dated
        if attached_date is None and _ATTACHED_TO.match(line) and (m := _DATE.search(line)):
            attached_date = _date(m)
        if kind is None and (found_kind := _kind_of_line(line, ocr)):
            kind, rest = found_kind
            rest = rest.strip()
            meta.title = _title(([rest] if rest else []) + lines[i + 1:])
    if kind is None and meta.doc_number:
        kind = _kind_from_number(meta.doc_number)
    if kind is None and any(regex.match(r"^V/v\s", line, regex.IGNORECASE) for line in lines):
        kind = next(k for k in doc_kinds() if k.doc_kind == "letter")  # a công văn: "V/v ..." under its number
        meta.title = meta.title or next(line[4:].strip() for line in lines if regex.match(r"^V/v\s", line, regex.IGNORECASE))
    if meta.issued_date is None and kind is not None and kind.attached:
        meta.issued_date = attached_date
    if kind is not None:
        meta.doc_type, meta.doc_kind = kind.doc_type, kind.doc_kind
