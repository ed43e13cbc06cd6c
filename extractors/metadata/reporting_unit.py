"""Who reported: the unit's name, its level, and the parent district and province the text names.

Evidence, strongest first: the unit in the header ("ỦY BAN NHÂN DÂN / XÃ ĐỒNG TÂN") or in the
place line ("Thị trấn Hà Trung, ngày ..."); a body named with the place's own name ("UBND
huyện Triệu Sơn báo cáo"); the signature block ("CHỦ TỊCH UBND THỊ TRẤN"); and, weakest, the
text speaking of itself without a name ("toàn xã", "UBND xã"). Addressees ("Kính gửi",
"Nơi nhận") and lists ("các xã, thị trấn") are other units: they only tell the parents.
The official gazetteer comes later; here everything is read from the text.
"""
from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from pipeline.components import component
from pipeline import lexicon
from pipeline.lexicon import lexicon_cache, table
from pipeline.model import Document

from ..text.layout import header_blocks, in_spans, lines_of, recipient_spans, signature_lines
from ..text.patterns import lazy

MAX_NAME_WORDS = 4
W_HEADER, W_PLACE, W_NAMED_SELF, W_SIGNATURE, W_SELF_BODY, W_SELF = 10, 10, 5, 3, 2, 1

_STOP_NAME_WORDS = {"Về", "Tại", "Theo", "Và", "Của", "Báo", "Kế", "Quyết", "Số", "Năm", "Ngày", "Tháng"}


@dataclass(frozen=True, slots=True)
class Level:
    word: str
    admin_level: str
    commune_kind: str | None


@dataclass(frozen=True, slots=True)
class Mention:
    level: Level
    name: str | None
    start: int
    text: str  # the mention as written, body included ("UBND xã Đồng Tân")
    has_body: bool = False  # named with an issuing body ("UBND xã"), not bare ("của xã")


_MARKS_AND_SPACES = lazy(r"[\p{M}\s\-]+")


def fold(text: str) -> str:
    """Case- and accent-insensitive key for comparing names."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return _MARKS_AND_SPACES.sub("", decomposed)


@lexicon_cache
def levels() -> tuple[Level, ...]:
    return tuple(Level(r["word"], r["admin_level"], r["commune_kind"] or None) for r in table("admin_levels"))


@lexicon_cache
def _alternations() -> tuple[str, str]:
    """The issuing bodies and the level words as pattern alternations, longest first."""
    words = sorted((lv.word for lv in levels()), key=len, reverse=True)
    bodies = sorted((r["surface"] for r in table("issuing_bodies")), key=len, reverse=True)
    body = "|".join(regex.escape(b) for b in bodies)
    word = "|".join(regex.escape(w).replace(r"\ ", r"[^\S\n]+") for w in words)
    return body, word


def _level_word(word: str) -> str:
    # "xã hội" (society) is never a commune: the motto "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".
    return rf"(?<![\p{{L}}])(?P<level>{word})(?![\p{{L}}])(?![^\S\n]+hội\b)(?=(?P<after>[^\n|]{{0,80}}))"


@lexicon_cache
def _level_pattern() -> regex.Pattern:
    """A level word, with the issuing body before it if any ("UBND xã")."""
    body, word = _alternations()
    return regex.compile(rf"(?P<body>(?:{body})[^\S\n]+)?" + _level_word(word), regex.IGNORECASE)


@lexicon_cache
def _level_word_pattern() -> regex.Pattern:
    """`_level_pattern` without the body: ~4x faster to scan a document with, since the body's
    ~25 alternatives are no longer tried at every position."""
    return regex.compile(_level_word(_alternations()[1]), regex.IGNORECASE)


@lexicon_cache
def _body_before() -> regex.Pattern:
    """An issuing body and the spaces after it, matched backwards from where a level word starts."""
    return regex.compile(rf"(?r)(?:{_alternations()[0]})[^\S\n]+", regex.IGNORECASE)


@lexicon_cache
def _bodies_hold_level_words() -> bool:
    """Does an issuing body hold a level word? Then a level word found alone may be inside a body."""
    inner = regex.compile(rf"(?<![\p{{L}}])(?:{_alternations()[1]})(?![\p{{L}}])", regex.IGNORECASE)
    return any(inner.search(r["surface"]) for r in table("issuing_bodies"))


def _level_matches(text: str) -> Iterator[tuple[int, bool, regex.Match]]:
    """(start, has a body, match) of each match of `_level_pattern` in `text`, found the cheap way:
    each level word, then the longest body that ends (and its spaces) right before it, which is
    where the leftmost match of the whole pattern starts. Unless a body holds a level word: then
    the whole pattern runs."""
    if _bodies_hold_level_words():
        for m in _level_pattern().finditer(text):
            yield m.start(), m.group("body") is not None, m
        return
    pos = 0
    for m in _level_word_pattern().finditer(text):
        body = _body_before().match(text, pos, m.start())
        yield (body.start() if body else m.start()), body is not None, m
        pos = m.end()


@lexicon_cache
def _provinces() -> dict[str, str]:
    names: dict[str, str] = {}
    for row in table("provinces"):
        for alias in [row["name"], *filter(None, row["aliases"].split(";"))]:
            names[fold(alias)] = row["name"]
    return names


@lexicon_cache
def _central_cities() -> frozenset[str]:
    return frozenset(fold(r["name"]) for r in table("provinces") if r["central_city"] == "1")


def _level_of(word: str) -> Level:
    key = " ".join(word.casefold().split())
    return next(lv for lv in levels() if lv.word == key)


_TOKEN = lazy(r"\S+")
_DIGITS = lazy(r"^\d+$")


def _name_after(after: str) -> str | None:
    """The capitalized words right after a level word: "Cát Thành" in " Cát Thành xây dựng"."""
    if not after.startswith(" "):
        return None
    words: list[str] = []
    for token in _TOKEN.finditer(after):
        word = token.group(0)
        core = word.rstrip(",.;:)!?\"'")
        if not core or not (core[0].isupper() or core.isdigit()) or core in _STOP_NAME_WORDS:
            break
        if _DIGITS.match(core) and words:
            break
        words.append(core)
        if core != word or len(words) == MAX_NAME_WORDS:
            break
    if not words:
        return None
    name = " ".join(words)
    return name.title() if name.isupper() else name


_LIST_WORD_BEFORE = lazy(r"(?:các|những|mỗi|cấp|từng|nhiều|\d+)\s+$")


@lexicon_cache
def _list_patterns() -> tuple[regex.Pattern, regex.Pattern]:
    """A level word joined to another one: "xã, thị trấn" (after), "phường và xã" (before)."""
    words = "|".join(lv.word for lv in levels())
    return (regex.compile(rf"^\s*(?:,|và|/)\s*(?:{words})\b"), regex.compile(rf"(?:{words})\s*(?:,|và|/)\s*$"))


def _is_list(text: str, start: int, end: int) -> bool:
    """"các xã", "xã, thị trấn", "cấp xã": a level word that names no one unit."""
    before = text[max(0, start - 16):start].casefold()
    after = text[end:end + 16].casefold()
    joined_after, joined_before = _list_patterns()
    return (
        _LIST_WORD_BEFORE.search(before) is not None
        or joined_after.match(after) is not None
        or joined_before.search(before) is not None
    )


def mentions(text: str, offset: int = 0) -> list[Mention]:
    return list(_mentions(text, offset))


@functools.lru_cache(maxsize=64)
def _mentions(text: str, offset: int) -> tuple[Mention, ...]:
    """Unit mentions of a text (cached: several components read the same document's)."""
    found: list[Mention] = []
    for start, has_body, m in _level_matches(text):
        level = _level_of(m.group("level"))
        if _is_list(text, m.start("level"), m.end("level")):
            continue
        name = _name_after(m.group("after"))
        end = m.end("level") + (len(m.group("after")) - len(m.group("after").lstrip()) + len(name) if name else 0)
        found.append(Mention(level, name, offset + start, text[start:end], has_body))
    return tuple(found)


def _place(place: str | None) -> tuple[Level | None, str | None]:
    """Split "Thị trấn Hà Trung" into its level and name; a bare name has no level."""
    if not place:
        return None, None
    m = _level_pattern().match(place)
    if m and not m.group("body"):
        name = _name_after(m.group("after"))
        if name:
            return _level_of(m.group("level")), name
    return None, place


@component("reporting_unit")
def reporting_unit(doc: Document) -> None:
    meta = doc.meta
    place_level, place_name = _place(meta.place)
    recipients = recipient_spans(doc)
    header = [ln for ln in lines_of(doc, header_blocks(doc)) if not in_spans(ln.start, recipients)]
    header_mentions = [mt for ln in header if ln.text.isupper() for mt in mentions(ln.text, ln.start)]
    signature = [mt for ln in signature_lines(doc) for mt in mentions(ln.text, ln.start)]
    body = mentions(doc.text)

    votes: dict[Level, float] = defaultdict(float)
    named: dict[Level, Mention] = {}
    if header_mentions:
        # The header names the superior body first and the issuing unit last (the most local).
        issuer = min(header_mentions, key=lambda mt: (_rank(mt.level), -mt.start))
        votes[issuer.level] += W_HEADER
        if issuer.name:
            named[issuer.level] = issuer
    if place_level:
        votes[place_level] += W_PLACE
    signature_starts = {mt.start for mt in signature}
    for mt in signature:
        votes[mt.level] += W_SIGNATURE
    for mt in body:
        if in_spans(mt.start, recipients) or mt.start in signature_starts:
            continue
        if mt.name and place_name and fold(mt.name) == fold(place_name):
            votes[mt.level] += W_NAMED_SELF
            named.setdefault(mt.level, mt)
        elif mt.name is None and mt.level.admin_level != "province":
            # "UBND xã yêu cầu" speaks as the unit; "của huyện" may speak of the one above.
            votes[mt.level] += W_SELF_BODY if mt.has_body else W_SELF
    if not votes:
        meta.locality = place_name
        return
    level = max(votes, key=lambda lv: (votes[lv], -_rank(lv)))
    meta.admin_level = level.admin_level
    meta.commune_kind = level.commune_kind
    meta.locality = place_name or (named[level].name if level in named else None)
    if level in named:
        meta.issuer = named[level].text
    _parents(doc, meta, level, body + header_mentions)


def _rank(level: Level) -> int:
    return {"commune": 0, "district": 1, "province": 2}[level.admin_level]


def _parents(doc: Document, meta, level: Level, found: list[Mention]) -> None:
    """District and province from the names the text gives them ("huyện Hà Trung", "tỉnh Thanh Hóa")."""
    provinces, cities = _provinces(), _central_cities()
    district_votes: dict[str, int] = defaultdict(int)
    province_votes: dict[str, int] = defaultdict(int)
    for mt in found:
        if not mt.name:
            continue
        key = fold(mt.name)
        if mt.level.word == "tỉnh" and key in provinces:
            province_votes[provinces[key]] += 1
        elif mt.level.word == "thành phố" and key in cities:
            province_votes[provinces[key]] += 1
        elif mt.level.admin_level == "district":
            district_votes[mt.name] += 2 if mt.level.word == "huyện" else 1
    if level.admin_level == "commune" and district_votes:
        meta.district = max(district_votes, key=lambda n: (district_votes[n], n))
    if level.admin_level == "province":
        meta.province = provinces.get(fold(meta.locality or ""), meta.locality)
    elif province_votes:
        meta.province = max(province_votes, key=lambda n: (province_votes[n], n))


lexicon._ON_CHANGE.append(_mentions.cache_clear)
