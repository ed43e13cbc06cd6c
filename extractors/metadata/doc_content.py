"""What a document is when its header does not say: from the content (doc_cues.tsv).

Most texts local governments and the press publish are articles and portal posts with no
"BÁO CÁO" or "KẾ HOẠCH" line. Such a text is a `report` when it reports results ("ước đạt",
"so với cùng kỳ", "đạt 102% kế hoạch"), a `plan` when it sets targets ("phấn đấu", "trở lên",
"các chỉ tiêu chủ yếu ... là:"), a `decision` when it publishes one; its title weighs most. A
council's resolution (NGHỊ QUYẾT) whose title names the tasks, plan or targets it sets ("Về nhiệm
vụ phát triển kinh tế - xã hội năm 2024") is a `plan`; a resolution on a theme or anything else
stays `other`.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import regex

from pipeline.components import component
from pipeline.lexicon import lexicon_cache, table
from pipeline.model import Document

from ..text.layout import lead_spans
from .period_mentions import Mention, mentions
from ..text.patterns import lazy

DEFAULT = "report"  # an article about a local government's work reports its results
ORIENTATION = 2.0  # weight of the text's years looking forward (a plan) or back (a report)
FORWARD_ROLES = ("forward", "horizon")
RESOLUTION_PLAN_MIN = 2  # title cue weight that makes a resolution a plan ("Về nhiệm vụ ... năm 2024")
# Statements end at a full stop before a space, a semicolon or a line end: each counts a cue once.
_STATEMENT_END = lazy(r"(?<!\d)[.!?…]+(?=\s)|;|\n")


@dataclass(frozen=True, slots=True)
class DocCue:
    pattern: regex.Pattern
    doc_type: str
    where: str
    weight: float


@lexicon_cache
def doc_cues() -> tuple[DocCue, ...]:
    return tuple(DocCue(regex.compile(rf"(?<!\p{{L}})(?:{r['pattern']})(?!\p{{L}})", regex.IGNORECASE),
                        r["doc_type"], r["where"], float(r["weight"]))
                 for r in table("doc_cues"))


def orientation(found: list[Mention]) -> str | None:
    """`plan` when the periods a text names are mostly ones it plans for ("phương hướng, nhiệm vụ
    năm 2024", "phấn đấu đến năm 2030", "Nghị quyết về ... năm 2024"), `report` when mostly ones
    whose results it gives, None when they weigh the same."""
    ahead = sum(m.weight for m in found if m.role in FORWARD_ROLES)
    behind = sum(m.weight for m in found if m.role == "current")
    return "plan" if ahead > behind else "report" if behind > ahead else None


def scores(title: str, body: str, found: list[Mention] = ()) -> dict[str, float]:
    """Cue weight per kind: title cues once, body cues once per sentence holding them, and the
    orientation of the text's periods."""
    out: dict[str, float] = defaultdict(float)
    if side := orientation(list(found)):
        out[side] += ORIENTATION
    body_sentences = [s for s in _STATEMENT_END.split(body) if s.strip()]
    for cue in doc_cues():
        if cue.where == "title":
            if cue.pattern.search(title):
                out[cue.doc_type] += cue.weight
        else:
            out[cue.doc_type] += cue.weight * sum(1 for s in body_sentences if cue.pattern.search(s))
    return out


def kind_of(title: str, body: str, found: list[Mention] = (), default: str = DEFAULT) -> str:
    """The kind the cues weigh most; `default` when none is heavier."""
    weights = scores(title, body, found)
    best = max(weights, key=lambda k: (weights[k], k == default), default=default)
    return best if weights.get(best, 0) > weights.get(default, 0) else default


@component("doc_content")
def doc_content(doc: Document) -> None:
    meta = doc.meta
    if meta.doc_type is None:
        span, lead_end = lead_spans(doc)
        title = doc.text[span[0]:span[1]] if span else ""
        meta.doc_type = kind_of(title, doc.text, mentions(doc.text, span, lead_end))
    elif meta.doc_kind == "resolution" and scores(meta.title or "", "").get("plan", 0) >= RESOLUTION_PLAN_MIN:
        meta.doc_type = "plan"  # a resolution whose title names the tasks, plan or targets it sets
