"""Award counts: how many of which honour, to whom, granted by whom, received or proposed.

Vietnamese reports count honours in two shapes, read here sentence by sentence:
- the count before the form: "tặng 01 bằng khen", "3 cờ thi đua", "công nhận 5 tập thể lao động
  xuất sắc" (the recipient is the form's own, or "cho UBND thị trấn ..." after it);
- the form, then counted recipients: "tặng giấy khen cho 325 cá nhân, tập thể" (one mixed row),
  "khen thưởng cho 10 tập thể và 15 cá nhân" (two rows), "Lao động tiên tiến cho 45 cá nhân,
  Chiến sĩ thi đua cơ sở cho 6 cá nhân", and "45 cá nhân đạt danh hiệu Lao động tiên tiến".
The grantor is the nearest one named before the award ("Chủ tịch UBND tỉnh tặng ...") unless
"của <grantor>" follows it; else the level the form implies; else, for a bare "khen thưởng",
the reporting unit itself. "cấp trên" is the level above the reporting unit. The status is the
earliest cue of the clause (lexicons/award_status.tsv); in a plan every award is planned.
Forms, recipients, grantors and cues are lexicons.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.components import component
from pipeline.lexicon import lexicon_cache, table
from pipeline.model import Award, Block, Document

from ..text.layout import prose
from ..text.needles import Filtered, FilteredGroup, lexicon_word_pattern

EXTRACTOR = "rules.award"
LEVELS = ("central", "province", "district", "commune")
WINDOW = 160  # how far before a count its award form may stand


@dataclass(frozen=True, slots=True)
class Form:
    award: str
    award_vi: str
    recipient: str | None
    default_level: str | None


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    value: str  # award code, recipient kind, grantor level or status
    text: str


@lexicon_cache
def _forms() -> tuple[tuple[Filtered, Form], ...]:
    return tuple(
        (lexicon_word_pattern(r["pattern"]),
         Form(r["award"], r["award_vi"], r["recipient"].strip() or None, r["default_level"].strip() or None))
        for r in table("awards")
    )


def _compiled(name: str, key: str) -> tuple[tuple[Filtered, str], ...]:
    return tuple((lexicon_word_pattern(r["pattern"]), r[key]) for r in table(name))


@lexicon_cache
def _recipients() -> tuple[tuple[Filtered, str], ...]:
    return _compiled("award_recipients", "recipient")


@lexicon_cache
def _grantors() -> tuple[tuple[Filtered, str], ...]:
    return _compiled("grantors", "level")


@lexicon_cache
def _statuses() -> tuple[tuple[Filtered, str], ...]:
    return _compiled("award_status", "status")


@lexicon_cache
def _number_words() -> dict[str, int]:
    return {r["word"]: int(r["value"]) for r in table("number_words")}


def _find(patterns, text: str) -> list[Mention]:
    """Non-overlapping mentions, leftmost first, the longest at a place."""
    lowered = text.lower()
    found = sorted(
        (Mention(m.start(), m.end(), value, m.group(0))
         for pattern, value in patterns for m in pattern.finditer(text, lowered)),
        key=lambda mt: (mt.start, -(mt.end - mt.start)),
    )
    kept: list[Mention] = []
    for mt in found:
        if not kept or mt.start >= kept[-1].end:
            kept.append(mt)
    return kept


@lexicon_cache
def _form_group() -> FilteredGroup:
    return FilteredGroup(pattern for pattern, _ in _forms())


def _form_mentions(text: str) -> list[tuple[Mention, Form]]:
    forms: list[tuple[Mention, Form]] = []
    found = sorted(((m, _forms()[i][1]) for i, m in _form_group().finditer(text)),
                   key=lambda p: (p[0].start(), -(p[0].end() - p[0].start())))
    last_end = -1
    for m, form in found:
        if m.start() >= last_end:
            forms.append((Mention(m.start(), m.end(), form.award, m.group(0)), form))
            last_end = m.end()
    return forms


@lexicon_cache
def _count_pattern() -> regex.Pattern:
    words = "|".join(sorted(map(regex.escape, _number_words()), key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}\d.,/])(?:\d+|(?:{words})(?![\p{{L}}]))(?=[^\S\n]+\p{{L}})", regex.IGNORECASE)


@lexicon_cache
def _split_counts() -> regex.Pattern:
    """"cho 01 tập thể": counts after the form that split it."""
    return regex.compile(r"^\s*cho\s+(?:\d+|" + "|".join(_number_words()) + r")\b", regex.IGNORECASE)


def _count_value(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw)
    return _number_words().get(raw.casefold())


@dataclass(slots=True)
class _Context:
    """What an award sentence has said so far: carried to the awards after it."""

    grantor: Mention | None = None
    status: str | None = None
    recipient: str | None = None  # an explicit recipient ("cho UBND thị trấn ..."), carried in a list


def _level(grantor: Mention | None, doc: Document) -> str | None:
    if grantor is None:
        return None
    if grantor.value == "above":
        own = doc.meta.admin_level
        return LEVELS[LEVELS.index(own) - 1] if own in LEVELS and own != "central" else None
    return grantor.value


def _own_level(doc: Document) -> str | None:
    return doc.meta.admin_level if doc.meta.admin_level in LEVELS else None


# Patterns of the sentence rules, compiled once: a call of `regex.match(pattern, ...)` looks its
# pattern up in the module's cache (~5 µs), more than the match itself on a short text.
_RANK_BEFORE = regex.compile(r"^\s*(?:hạng\s+\S+|cấp\s+\S+)")
_GIVEN_TO = regex.compile(r"^\s*(?:cho|tặng)\s+(\S+(?:\s+\S+){0,2})", regex.IGNORECASE)
_COLLECTIVE = regex.compile(r"(?:UBND|Ủy ban|Đảng bộ|Đảng ủy|chi bộ|tập thể|trường|thôn|xã|phường|thị trấn|Công an|Hội|"
                            r"Đoàn|Ban|Phòng|Trạm|Hợp tác xã|HTX|Công ty|Trung tâm|tổ|khu)", regex.IGNORECASE)
_INDIVIDUAL = regex.compile(r"(?:ông|bà|đồng chí|đ/c|cá nhân|em|cháu)\b", regex.IGNORECASE)
_RANK = regex.compile(r"hạng\s+(?:Nhất|Nhì|Ba|nhất|nhì|ba|I{1,3})|cấp\s+(?:cơ sở|tỉnh|bộ|huyện)|cơ sở|toàn quốc")
_SEPARATOR_ONLY = regex.compile(r"^\s*(?:;|,)?\s*$")
_CLAUSE = regex.compile(r"[,;]")
_NAMED_AFTER = regex.compile(r"(?:đạt|được công nhận|được tặng|được khen thưởng|nhận)\s+(?:danh hiệu\s+)?")
_OF = regex.compile(r"^\s*(?:của|do)\s+")


def _explicit_recipient(after: str) -> str | None:
    """"cho UBND thị trấn Hà Trung" -> collective, "cho ông Nguyễn Văn A" -> individual (a rank
    such as "hạng Ba" may stand between the award and its recipient)."""
    after = _RANK_BEFORE.sub("", after)
    m = _GIVEN_TO.match(after)
    if not m:
        return None
    head = m.group(1)
    if _COLLECTIVE.match(head):
        return "collective"
    if _INDIVIDUAL.match(head):
        return "individual"
    return None


def _default_level(form: Form, rank: str | None, doc: Document) -> str | None:
    """The level an award implies when no grantor is written: the form's own (a Huân chương is
    central), its rank ("cấp tỉnh"), or the reporting unit for what its head confers (a bare
    "khen thưởng", Lao động tiên tiến, and everything a decision grants)."""
    if rank and regex.search(r"tỉnh|bộ", rank):
        return "province"
    if rank and "toàn quốc" in rank:
        return "central"
    if form.default_level and form.default_level != "own":
        return form.default_level
    if form.default_level == "own" or form.award == "commendation" or doc.meta.doc_type == "decision":
        return _own_level(doc)
    return None


# Names that hold status words without saying anything about this award.
_NOT_A_CUE = regex.compile(r"(?:Hội đồng|Ban|HĐ)\s+[Tt]hi đua\s*[-,–]?\s*[Kk]hen thưởng|công tác thi đua,?\s*khen thưởng|"
                           r"[Qq]uỹ thi đua,?\s*khen thưởng|Luật [Tt]hi đua,?\s*khen thưởng")


def _status(window: str, ctx: _Context) -> str:
    cues = _find(_statuses(), _NOT_A_CUE.sub(lambda m: " " * len(m.group(0)), window))
    return cues[0].value if cues else (ctx.status or "received")


def _rank(text: str) -> str | None:
    m = _RANK.search(text)
    return m.group(0) if m else None


def read_sentence(doc: Document, block: Block, start: int, end: int, ctx: _Context) -> list[Award]:
    text = doc.text[start:end]
    forms = _form_mentions(text)
    if not forms:
        return []
    grantors = _find(_grantors(), text)
    plan = doc.meta.doc_type == "plan"
    awards: list[Award] = []
    prev_end = 0
    for m in _count_pattern().finditer(text):
        count = _count_value(m.group(0))
        if count is None or count == 0:
            continue
        after = text[m.end():]
        # 1. the count before the form: "01 bằng khen", "5 tập thể lao động xuất sắc"
        direct = next(((mt, f) for mt, f in forms if mt.start - m.end() in range(0, 3)), None)
        rows: list[tuple[str, int, Form, Mention]] = []
        if direct is not None and _split_counts().match(text[direct[0].end:]):
            direct = None  # "tặng 02 Bằng khen cho 01 tập thể và 01 cá nhân": the split counts stand
            prev_end = m.end()
            continue
        if direct is not None:
            mention, form = direct
            recipient = _explicit_recipient(text[mention.end:]) or form.recipient
            if recipient is None and ctx.recipient and _SEPARATOR_ONLY.match(text[prev_end:m.start()] or ";"):
                recipient = ctx.recipient
            rows.append((recipient or "unknown", count, form, mention))
            if _explicit_recipient(text[mention.end:]):
                ctx.recipient = recipient
            anchor_end = mention.end
        else:
            # 2. counted recipients after a form: "khen thưởng cho 10 tập thể và 15 cá nhân"
            who = next((r for r in _find(_recipients(), after[:40]) if r.start <= 1 or after[:r.start].isspace()), None)
            if who is None:
                continue
            following = _CLAUSE.split(after[who.end:], maxsplit=1)[0]
            named_after = _NAMED_AFTER.search(following)
            form_after = next(((mt, f) for mt, f in _form_mentions(following) if named_after and mt.start >= named_after.end()), None)
            before = [(mt, f) for mt, f in forms if mt.end <= m.start() and m.start() - mt.end <= WINDOW]
            chosen = form_after or (before[-1] if before else None)
            if chosen is None:
                continue
            mention, form = chosen
            if form_after is not None:
                mention = Mention(m.end() + who.end + mention.start, m.end() + who.end + mention.end, mention.value, mention.text)
            rows.append((who.value, count, form, mention))
            anchor_end = m.end() + who.end
        # grantor: "của <grantor>" right after the award, else the nearest one before it
        after_award = text[anchor_end:anchor_end + 60]
        of = _OF.match(after_award)
        grantor = None
        if of:
            grantor = next((g for g in grantors if g.start == anchor_end + of.end()), None)
        if grantor is None:
            earlier = [g for g in grantors if g.end <= m.start()]
            grantor = earlier[-1] if earlier else None
        if grantor is not None:
            ctx.grantor = grantor
        status = "planned" if plan else _status(text[prev_end:m.start()], ctx)
        ctx.status = status
        for recipient, n, form, mention in rows:
            rank = _rank(text[mention.start:mention.end + 20])
            level = _level(grantor, doc) or _default_level(form, rank, doc)
            awards.append(Award(
                award=form.award, award_vi=form.award_vi, recipient=recipient, count=n, status=status,
                char_start=start + m.start(), char_end=start + m.end(), sentence=text, extractor=EXTRACTOR,
                confidence=0.9 if grantor is not None else 0.7,
                grantor=grantor.text if grantor is not None else (doc.meta.issuer if doc.meta.doc_type == "decision" else None),
                grantor_level=level, rank=rank, page=block.page,
            ))
        prev_end = m.end()
    return awards


@component("awards")
def awards(doc: Document) -> None:
    for block, block_sentences in prose(doc):
        ctx = _Context()
        for s in block_sentences:
            doc.awards += read_sentence(doc, block, s.start, s.end, ctx)
    # An award count is never an indicator figure: "25 hộ gia đình" of an award list is one.
    counted = {a.char_start for a in doc.awards}
    doc.figures = [f for f in doc.figures if f.char_start not in counted]
