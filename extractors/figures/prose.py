"""Indicator figures of running text: quantity, measure, subject, indicator code, evidence.

Each sentence is read left to right. For every quantity the number grammar finds:
- the *gap* (text since the previous quantity) names its subject, its comparator, whether it
  is an estimate and whether it is a change ("tăng 13,2%");
- the text right after it says what a percentage is of ("%KH", "so với cùng kỳ");
- a figure whose gap names no subject takes the subject of the one before it ("1.068 tỷ đồng,
  đạt 101,1%KH, bằng 107,76% so CK" are three figures of one indicator), and a sector named
  alone ("dịch vụ tăng 15,7%") takes the head the block is speaking of ("giá trị sản xuất");
- the section supplies the sector when the sentence does not ("Giá trị sản xuất ngành ..."
  under "Trong lĩnh vực công nghiệp");
- in a plan, and under a "phương hướng, nhiệm vụ" section of a report, figures are targets;
- a sign in brackets makes a change ("(-673 ha)"), a unit a list head states ("ĐVT: ha") is the
  unit of bare items, a headline repeating the body gives one row (repeats.py), and nothing
  after a page's "Tin liên quan" is read (page.py).
All words live in lexicons (indicator_forms, sectors, families, relations, qualifiers).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace

import regex

from pipeline import lexicon
from pipeline.components import component
from pipeline.lexicon import lexicon_cache
from pipeline.model import Block, Document, Figure

from . import catalogue as cat
from . import heads, subject_model
from ..text.layout import prose
from ..text.needles import FilteredGroup
from . import measures
from .declared_units import Declared, in_force
from .numbers import Quantity, document_separators, quantities, unglued
from .page import own_text_end
from .repeats import without_repeats
from .target_year import sentence_year
from ..text.patterns import lazy

EXTRACTOR = "rules.sentence"
INFERRED_MEASURE = 0.1  # confidence lost when the measure comes from the context, not the words at the number
UNCERTAIN_SEPARATOR = 0.7  # confidence factor of a figure whose separator its document leaves open
MAX_SUBJECT = 100
_TRIM_SUBJECT = lazy(
    r"[\s,:;=(\-–]*(?:(?<!\p{L})(?:ước\s*|dự kiến\s*)?(?<!\p{L})(?:thực hiện|đạt|là|được|có|chiếm|còn|duy trì|ở mức|bằng|với|tăng|giảm|"
    r"lên|khoảng|trên|dưới|từ|gần|hơn|mức|cho|tổng số|tổng|số|tỷ lệ|tỉ lệ)\s*)*[\s,:;=(\-–]*$",
    regex.IGNORECASE,
)  # whole words only: "nhà nước là" keeps its "nước"
_RATE_WORDS = lazy(r"tỷ lệ|tỉ lệ", regex.IGNORECASE)
_CLAUSE_END = lazy(r"[,;(]|\s-\s|\.(?:\s|$)")
_STRONG_END = lazy(r"[;(]|\.(?:\s|$)")
_ABOUT = lazy(r"^\s*(?:về|đối với)\s+", regex.IGNORECASE)
_WHOLE_AREA = lazy(r"tổng|trên địa bàn|toàn (?:huyện|xã|thị trấn|phường|tỉnh)", regex.IGNORECASE)
_LETTER = lazy(r"\p{L}")
_PHRASE_END = lazy(r"[,;:(]|\s-\s|\.(?:\s|$)")
_LIST_GAP = lazy(r"[\s,]*(?:và)?\s*")
_DIGIT = re.compile(r"\d")  # what the number grammar's numbers start with (Unicode decimal digits, as `regex`'s \d)


@dataclass(slots=True)
class _Subject:
    """What the text is speaking of, carried from figure to figure."""

    code: str | None = None
    text: str = ""
    qualifier: str | None = None
    family: str | None = None
    direct: bool = False
    sector: str | None = None  # the sector the block spoke of last ("Sản xuất công nghiệp tăng trưởng khá")
    after_end: int = 0  # when named after the number: where that name ends (in the text after it)
    targets: measures.TargetScope = field(default_factory=measures.TargetScope)
    rate: str | None = None  # the share just given of the count `code` ("1.200 hộ nghèo, chiếm 3,1%")
    previous: tuple[str, str] | None = None  # (code, subject) the sentence before ended on, for one
    # that opens with a link word


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    kind: str  # "code", "sector", "family"
    value: str


def _hits(text: str) -> list[_Hit]:
    return list(_cached_hits(text))


@lexicon_cache
def _subject_forms() -> tuple[tuple[tuple[str, str], ...], FilteredGroup]:
    """(kind, value) of every indicator, sector and family form, and their patterns as one group."""
    kinds = (("code", cat.indicator_forms()), ("sector", cat.sector_forms()), ("family", cat.family_forms()))
    forms = [(kind, form) for kind, group in kinds for form in group]
    return tuple((kind, form.value) for kind, form in forms), FilteredGroup(form.pattern for _, form in forms)


@functools.lru_cache(maxsize=4096)
def _cached_hits(text: str) -> tuple[_Hit, ...]:
    values, group = _subject_forms()
    return tuple(_Hit(m.start(), m.end(), *values[i]) for i, m in group.finditer(text))


def _nearest(hits: list[_Hit], kind: str) -> _Hit | None:
    chosen = [h for h in hits if h.kind == kind]
    return max(chosen, key=lambda h: (h.end, h.end - h.start), default=None)


@lexicon_cache
def _sector_group() -> FilteredGroup:
    return FilteredGroup(form.pattern for form in cat.sector_forms())


def _sector_named(text: str) -> str | None:
    """The sector `text` names last: `_nearest(_hits(text), "sector")`, from the sector forms
    alone. Every sentence asks, and most hold no figure that would need their other hits."""
    group = _sector_group()
    if not group.candidates(text):
        return None  # most sentences name no sector: no generator, no list
    forms = cat.sector_forms()
    hits = [_Hit(m.start(), m.end(), "sector", forms[i].value) for i, m in group.finditer(text)]
    sector = _nearest(hits, "sector")
    return sector.value if sector else None


def _section_sector(block: Block) -> str | None:
    return _labels_sector(block.section)


@functools.lru_cache(maxsize=1024)
def _labels_sector(section: tuple[str, ...]) -> str | None:
    """Cached: every figure of a section may ask, and a document has few distinct sections."""
    for label in reversed(section):
        sector = _sector_named(label)
        if sector is not None:
            return sector
    return None


def _combine(family: str, sector: str | None) -> str | None:
    """family + sector -> code: "production_value" + "industry", or a family written as a
    template ("{sector}_revenue" + "transport" -> transport_revenue), which needs a sector."""
    if "{sector}" in family:
        code = family.replace("{sector}", sector) if sector else None
    else:
        code = f"{family}_{sector}" if sector else family
    return code if code in cat.indicators() else None


def _qualifier(text: str) -> str | None:
    return ", ".join(text[start:end] for start, end, _ in heads.qualifiers(text)) or None


_PHYSICAL = {"VND", "USD", "ha", "m2", "km", "km2", "m3", "tonne", "kg", "quintal_per_ha", "kwh", "litre"}


def compatible(code: str, unit: str) -> bool:
    """Can a figure in `unit` be a value of indicator `code`? A percentage can be a share or a
    relation of anything; an amount must be of the indicator's kind (money is not a count)."""
    wanted = cat.indicators()[code].unit if code in cat.indicators() else "any"
    if unit == "percent" or wanted in ("any", unit):
        return True
    if wanted == "percent":
        return False
    return not ({wanted, unit} & _PHYSICAL) or (wanted in _PHYSICAL and unit in _PHYSICAL and wanted == unit)


@dataclass(frozen=True, slots=True)
class _Candidate:
    code: str
    start: int
    end: int
    adjacent: bool  # nothing but relation words between the phrase and the number
    combined: bool = False  # a sector joined to the head the text speaks of: wins a tie


def _gap_candidates(gap: str, block: Block | None, state: _Subject) -> list[_Candidate]:
    hits = _hits(gap)
    family = _nearest(hits, "family")
    if family is not None:
        state.family = family.value
    found: list[_Candidate] = []
    for hit in hits:
        if hit.kind == "code":
            found.append(_Candidate(hit.value, hit.start, hit.end, False))
        elif hit.kind == "sector" and state.family:
            combined = _combine(state.family, hit.value)
            if combined:
                start = family.start if family and family.end <= hit.start else hit.start
                found.append(_Candidate(combined, start, hit.end, False, True))
    if family is not None and not any(h.kind == "sector" and h.start >= family.start for h in hits):
        whole_area = _WHOLE_AREA.search(gap[max(0, family.start - 12):])
        sector = None if whole_area else (state.sector or (_section_sector(block) if block else None))
        combined = _combine(family.value, sector) or _combine(family.value, None)
        if combined:
            found.append(_Candidate(combined, family.start, family.end, False))
    return [_Candidate(c.code, c.start, c.end, _only_link_words(gap[c.end:]), c.combined) for c in found]


def _only_link_words(text: str) -> bool:
    """Is `text` nothing but what `_TRIM_SUBJECT` trims ("đạt", "là", ...), i.e. is
    `_TRIM_SUBJECT.sub("", text)` blank? One anchored match instead of a substitution that tries
    every position (the pattern ends at `$`, and its leading class takes white space)."""
    return _TRIM_SUBJECT.match(text.lstrip()) is not None


def _post_candidates(post: str) -> list[_Candidate]:
    """Subjects named right after the number: "09 doanh nghiệp mới thành lập", "100% số hộ
    dùng nước hợp vệ sinh", "06 thanh niên lên đường nhập ngũ". The name starts in the number's
    clause and may run on over a list's commas ("287 làng, khu phố văn hóa")."""
    window = _STRONG_END.split(post, maxsplit=1)[0][:120]
    clause_end = len(_CLAUSE_END.split(window, maxsplit=1)[0])
    about = _ABOUT.match(window)
    return [_Candidate(h.value, h.start, h.end, bool(about) or h.start < 30)
            for h in _hits(window) if h.kind == "code" and h.start < clause_end]


def _subject(gap: str, post: str, q: Quantity, block: Block, state: _Subject, unit_after: str = "") -> _Subject:
    """The subject of a quantity: a phrase just before it, a phrase just after it, a phrase
    further before it, an enumeration item ("lúa 6.194 ha"), or the subject carried from the
    figure before, in that order. A head the qualifiers narrow (heads.py) gives its code."""
    unit = q.unit or "percent"
    before = [c for c in _gap_candidates(gap, block, state) if compatible(c.code, unit)]
    after = [c for c in _post_candidates(post) if compatible(c.code, unit)]
    after_clause = heads.first_clause(unit_after)

    def best(cands: list[_Candidate]) -> _Candidate:
        return max(cands, key=lambda c: (c.end, c.end - c.start, c.combined))

    def named_after(cands: list[_Candidate]) -> _Subject:
        chosen = min(cands, key=lambda c: (c.start, -(c.end - c.start)))
        phrase = post[chosen.start:chosen.end]
        narrowed = heads.narrowed(chosen.code, phrase, "", unit)
        code = narrowed.code if narrowed and compatible(narrowed.code, unit) else chosen.code
        return _Subject(code, phrase.strip(), _qualifier(phrase), state.family, True, state.sector, chosen.end)

    adjacent = [c for c in before if c.adjacent]
    if adjacent:
        chosen = best(adjacent)
    elif [c for c in after if c.adjacent]:
        return named_after([c for c in after if c.adjacent])
    elif before:
        chosen = best(before)
    elif after:
        return named_after(after)
    else:
        item = heads.enumeration_item(heads.last_clause(gap), after_clause, unit)
        if item is not None and compatible(item.code, unit):
            return _Subject(item.code, item.qualifier, item.qualifier, state.family, True, state.sector)
        if state.previous is not None and _LETTER.search(gap) and _only_link_words(gap) \
                and compatible(state.previous[0], unit):
            return replace(state, code=state.previous[0], text=state.previous[1])  # "...đạt 33% dự toán; bằng 90% so với cùng kỳ"
        if state.rate is not None and unit == "percent":
            return replace(state, code=state.rate)  # "..., chiếm 3,1%, giảm 0,4%": the share changes
        if state.code is not None and compatible(state.code, unit):
            return state
        return _Subject(None, "", None, state.family, False, state.sector)
    head_clause = gap[chosen.start - len(heads.last_clause(gap[:chosen.start])):]
    narrowed = heads.narrowed(chosen.code, head_clause, after_clause, unit)
    if narrowed and compatible(narrowed.code, unit):
        code, qualifier = narrowed.code, narrowed.qualifier
    else:
        code, qualifier = chosen.code, _qualifier(head_clause)
    phrase = _TRIM_SUBJECT.sub("", gap[chosen.start:])[:MAX_SUBJECT].strip() or gap[chosen.start:chosen.end]
    return _Subject(code, phrase, qualifier, state.family, True, state.sector)


def _fallback_subject(gap: str, q: Quantity, named_after: str) -> str:
    """A subject no lexicon knows, as written: the words before the figure when a verb such as
    "đạt" links them to it ("Số cây xanh trồng mới đạt 1.450 cây"), else what a count counts
    ("Trong năm tổ chức 18 lớp tập huấn khuyến nông")."""
    trimmed = _TRIM_SUBJECT.sub("", gap)
    linked = bool(_LETTER.search(gap[len(trimmed):])) and bool(trimmed.strip())
    if q.unit == "count" and not linked:
        phrase = _PHRASE_END.split(named_after, maxsplit=1)[0].split()[:6]
        if phrase:
            return " ".join(phrase)
    return " ".join(trimmed.split()[-8:]) or (q.raw_unit or "")


def _plan_document(doc: Document) -> bool:
    return measures.plan_document(doc.meta.doc_type, doc.meta.doc_kind, doc.meta.title)


def _guess(gap: str, named_after: str, unit: str) -> subject_model.Guess | None:
    """The subject model's code for a figure no lexicon form names (None: off, or `other`)."""
    model = subject_model.active()
    if model is None:
        return None
    guess = model.guess(subject_model.query(gap, named_after), lambda code: compatible(code, unit))
    return guess if guess.code != subject_model.OTHER else None


@functools.lru_cache(maxsize=1024)
def _in_target_section(section: tuple[str, ...]) -> bool:
    """Cached: every sentence of a block asks, and a document has few distinct sections."""
    return measures.target_section(section)


def _past_for_a_plan(doc: Document, year: int | None) -> bool:
    """A year a plan cannot set targets for: before the year it plans for and not after the year
    it was issued ("Năm 2024, thu nhập bình quân đạt ..." in a plan issued in January 2025 for
    2025 is the result it starts from). A five-year plan's milestone ("đến năm 2023" in a plan of
    2021 for 2025) is after its issue, so it stays a target."""
    issued = doc.meta.issued_date
    if year is None or doc.meta.period_year is None or not issued or not issued[:4].isdigit():
        return False
    return year < doc.meta.period_year and year <= int(issued[:4])


@functools.lru_cache(maxsize=1024)
def _in_earlier_results(section: tuple[str, ...], year: int | None) -> bool:
    return measures.earlier_results_section(section, year)


def read_sentence(doc: Document, block: Block, start: int, end: int, state: _Subject,
                  declared: Declared | None = None) -> list[Figure]:
    text = doc.text[start:end]
    state.previous = (state.code, state.text) if state.code is not None else None
    state.code, state.text, state.qualifier, state.direct, state.rate = None, "", None, False, None
    if _DIGIT.search(text) is None:
        return []  # no number, no figure (most sentences of a report): the grammar is not asked
    found = quantities(text, document_separators(doc.text))
    earlier = _in_earlier_results(block.section, doc.meta.period_year)  # the year before's results
    plan_document = _plan_document(doc)
    in_targets = _in_target_section(block.section) or state.targets.paragraph
    figures: list[Figure] = []
    prev_end = 0
    last_estimate = False
    last_figure: measures.Previous | None = None  # the figure before, in this sentence
    for i, q in enumerate(found):
        gap = unglued(text[prev_end:q.start])
        next_start = found[i + 1].start if i + 1 < len(found) else len(text)
        post = text[q.span_end:next_start]
        after = text[q.end:next_start]
        named_after = after.lstrip("% ")  # "09 doanh nghiệp mới thành lập": the noun is the unit
        after_start = q.end + len(after) - len(named_after)
        unit = q.unit
        if unit == "" and declared is not None and q.denominator is None:
            unit = declared.unit  # "(ĐVT: ha)" over the list: "+ Lúa: 507"
            q = replace(q, value=q.value * declared.factor, unit=unit, raw_unit=declared.raw, factor=declared.factor)
        if unit == "":
            if not _RATE_WORDS.search(text[:q.start]):
                continue  # a bare number is a figure only after "tỷ lệ" (a rate without %);
                # it stays in the next figure's gap ("Tổng thu ... quý 1/2023 là 401 tỷ đồng")
            unit = "percent"
            q = replace(q, unit="percent", raw_unit=None, denominator=None)
        prev_end = q.span_end
        subject = _subject(gap, named_after, q, block, state, post)
        if subject.after_end:  # "tăng 2,3% về hàng hóa": that name is this figure's, not the next one's
            prev_end = max(prev_end, after_start + subject.after_end)
        rate_subject = subject.code in cat.indicators() and cat.indicators()[subject.code].unit == "percent"
        reading = measures.read(q, gap, post, text[:q.start], text, last_figure, rate_subject, state.targets)
        past = earlier or (plan_document and _past_for_a_plan(doc, sentence_year(text, q.start)))
        plan_like = (plan_document and not past) or in_targets
        measure, value, reference = reading.measure, reading.value, reading.reference
        code = subject.code or "other"
        guess = _guess(gap, named_after, unit) if subject.code is None else None  # a form may say `other`
        if guess is not None:
            code = guess.code
        if measure == "value" and unit == "percent" and code in cat.indicators() and cat.indicators()[code].rate_code:
            code = cat.indicators()[code].rate_code  # "35 hộ nghèo, chiếm 1,21%" is the poverty rate
        last_figure = measures.Previous(measure, unit, q.denominator, rate_subject, value < 0)
        if (reading.target or plan_like) and reading.period_ref == measures.CURRENT and measure != "pct_of_prior":
            measure, reference = "target", None
        # "ước đạt 569 nghìn tấn hàng hóa, 432 nghìn lượt khách": one "ước" for the whole list.
        estimate = cat.relation("estimate").search(gap) is not None or (
            last_estimate and _LIST_GAP.fullmatch(gap) is not None)
        last_estimate = estimate
        indicator = cat.indicators().get(code) or cat.indicators()["other"]
        confidence = 0.9 if subject.direct and code != "other" else 0.75 if code != "other" else 0.5
        if guess is not None:
            confidence = round(0.5 + 0.2 * guess.confidence, 3)  # a model's code: below the lexicon's
        if reading.inferred or (measure == "target" and state.targets.paragraph):
            confidence -= INFERRED_MEASURE  # a target carried from a headline or list, a plan left unnamed
        if q.uncertain:
            confidence *= UNCERTAIN_SEPARATOR  # "31,558 tấn" in a text that writes both ways
        figures.append(Figure(
            indicator=code,
            indicator_vi=indicator.label_vi,
            subject=subject.text or _fallback_subject(gap, q, named_after),
            qualifier=subject.qualifier,
            measure=measure,
            value=value,
            unit=unit,
            raw_value=q.raw,
            raw_unit=q.raw_unit,
            denominator=q.denominator,
            comparator=reading.comparator,
            is_estimate=measure == "value" and estimate,
            reference=reference,
            period_ref=measures.PRIOR if past and measure != "target" else reading.period_ref,
            char_start=start + q.start,
            char_end=start + q.end,
            sentence=text,
            page=block.page,
            extractor=EXTRACTOR,
            confidence=confidence,
        ))
        named = subject.code  # before the state changes: a carried subject is the state itself
        state.previous = None  # only a sentence's first figure may take the sentence before's
        state.code, state.text, state.qualifier, state.direct = code if code != "other" else None, subject.text, subject.qualifier, False
        state.rate = None
        if code in cat.indicators() and measure == "value" and unit == "percent" and code != named:
            state.code, state.rate = named, code  # "35 hộ nghèo, chiếm 1,21% (tăng 3 hộ)": the count carries on
    return figures


@component("figures")
def figures(doc: Document) -> None:
    groups: list[list[Figure]] = []
    declared: Declared | None = None
    end = own_text_end(doc)
    targets = measures.TargetScope(doc.meta.period_year)
    targets.document = doc.meta.doc_kind is None and measures.headline_plan(doc.text)
    for block, block_sentences in prose(doc):
        if block.start >= end:
            break  # "Tin liên quan": other articles' headlines
        targets.enter(block.section, doc.block_text(block))
        state = _Subject(targets=targets)
        declared = in_force(doc, block, declared)
        had_figures = False
        for s in block_sentences:
            text = doc.text[s.start:s.end]
            targets.before(text)
            found = read_sentence(doc, block, s.start, s.end, state, declared)
            groups.append(found)
            had_figures = had_figures or bool(found)
            state.targets.after(text)
            sector = _sector_named(text)
            if sector is not None:
                state.sector = sector
        targets.leave(had_figures)
    doc.figures += without_repeats(groups)  # a headline repeating the body gives no second row


lexicon._ON_CHANGE.append(_cached_hits.cache_clear)
lexicon._ON_CHANGE.append(_in_target_section.cache_clear)
lexicon._ON_CHANGE.append(_in_earlier_results.cache_clear)
lexicon._ON_CHANGE.append(_labels_sector.cache_clear)
