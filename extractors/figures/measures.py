"""What a figure measures, read from the words around its number.

A quantity of a sentence is `value`, `target`, `pct_of_plan`, `pct_of_prior`, `change_pct` or
`change`, with a comparator and the period it is about. Vietnamese reports say it this way:
- a hedge stands between the change word and the number ("tăng trên 16%", "giảm khoảng 3%"):
  the hedge is the comparator, the word before it still makes a change;
- a plan is named after the percent ("đạt 102% KH", "bằng 105% tỉnh giao", "đạt 99% so với kế
  hoạch huyện") or before it ("so với dự toán năm, ... đạt 46%"), or not at all when "đạt X%"
  follows an amount or an actual/plan pair of the same subject ("8.119ha/8.100ha đạt 100,2%",
  "766 tấn, đạt 101,5%"): a percent after an amount is not that amount's value;
- a rate's change is in points (`change`), an amount's in percent (`change_pct`); a signed figure
  in parentheses after a change restates it in the other measure ("giảm 1,6% (-673 ha)",
  "tăng 410 tỷ đồng (+7,1%)"); "giảm tỷ lệ hộ nghèo ... 0,5%" changes the rate it names;
- "từ X lên/xuống (còn) Y", "X → Y", "so với X": X is the prior period's figure
  (`period_ref` = `prior`), Y this period's;
- targets: "phấn đấu", "đặt mục tiêu", "đến năm 20xx" and a target list's head make the rest of
  their paragraph targets;
  "trở lên" after a number, "ít nhất", "xuống dưới", "(KH: 70)" make one; a change that is a
  target stays signed ("phấn đấu đàn bò tăng 3%" → target 3, "giảm 5%" → −5).
Words are in lexicons/relations.tsv; this module only orders the questions.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.lexicon import lexicon_cache

from . import catalogue as cat
from .numbers import Quantity
from ..text.patterns import lazy

CURRENT, PRIOR = "current", "prior"
_COMPARATORS = (("before_le", "le"), ("before_approx", "approx"), ("before_lt", "lt"),
                ("before_ge", "ge"), ("before_gt", "gt"))
_LEADING_PERCENT = lazy(r"^[\s%]+")
_LEADING_SO = lazy(r"^\s*so(?:\s+với)?\s+", regex.IGNORECASE)
_REFERENCE_END = lazy(r"\s*(?:[,;(]|\bso\b|\bbằng\b|\bvà\b|\btăng\b|\bgiảm\b|\.(?:\s|$))")
_EQUAL_TO = lazy(r"bằng\s*$")
_SIGNED_PAREN = lazy(r"\(\s*(?P<sign>[+\-−–])?\s*$")
_CLAUSE_BREAK = lazy(r"[;.\n]")
_CLAUSE_AFTER = lazy(r"^\s*(?:[,;.)…]|$|(?:tăng|giảm|so|bằng|và|vượt)(?!\p{L}))", regex.IGNORECASE)
# "8.119ha/8.100ha đạt 100,2%": the plan half of a pair; "36 triệu đồng/người/năm, đạt 120%": a per-unit
_PAIR_REST = lazy(r"^(?:\s*/\s*(?:\d[\d.,]*\s*)?\p{L}*)+")


@dataclass(frozen=True, slots=True)
class Previous:
    """The figure read just before, in the same sentence, as far as the measure needs it."""

    measure: str
    unit: str
    denominator: float | None
    rate: bool  # its subject is a rate (a change of it is in points)
    negative: bool = False  # a change downwards


@dataclass(frozen=True, slots=True)
class Reading:
    """What a quantity measures. `target` says the figure is planned: the caller turns
    `value`, `pct_of_plan` and changes into `target` after it has chosen the indicator code."""

    measure: str
    value: float  # signed for changes
    reference: str | None
    comparator: str
    period_ref: str
    target: bool
    inferred: bool = False  # read from the context, not from words at the number: lower confidence


@lexicon_cache
def _hedges() -> regex.Pattern:
    """Every comparator word before a number, and the words that say how a change is spread
    ("giảm bình quân 6,7%/năm"), as a run at the end of a text."""
    roles = [role for role, _ in _COMPARATORS] + ["change_modifier"]
    words = "|".join(cat.relation(role).pattern for role in roles)
    return regex.compile(rf"(?:(?:{words})[\s:=]*)+$", regex.IGNORECASE)


def strip_hedges(gap: str) -> str:
    """The gap without the comparator words that end it: "tăng trên " → "tăng ",
    "giảm bình quân " → "giảm "."""
    m = _hedges().search(gap)
    return gap[:m.start()] if m and m.start() < len(gap) else gap


def comparator(gap: str, post: str, q: Quantity) -> str:
    if q.bound == "low":
        return "ge"
    if q.bound == "high":
        return "le"
    if cat.starts_with("after_ge", post):
        return "ge"
    for role, name in _COMPARATORS:
        if cat.ends_with(role, gap):
            return name
    return "eq"


def reference(post: str) -> str:
    """The plan as written after the percent: "% so với dự toán tỉnh giao" → "dự toán tỉnh giao"."""
    text = _LEADING_SO.sub("", _LEADING_PERCENT.sub("", post))
    text = _REFERENCE_END.split(text, maxsplit=1)[0]
    return text.strip()[:60]


def is_prior(gap: str, post: str) -> bool:
    """Is the number the prior period's figure of a "từ X lên Y", "X → Y" or "so với X"?"""
    if cat.ends_with("prior_from", gap):
        clause = _CLAUSE_BREAK.split(post, maxsplit=1)[0]
        return len(clause) == len(post) and cat.ends_with("level", post) is not None
    return cat.starts_with("prior_arrow", post) is not None or cat.ends_with("prior_against", gap) is not None


_HEADLINE = 250
_OPENING = 40  # where a paragraph's time phrase stands ("Trong năm 2024, ...")
_RESULT_REACH = 30  # "Kết quả thực hiện các chỉ tiêu:": result words right before the head
_YEAR = lazy(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass(slots=True)
class TargetScope:
    """Targets that earlier text opened: a target cue ("Phấn đấu năm 2025, ...", "Mục tiêu năm
    2025: ...") or a target list's head ("Các chỉ tiêu chủ yếu năm 2025 là:") makes the rest of
    its paragraph targets (press summaries of a resolution go on "Trong đó, ...", "; đàn bò tăng
    2%"), and the next paragraphs of its section until a sentence speaks of results ("ước",
    "đã", "năm qua"). `year` is the document's own: "đến năm 2022" in a 2023 report is a past
    count, not a goal."""

    year: int | None = None
    open: bool = False
    section: tuple[str, ...] = ()
    for_year: int | None = None  # the latest year the opening sentence names ("Năm 2025, phấn đấu ...")
    carried: bool = False  # opened in an earlier paragraph
    document: bool = False  # a headline announces a resolution on the year's tasks: its figures are targets
    results: bool = False  # the current sentence speaks of results

    @property
    def paragraph(self) -> bool:
        """Does the document's headline make the current sentence's figures targets?"""
        return self.document and not self.results

    def enter(self, section: tuple[str, ...], text: str) -> None:
        """A new block: a list goes on into the next paragraph of the same section ("... tăng 7%."
        then "Thu ngân sách đạt 161 tỷ đồng; ..."), unless it opens on an earlier year ("Trong
        năm 2024, ...")."""
        opening = [int(y) for y in _YEAR.findall(text[:_OPENING])]
        if section != self.section or (self.for_year is not None and opening and min(opening) < self.for_year):
            self.open = False
        self.carried = self.open
        self.section = section

    def before(self, sentence: str) -> None:
        """A sentence that speaks of results ends a list carried from an earlier paragraph."""
        self.results = cat.relation_search("result_marker", sentence) is not None
        if self.results and self.carried:
            self.open = self.carried = False

    def after(self, sentence: str) -> None:
        """Update the scope once `sentence` is read."""
        if not self.open and (_is_list_head(sentence) or _in_target_clause(sentence, self.year)):
            self.open, self.carried = True, False
            self.for_year = max((int(y) for y in _YEAR.findall(sentence)), default=None)

    def leave(self, had_figures: bool) -> None:
        """A paragraph without figures (a caption, a remark) ends the list."""
        self.open = self.open and had_figures


def _negated(before_cue: str) -> bool:
    return cat.ends_with("not_target_cue", before_cue.rstrip(" ,")) is not None


def _in_target_clause(before: str, year: int | None) -> bool:
    """Does a target cue ("phấn đấu", "đặt mục tiêu", "đến năm 2025") govern the rest of the
    sentence up to the number? A cue that a past, an effort or a result word cancels does not,
    nor a year that is not after the document's."""
    for cue in reversed(cat.relation_finditer("target_cue", before)):
        if _negated(before[:cue.start()]):
            continue
        named = _YEAR.search(cue.group(0))
        if named is None or year is None or int(named.group(0)) > year:
            return True
    return False


def _is_list_head(sentence: str) -> bool:
    """"Các chỉ tiêu chủ yếu năm 2025 là: ..." opens a target list; "Kết quả thực hiện các chỉ
    tiêu:" opens results."""
    head = cat.relation_search("target_head", sentence)
    near = sentence[max(0, head.start() - _RESULT_REACH):head.end()] if head else ""
    return head is not None and not cat.relation("result_head").search(near)


def _is_target(q: Quantity, gap: str, core: str, post: str, before: str, scope: TargetScope) -> bool:
    """A count "trở lên" is a class bound ("12 xã đạt 15 tiêu chí trở lên"), not a target."""
    return (cat.ends_with("target_label", core) is not None
            or cat.ends_with("target_bound", gap) is not None
            or (q.unit != "count" and cat.starts_with("after_ge", post) is not None)
            or _in_target_clause(before, scope.year)
            or _is_list_head(before))


def _linked(core: str) -> bool:
    return cat.ends_with("plan_link", core) is not None


def _prior_before(core: str, first: bool) -> bool:
    """"So với cùng kỳ năm trước, tổng thu đạt 108%": the same period named before the first
    percent of a sentence (after a figure, "so CK" is that figure's: "bằng 107% so CK, tốc độ
    tăng ... đạt 13%")."""
    return first and _linked(core) and cat.relation("prior_before").search(core) is not None


def _plan_before(core: str) -> str | None:
    """"so với dự toán năm, thu ngân sách đạt 46%": the plan named before the percent."""
    if not _linked(core):
        return None
    m = cat.relation("plan_before").search(core)
    return m.group(0) if m else None


def _change(core: str) -> tuple[bool, float]:
    """(is a change, sign) from the words that end the gap: "tăng", "giảm", not "giảm xuống còn"."""
    if cat.ends_with("level", core):
        return False, 1.0
    if cat.ends_with("decrease", core):
        return True, -1.0
    return cat.ends_with("increase", core) is not None, 1.0


def _verb_before_subject(core: str, rate_subject: bool) -> tuple[bool, float]:
    """"giảm tỷ lệ hộ nghèo năm 2024 là 0,6%", "giảm diện tích trồng mì 10,4%": the verb before
    the subject makes the percent its change, unless a level word comes between ("giảm tỷ lệ hộ
    nghèo xuống còn 3%") or, for an amount, "đạt" ("tăng giá trị sản xuất đạt 5%" is no change)."""
    found = list(cat.relation("subject_change").finditer(core))
    if not found:
        return False, 1.0
    rest = core[found[-1].end():]
    if "(" in rest or cat.relation("level").search(rest) or (not rate_subject and cat.relation("plan_link").search(rest)):
        return False, 1.0
    return True, -1.0 if cat.relation("decrease").match(found[-1].group(0)) else 1.0


def read(q: Quantity, gap: str, post: str, before: str, sentence: str, prev: Previous | None,
         rate_subject: bool, scope: TargetScope) -> Reading:
    """The measure of quantity `q`: `gap` is the text since the previous quantity, `post` the text
    after its unit up to the next one, `before` the sentence up to it; `scope` the targets that
    earlier sentences of the block opened."""
    comp = comparator(gap, post, q)
    if is_prior(gap, post):
        return Reading("value", q.value, None, "eq", PRIOR, False)
    core = strip_hedges(gap)
    marked = _is_target(q, gap, core, post, before, scope)
    target = scope.open or marked
    measure, value, ref = _measure(q, gap, core, post, sentence, prev, rate_subject)
    change, sign = _change(core)
    if target and change and measure == "pct_of_plan":  # a target "tăng 7% so với dự toán" keeps its growth
        value = sign * q.value
    inferred = (target and not marked) or (measure == "pct_of_plan" and ref is None)
    return Reading(measure, value, ref, comp, CURRENT, target, inferred)


def _measure(q: Quantity, gap: str, core: str, post: str, sentence: str, prev: Previous | None,
             rate_subject: bool) -> tuple[str, float, str | None]:
    change, sign = _change(core)
    signed = _SIGNED_PAREN.search(gap)
    restated = cat.ends_with("restated", core)
    if q.sign and prev is not None and prev.measure in ("change", "change_pct"):  # figvalues: "(-673 ha)"
        return ("change_pct" if q.unit == "percent" and not (rate_subject or prev.rate) else "change"), q.sign * q.value, None
    if (signed or restated) and prev is not None and prev.measure in ("change", "change_pct"):
        # "giảm 1,6% (-673 ha)", "tăng 7,7% tương đương 1,6 triệu đồng": the change in the other measure
        if signed and signed.group("sign"):
            sign = -1.0 if signed.group("sign") in ("-", "−", "–") else 1.0
        else:
            sign = -1.0 if prev.negative else 1.0
        if q.unit == "percent" and not (rate_subject or prev.rate):
            return "change_pct", sign * q.value, None
        return "change", sign * q.value, None
    prior_cue = "cùng kỳ" if cat.relation("prior_cue").search(post) else None
    if q.unit != "percent":
        return ("change", sign * q.value, prior_cue) if change else ("value", q.value, None)
    if cat.starts_with("plan_ref", post):  # "vượt 51% so với tỉnh giao" is 151% of the plan
        return "pct_of_plan", (100.0 + sign * q.value) if change else q.value, reference(post)
    if change:
        return ("change" if rate_subject else "change_pct"), sign * q.value, prior_cue
    if cat.starts_with("prior_ref", post):
        return "pct_of_prior", q.value, "cùng kỳ"
    if (plan := _plan_before(core)) is not None:
        return "pct_of_plan", q.value, plan
    if _EQUAL_TO.search(core) and cat.relation("prior_cue").search(sentence):
        return "pct_of_prior", q.value, "cùng kỳ"
    if (prev is not None and prev.unit != "percent" and prev.measure in ("value", "target")
            and cat.relation("plan_link").fullmatch(_PAIR_REST.sub("", core).strip(" ,"))
            and _CLAUSE_AFTER.match(post)):  # not "1.057/1.122 hộ, đạt 94,2% gia đình văn hóa": a share
        return "pct_of_plan", q.value, None  # "766 tấn, đạt 101,5%", "8.119ha/8.100ha đạt 100,2%"
    verb, sign = _verb_before_subject(core, rate_subject)
    if verb:
        return ("change" if rate_subject else "change_pct"), sign * q.value, prior_cue
    if cat.relation("growth_subject").search(gap) and not rate_subject:
        return "change_pct", q.value, None
    if _prior_before(core, prev is None):
        return "pct_of_prior", q.value, "cùng kỳ"
    return "value", q.value, None


def target_section(section: tuple[str, ...]) -> bool:
    """Do the headings over a block make its figures targets? The innermost heading that speaks
    of targets ("Phương hướng, nhiệm vụ năm 2025", "Mục tiêu") or of results ("Kết quả thực
    hiện", "Tình hình") decides; a bare "Các chỉ tiêu kinh tế" heads results as often as targets."""
    for label in reversed(section):
        if cat.relation("result_section").search(label):
            return False
        if cat.relation("target_section").search(label):
            return True
    return False


def earlier_results_section(section: tuple[str, ...], year: int | None) -> bool:
    """Is a block under a heading of results of a year before the document's? A plan (or a
    half-year report) often opens with the previous year's results ("I. ĐÁNH GIÁ KẾT QUẢ THỰC
    HIỆN NĂM 2024" in a plan for 2025): those figures are that year's results, neither targets
    nor the document's own period. The innermost heading of results or targets decides, and only
    when every year it names is before the document's ("giai đoạn 2021-2025" is not)."""
    if year is None:
        return False
    for label in reversed(section):
        if cat.relation("result_section").search(label):
            years = [int(y) for y in _YEAR.findall(label)]
            return bool(years) and max(years) < year
        if cat.relation("target_section").search(label):
            return False
    return False


def plan_document(doc_type: str | None, doc_kind: str | None, title: str | None) -> bool:
    """Are all of a document's figures targets? An official plan's are (its header says Kế
    hoạch), and so are those of a resolution that adopts a plan or the year's tasks ("Nghị quyết
    về Kế hoạch phát triển kinh tế - xã hội năm 2025"), unless its title speaks of results. A
    press text without a header that is a `plan` by its content also reports results ("Năm
    2024, xã đạt ...; năm 2025 phấn đấu ..."): its targets are read sentence by sentence."""
    if doc_type == "plan" and doc_kind is not None:
        return True
    return (doc_kind == "resolution" and title is not None
            and cat.relation("plan_title").match(title.strip()) is not None
            and not cat.relation("result_section").search(title))


def headline_plan(text: str) -> bool:
    """A text without a header whose first line announces a resolution or plan on the year's
    tasks ("Huyện X: Nghị quyết của HĐND huyện về nhiệm vụ và giải pháp ... năm 2025"): a press
    summary of its targets."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return (len(first) <= _HEADLINE and cat.relation("plan_headline").search(first) is not None
            and not cat.relation("result_section").search(first))
