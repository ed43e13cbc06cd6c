"""What makes an award row, for the sentence reader and the table reader alike: the counted
number, the sentence's mentions, and the grantor level (a grantor, else a rank that names a
level, else the level the form implies, else the reporting unit's for what its head confers).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from pipeline.model import Award, Block, Document

from .lexicon import Form, Mention
from ..text.patterns import lazy

EXTRACTOR = "rules.award"  # the sentence reader's rows
LEVELS = ("central", "province", "district", "commune")


@dataclass(frozen=True, slots=True)
class Counted:
    """A count of an award sentence and what follows it: a form ("01 bằng khen") or a recipient
    ("10 tập thể"), offsets in the sentence."""

    start: int
    end: int
    value: int
    form: tuple[Mention, Form] | None = None
    who: Mention | None = None

    @property
    def tail(self) -> int:
        return self.form[0].end if self.form else self.who.end


@dataclass(slots=True)
class Sentence:
    """One sentence being read: its text, mentions and what its earlier awards decided."""

    text: str
    forms: list[tuple[Mention, Form]]
    grantors: list[Mention]
    cues: list[Mention]
    counted: list[Counted]
    status: str | None = None  # the status an award of this sentence has taken
    closed: set[int] = field(default_factory=set)  # starts of forms that closed a predicate
    spoken: list[tuple[int, int]] = field(default_factory=list)  # predicate stretches already read


def level_of(grantor: Mention | None, doc: Document) -> str | None:
    if grantor is None:
        return None
    if grantor.value == "above":
        own = doc.meta.admin_level
        return LEVELS[LEVELS.index(own) - 1] if own in LEVELS and own != "central" else None
    return grantor.value


def own_level(doc: Document) -> str | None:
    return doc.meta.admin_level if doc.meta.admin_level in LEVELS else None


# Patterns compiled once: a call of `regex.match(pattern, ...)` looks its pattern up in the
# module's cache (~5 µs), more than the match itself on a short text.
_RANK = lazy(r"hạng\s+(?:Nhất|Nhì|Ba|nhất|nhì|ba|I{1,3})|cấp\s+(?:cơ sở|tỉnh|bộ|huyện|[Nn]hà nước|cao)|"
                      r"cơ sở|toàn quốc|mức cao")
_RANK_LEVELS = ((regex.compile(r"tỉnh|bộ"), "province"), (regex.compile(r"toàn quốc|[Nn]hà nước|cao"), "central"),
                (regex.compile(r"huyện"), "district"))
_OF = lazy(r"^\s*(?:(?:của|do)\s+)?")


def _rank(text: str) -> str | None:
    m = _RANK.search(text)
    return m.group(0) if m else None


def _rank_level(rank: str | None) -> str | None:
    if rank:
        for pattern, level in _RANK_LEVELS:
            if pattern.search(rank):
                return level
    return None


def default_level(form: Form, doc: Document) -> str | None:
    """The level an award implies when neither a grantor nor a rank says it: the form's own (a
    Huân chương is central), or the reporting unit for what its head confers (a bare
    "khen thưởng", Lao động tiên tiến, and everything a decision grants)."""
    if form.default_level and form.default_level != "own":
        return form.default_level
    if form.default_level == "own" or form.award == "commendation" or doc.meta.doc_type == "decision":
        return own_level(doc)
    return None


def grantor_at(s: Sentence, pos: int) -> Mention | None:
    """"của <grantor>", "do <grantor>" or the grantor itself right at `pos` (after a form)."""
    of = _OF.match(s.text[pos:pos + 60])
    at = pos + of.end()
    return next((g for g in s.grantors if g.start == at), None)


def award_row(doc: Document, block: Block, start: int, s: Sentence, c: Counted, recipient: str,
              mention: Mention | None, form: Form, status: str, grantor: Mention | None, of_grantor: bool,
              extractor: str = EXTRACTOR) -> Award:
    """One row; `mention` is the form as named in this sentence (its rank follows it), or None."""
    rank = _rank(s.text[mention.start:mention.end + 20]) if mention is not None else None
    rank_level = _rank_level(rank)
    if grantor is not None and (of_grantor or rank_level is None):
        level = level_of(grantor, doc) or default_level(form, doc)
    else:
        level = rank_level or default_level(form, doc)
    return Award(
        award=form.award, award_vi=form.award_vi, recipient=recipient, count=c.value, status=status,
        char_start=start + c.start, char_end=start + c.end, sentence=s.text, extractor=extractor,
        confidence=0.9 if grantor is not None else 0.7,
        grantor=grantor.text if grantor is not None else (doc.meta.issuer if doc.meta.doc_type == "decision" else None),
        grantor_level=level, rank=rank, page=block.page,
    )
