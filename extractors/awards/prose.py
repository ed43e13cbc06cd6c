"""Award counts: how many of which honour, to whom, granted by whom, received or proposed.

Vietnamese reports count honours in three shapes, read here sentence by sentence:
- the count before the form: "tặng 01 bằng khen", "3 cờ thi đua", "công nhận 5 tập thể lao động
  xuất sắc" (the recipient is the form's own, or "cho UBND thị trấn ..." after it);
- the form, then counted recipients: "tặng giấy khen cho 325 cá nhân, tập thể" (one mixed row),
  "khen thưởng cho 10 tập thể và 15 cá nhân" (two rows), "Lao động tiên tiến cho 45 cá nhân,
  Chiến sĩ thi đua cơ sở cho 6 cá nhân";
- counted recipients, then their predicate naming the form: "4 tập thể, 7 cá nhân được tặng
  Bằng khen", "2 tập thể đề nghị tặng Huân chương Lao động", "45 cá nhân đạt danh hiệu Lao động
  tiên tiến". The recipients of such a list ("N tập thể, M hộ gia đình, K làng ...", with
  qualifiers and appositions between them) share the predicate; a form that closes such a
  predicate does not reach on to the counts after it ("..., 13 gia đình được dự hội nghị").
A count that adds to a total stated after it ("đề nghị thêm 2 tập thể, nâng tổng số ... lên 13
tập thể") is not counted apart; one that belongs to an owner ("của ban nhân dân 04 ấp", "thuộc 3
xã") is nobody's award. Sentences that name no form still count when they continue a list
(";" then "21 cá nhân" with nothing after it: the award of the item before) or name honourees
by the genre's formula in a paragraph about an award ("03 tập thể, 05 cá nhân có thành tích").

The grantor is "của <grantor>" after the award, else the one inside the recipients' predicate
("được UBND tỉnh tặng"), else the nearest one named before the award ("Chủ tịch UBND tỉnh tặng
..."); a rank that names a level ("cấp tỉnh", "mức cao") wins over a grantor named before (that
one is often who proposes); else the level the form implies; else, for a bare "khen thưởng",
the reporting unit itself. "cấp trên" is the level above the reporting unit.

Status (lexicons/award_status.tsv): before the count, the earliest strong cue of the stretch
since the last award wins ("Đã được và đề nghị ... khen thưởng" is received); a weak cue (the
award's own verb, "khen thưởng", "tặng") speaks only when the sentence has said nothing yet
("đề nghị công nhận ... cho 9 cá nhân và khen thưởng 7 tập thể" is proposed twice). In a
predicate after the recipients, a proposal anywhere before the form wins ("được UBND tỉnh trình
Thủ tướng tặng" is proposed). In a plan every award is planned.

Summary tables (one row per form, a column per kind of recipient) are read by `tables`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from pipeline.components import component
from pipeline.model import Award, Block, Document

from ..text.layout import prose
from .headlines import drop_restated_headlines
from .lexicon import Form, Mention, count_pattern, count_value, cues, form_mentions, grantors, recipients, split_counts
from .rows import Counted, Sentence, award_row, grantor_at
from .tables import table_awards
from ..text.patterns import lazy

WINDOW = 160  # how far before a count its award form may stand, or after its recipients
LINK = 120  # the longest stretch (qualifiers, an apposition) between two recipients of one list
PREDICATE = 60  # how far after a list of recipients the verb of its predicate may start
SEGMENT_WORDS = 4  # inside a predicate, commas part grantors ("UBND tỉnh, Bộ, Ngành Trung ương"), not clauses


@dataclass(frozen=True, slots=True)
class Predicate:
    """The form named after a list of recipients, with the cues and grantor of its stretch."""

    mention: Mention
    form: Form
    status: str | None
    grantor: Mention | None
    of_grantor: bool


@dataclass(slots=True)
class _Context:
    """What an award paragraph has said so far: carried to the awards after it."""

    status: str | None = None  # the status of the previous sentences
    form: Form | None = None  # the last form the paragraph named
    item: Award | None = None  # the last row of the previous sentence when it ended with ";"
    recipient: str | None = None  # an explicit recipient ("cho UBND thị trấn ..."), carried in a list


# Patterns of the sentence rules, compiled once: a call of `regex.match(pattern, ...)` looks its
# pattern up in the module's cache (~5 µs), more than the match itself on a short text.
_RANK_BEFORE = lazy(r"^\s*(?:hạng\s+\S+|cấp\s+\S+)")
_GIVEN_TO = lazy(r"^\s*(?:cho|tặng)\s+(\S+(?:\s+\S+){0,2})", regex.IGNORECASE)
_COLLECTIVE = lazy(r"(?:UBND|Ủy ban|Đảng bộ|Đảng ủy|chi bộ|tập thể|trường|thôn|xã|phường|thị trấn|Công an|Hội|"
                            r"Đoàn|Ban|Phòng|Trạm|Hợp tác xã|HTX|Công ty|Trung tâm|tổ|khu)", regex.IGNORECASE)
_PLURAL = lazy(r"(?:các|những)\s+", regex.IGNORECASE)
_INDIVIDUAL = lazy(r"(?:ông|bà|đồng chí|đ/c|cá nhân|em|cháu)\b", regex.IGNORECASE)
_SEPARATOR_ONLY = lazy(r"^\s*(?:;|,)?\s*$")
_CLAUSE_MARK = lazy(r"[,;:.]")
_LIST_BREAK = lazy(r"[;:.]")
# What may stand between a count and the form it counts: "01 bằng khen", "01 danh hiệu Chiến sĩ thi đua".
_TITLE_GAP = lazy(r"\s{0,2}(?:danh\s+hiệu\s*[“\"]?\s*)?$", regex.IGNORECASE)
_GIVEN_TO_COUNT = lazy(r"(?<!\p{L})(?:cho|đối với|lên)\s*$", regex.IGNORECASE)
_GIVEN_TO_WORD = lazy(r"(?<!\p{L})(?:cho|đối với|lên)(?!\p{L})", regex.IGNORECASE)
# "03 tập thể, 05 cá nhân có thành tích xuất sắc": how reports name the ones they honour.
_HONOUR_FORMULA = lazy(r"^[^,;.]{0,40}?(?<!\p{L})có\s+thành\s+tích", regex.IGNORECASE)
# An item after ";" that opens with its count continues the award of the item before it
# ("Giấy khen: 12 tập thể; 30 cá nhân"), not one with words of its own first ("; còn 25 hộ nghèo").
_JOINT = lazy(r"\s*,\s*|\s+và\s+")
_ITEM_START = lazy(r"^[\s\-–+•]*(?:(?:và|có|trong đó|gồm)\s*:?\s*)?$", regex.IGNORECASE)
_OWNER = lazy(r"(?<!\p{L})(?:của|thuộc)(?!\p{L})", regex.IGNORECASE)
# "đề nghị thêm 2 tập thể, nâng tổng số ... lên 13 tập thể": the increment is inside the total.
_INCREMENT = lazy(r"(?:thêm|bổ sung)\s*$", regex.IGNORECASE)
_TOTAL_AFTER = lazy(r"nâng\s+tổng(?:\s+số)?", regex.IGNORECASE)
# Names that hold award and status words without saying anything about an award: the field of
# work "thi đua, khen thưởng" (its council, its law, its fund, a report's heading).
_NOT_AN_AWARD = lazy(r"[Tt]hi\s+đua\s*[-,–]?\s*[Kk]hen\s+thưởng|THI\s+ĐUA\s*[-,–]?\s*KHEN\s+THƯỞNG")
# A reference to someone's proposal is the ground of a decision, not this award's status:
# "Căn cứ đề nghị của Hội đồng, UBND huyện tặng ..." is received.
_GROUND = lazy(r"(?:căn\s+cứ|theo|xét|trên\s+cơ\s+sở)\s+(?:đề\s+nghị|tờ\s+trình)\s+của", regex.IGNORECASE)
_CLAUSE_COMMA = lazy(r"[,;]")


def _explicit_recipient(after: str) -> str | None:
    """"cho UBND thị trấn Hà Trung" -> collective, "cho ông Nguyễn Văn A" -> individual (a rank
    such as "hạng Ba" may stand between the award and its recipient)."""
    after = _RANK_BEFORE.sub("", after)
    m = _GIVEN_TO.match(after)
    if not m:
        return None
    head = m.group(1)
    plural = _PLURAL.match(after, m.start(1))
    if plural:  # "cho các tập thể, cá nhân": a recipient word of the lexicon
        who = next((r for r in recipients(after[plural.end():plural.end() + 40]) if r.start == 0), None)
        if who is not None:
            return who.value
    if _COLLECTIVE.match(head):
        return "collective"
    if _INDIVIDUAL.match(head):
        return "individual"
    return None


def _masked(text: str, *patterns: regex.Pattern) -> str:
    for pattern in patterns:
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


def _counted(text: str, forms: list[tuple[Mention, Form]]) -> list[Counted]:
    found: list[Counted] = []
    for m in count_pattern().finditer(text):
        value = count_value(m.group(0))
        if not value:
            continue
        if _INCREMENT.search(text[max(0, m.start() - 12):m.start()]) and _TOTAL_AFTER.search(text, m.end()):
            continue
        direct = next(((mt, f) for mt, f in forms if mt.start >= m.end() and _TITLE_GAP.match(text, m.end(), mt.start)), None)
        if direct is not None:
            # "tặng 02 Bằng khen cho 01 tập thể và 01 cá nhân": the split counts stand
            if not split_counts().match(text[direct[0].end:]):
                found.append(Counted(m.start(), m.end(), value, form=direct))
            continue
        # the recipient words stop where a form begins: "66 cá nhân và Tập thể lao động tiên tiến ..."
        stop = min((mt.start for mt, _ in forms if mt.start >= m.end()), default=len(text))
        after = text[m.end():min(m.end() + 40, stop)]
        who = next((r for r in recipients(after) if r.start <= 1 or after[:r.start].isspace()), None)
        if who is not None:
            end = _coordinated_end(text, m.end() + who.end)
            found.append(Counted(m.start(), m.end(), value, who=Mention(m.end() + who.start, end, who.value, who.text)))
    return found


def _coordinated_end(text: str, end: int) -> int:
    """The end of a count's recipient words: "45 cán bộ, công chức", "13 cơ quan, đơn vị, doanh
    nghiệp" name one count (the first word gives its kind), so its predicate starts after them."""
    while (joint := _JOINT.match(text, end)) is not None:
        after = text[joint.end():joint.end() + 30]
        more = next((r for r in recipients(after) if r.start == 0), None)
        if more is None:
            break
        end = joint.end() + more.end
    return end


def _within(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    return [mt for mt in mentions if start <= mt.start < end]


def _lists(s: Sentence) -> list[list[Counted]]:
    """Counted recipients that share one predicate: consecutive ones of different kinds of words
    with only qualifiers, an apposition or a separator between them (no form, no cue, no clause
    end). "35 giáo viên dạy giỏi, 12 giáo viên được tặng giấy khen" sets two counts apart."""
    lists: list[list[Counted]] = []
    for c in s.counted:
        last = lists[-1][-1] if lists else None
        if (last is not None and last.who is not None and c.who is not None
                and c.start - last.tail <= LINK
                and not _LIST_BREAK.search(s.text, last.tail, c.start)
                and not _within(s.cues, last.tail, c.start)
                and not any(last.tail <= mt.start < c.start for mt, _ in s.forms)
                and last.who.text.casefold() != c.who.text.casefold()):
            lists[-1].append(c)
        else:
            lists.append([c])
    return lists


def _forward(s: Sentence, mt: Mention) -> bool:
    """Whether a form is followed by counts of its own in its clause: "tặng bằng khen cho 08 tập
    thể", "Bằng khen của Thủ tướng lên 13 tập thể", "giấy khen 6 tập thể" (not "Bằng khen ... và 3
    tập thể đề nghị ...", where the next list starts)."""
    clause_end = _CLAUSE_MARK.search(s.text, mt.end)
    end = clause_end.start() if clause_end else len(s.text)
    following = next((c for c in s.counted if mt.end <= c.start < end), None)
    if following is None:
        return False
    gap = s.text[mt.end:following.start]
    return bool(_GIVEN_TO_COUNT.search(gap)) or not gap.strip()


def _predicate_verb(s: Sentence, group: list[Counted]) -> Mention | None:
    """The cue that opens the recipients' own predicate: right after them, in their clause."""
    tail = group[-1].tail
    first = next((q for q in s.cues if q.start >= tail), None)
    if first is None or first.start - tail > PREDICATE or _CLAUSE_MARK.search(s.text, tail, first.start):
        return None
    return first


def _predicate(s: Sentence, group: list[Counted]) -> Predicate | None:
    """The form that the recipients' own predicate names: "... được UBND tỉnh tặng Bằng khen"."""
    tail = group[-1].tail
    if group[-1].who is None:
        return None
    named = next(((mt, f) for mt, f in s.forms if mt.start >= tail and not s.text[tail:mt.start].strip()), None)
    if named is not None and not _forward(s, named[0]):
        # "44 cá nhân chiến sĩ thi đua cấp tỉnh": the recipients named by their title
        mt, form = named
        of = grantor_at(s, mt.end)
        return Predicate(mt, form, None, of, of is not None)
    first = _predicate_verb(s, group)
    if first is None:
        return None
    next_count = next((c.start for c in s.counted if c.start >= tail), len(s.text))
    for mt, form in s.forms:
        if mt.start < first.start:
            continue
        if mt.start >= next_count or mt.start - tail > WINDOW or ";" in s.text[tail:mt.start]:
            return None
        if any(len(part.split()) > SEGMENT_WORDS for part in s.text[first.start:mt.start].split(",")[1:]):
            return None  # a new clause came between: "3 thôn được công nhận ..., đây là kết quả ..."
        if _forward(s, mt):
            return None  # the form has counts of its own: "..., tặng bằng khen cho 08 tập thể"
        said = _within(s.cues, tail, mt.start)
        status = "proposed" if any(q.value == "proposed" for q in said) else (said[0].value if said else None)
        of = grantor_at(s, mt.end)
        inside = [g for g in s.grantors if tail <= g.start and g.end <= mt.start]
        return Predicate(mt, form, status, of or (inside[-1] if inside else None), of is not None)
    return None


def _status_before(s: Sentence, ctx: _Context, start: int, end: int) -> str:
    """The status of a count at `end` from the cues since `start`: the award's own clause (after
    the last comma) first, for "Phong trào được triển khai ..., đề nghị UBND huyện khen thưởng"."""
    said = _within(s.cues, start, end)
    clause = [q for q in said if q.start >= _clause_start(s.text, start, end)]
    strong = next((q for q in clause if not q.cue.weak), None) or next((q for q in said if not q.cue.weak), None)
    if strong is not None:
        return strong.value
    if s.status is not None:
        return s.status
    if said:
        return said[0].value
    return ctx.status or "received"


def _clause_start(text: str, start: int, end: int) -> int:
    marks = [m.end() for m in _CLAUSE_COMMA.finditer(text, start, end)]
    return marks[-1] if marks else start


def _before_form(s: Sentence, c: Counted) -> tuple[Mention, Form] | None:
    """The form named before a count, unless the count belongs to an owner after it: in
    "họp xét khen thưởng của ban nhân dân 04 ấp", "khen thưởng 5 tập thể thuộc 3 xã" the hamlets
    and communes are not the ones honoured ("của", "thuộc" with no "cho" after it)."""
    before = [(mt, f) for mt, f in s.forms
              if mt.end <= c.start and c.start - mt.end <= WINDOW and mt.start not in s.closed]
    if not before:
        return None
    mention, form = before[-1]
    gap = s.text[mention.end:c.start]
    owner = list(_OWNER.finditer(gap))
    if owner and not _GIVEN_TO_WORD.search(gap, owner[-1].end()) \
            and grantor_at(s, mention.end + owner[-1].start()) is None:
        return None  # not "Giấy khen của Chủ tịch UBND huyện 7 tập thể": there "của" names the grantor
    return mention, form


def _grantor_before(s: Sentence, pos: int) -> Mention | None:
    """The nearest grantor before `pos` that is not inside an earlier recipients' predicate."""
    earlier = [g for g in s.grantors if g.end <= pos and not any(a <= g.start < b for a, b in s.spoken)]
    return earlier[-1] if earlier else None


def _counted_row(doc: Document, block: Block, start: int, s: Sentence, ctx: _Context, c: Counted,
                 prev_end: int, own_clause_from: int | None = None) -> Award | None:
    """The row of a count whose recipients name no form after them: its form is the one it counts
    ("01 bằng khen") or the nearest open one before it ("khen thưởng cho 10 tập thể"). When the
    recipients have a predicate of their own (`own_clause_from`: where their list starts), that
    form must reach them without a comma: else they are a clause of their own."""
    if c.form is not None:
        mention, form = c.form
        explicit = _explicit_recipient(s.text[mention.end:])
        recipient = explicit or form.recipient
        if recipient is None and ctx.recipient and _SEPARATOR_ONLY.match(s.text[prev_end:c.start] or ";"):
            recipient = ctx.recipient
        if explicit:
            ctx.recipient = explicit
        of = grantor_at(s, mention.end)
    else:
        chosen = _before_form(s, c)
        if chosen is None:
            return None
        mention, form = chosen
        if own_clause_from is not None and "," in s.text[mention.end:own_clause_from]:
            return None
        recipient = c.who.value
        of = grantor_at(s, c.tail)
    status = "planned" if doc.meta.doc_type == "plan" else _status_before(s, ctx, prev_end, c.start)
    s.status = status
    return award_row(doc, block, start, s, c, recipient or "unknown", mention, form, status,
                  of or _grantor_before(s, c.start), of is not None)


def read_sentence(doc: Document, block: Block, start: int, end: int, ctx: _Context) -> list[Award]:
    text = doc.text[start:end]
    # the name of the emulation movement ("Thi đua - Khen thưởng") is written with "đua"/"ĐUA"
    masked = _masked(text, _NOT_AN_AWARD) if "đua" in text or "ĐUA" in text else text
    forms = [(Mention(mt.start, mt.end, mt.value, text[mt.start:mt.end]), f) for mt, f in form_mentions(masked)]
    if not forms and ctx.form is None:
        return []
    s = Sentence(text, forms, grantors(text), cues(_masked(masked, _GROUND)), _counted(text, forms))
    if not forms:
        return _continued(start, s, ctx, _item_ends(doc, end)) or _honoured(doc, block, start, s, ctx)
    ctx.form = forms[-1][1]
    groups = _lists(s)
    predicates = [_predicate(s, group) for group in groups]
    s.closed = {p.mention.start for p in predicates if p is not None}
    awards: list[Award] = []
    prev_end = 0
    for group, predicate in zip(groups, predicates):
        if predicate is None:
            # recipients with a predicate of their own that names no form, after a clause of the
            # form's: "xã được tặng Bằng khen, có 12 thôn đạt danh hiệu thôn văn hóa"
            reach = group[0].start if _predicate_verb(s, group) is not None else None
            for c in group:
                row = _counted_row(doc, block, start, s, ctx, c, prev_end, reach)
                awards += [row] if row is not None else []
                prev_end = c.tail
            continue
        status = "planned" if doc.meta.doc_type == "plan" else (
            predicate.status or _status_before(s, ctx, prev_end, group[0].start))
        awards += [award_row(doc, block, start, s, c, c.who.value, predicate.mention, predicate.form, status,
                          predicate.grantor, predicate.of_grantor) for c in group]
        s.spoken.append((group[0].start, predicate.mention.end))
        s.status = status
        prev_end = predicate.mention.end
    if s.status is not None:
        ctx.status = s.status
    ctx.item = awards[-1] if awards and _item_ends(doc, end) else None
    return awards


def _item_ends(doc: Document, end: int) -> bool:
    """Whether the sentence ending at `end` is an item of a list that ";" continues."""
    return doc.text[end:end + 3].lstrip(" ").startswith(";")


def _continued(start: int, s: Sentence, ctx: _Context, item_ends: bool) -> list[Award]:
    """The counts that open a list item after ";" and say nothing after them (no predicate of their
    own: "; 25 hộ nghèo được hỗ trợ" is another matter) take the award of the item before."""
    item, ctx.item = ctx.item, None
    if item is None or not s.counted:
        return []
    group = _lists(s)[0]
    if not _ITEM_START.match(s.text[:group[0].start]) or any(c.who is None for c in group):
        return []
    if _predicate_verb(s, group) is not None:
        return []
    rows = [replace(item, recipient=c.who.value, count=c.value, char_start=start + c.start, char_end=start + c.end,
                    sentence=s.text) for c in group]
    ctx.item = rows[-1] if item_ends else None
    return rows


def _honoured(doc: Document, block: Block, start: int, s: Sentence, ctx: _Context) -> list[Award]:
    """A sentence that names no form but counts tập thể and cá nhân "có thành tích" in a paragraph
    about an award ("Qua bình xét đã chọn 03 tập thể, 05 cá nhân có thành tích xuất sắc"): they are
    that award's recipients."""
    form = ctx.form
    awards: list[Award] = []
    for group in _lists(s):
        if any(c.who is None or c.who.value not in ("collective", "individual", "mixed") for c in group):
            continue
        if not _HONOUR_FORMULA.match(s.text[group[-1].tail:]):
            continue
        status = "planned" if doc.meta.doc_type == "plan" else _status_before(s, ctx, 0, group[0].start)
        grantor = _grantor_before(s, group[0].start)
        for c in group:
            awards.append(award_row(doc, block, start, s, c, c.who.value, None, form, status, grantor, False))
    return awards


@component("awards")
def awards(doc: Document) -> None:
    for block, block_sentences in prose(doc):
        ctx = _Context()
        for s in block_sentences:
            doc.awards += read_sentence(doc, block, s.start, s.end, ctx)
    doc.awards += table_awards(doc)
    doc.awards = drop_restated_headlines(doc, doc.awards)
    # An award count is never an indicator figure: "25 hộ gia đình" of an award list is one.
    counted = {a.char_start for a in doc.awards}
    doc.figures = [f for f in doc.figures if f.char_start not in counted]
