"""Subject -> indicator code where no indicator form names the subject: nearest neighbours.

The lexicon (indicator_forms.tsv, qualified_codes.tsv) comes first: it knows the ways reports
name an indicator that someone wrote down. A subject it does not know ("diện tích ao nuôi cá",
"nhựa hóa đường huyện") is often close in wording to one it does, so a small statistical model
gets the last word before `other`: k nearest neighbours by cosine similarity of TF-IDF vectors
over syllables, syllable pairs and character trigrams, among labelled subjects
(lexicons/subject_examples.tsv: written for this project, never taken from a corpus).
Syllables rather than underthesea words: subjects are short, and syllable pairs carry the
compounds a word segmenter would find ("nuôi trồng", "thủy sản") at no run-time cost.

A guess is a code with a confidence: the similarity the winning code gathers among the k
neighbours, divided by k (near 1 when k close neighbours agree); below the threshold, or when
the neighbours say `other`, the answer is `other`. k, the threshold and whether the model runs
at all live in lexicons/subject_model.json, written by scripts/train_subject_model.py from its
cross-validation (which it records there). Pure Python, no download, deterministic.
"""
from __future__ import annotations

import json
import math
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import files


from pipeline.lexicon import lexicon_cache, table

from . import heads
from ..text.patterns import lazy

OTHER = "other"
PLACEHOLDER = "{n}"
_WORD = lazy(r"\p{L}+")


@dataclass(frozen=True, slots=True)
class Guess:
    code: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Params:
    enabled: bool
    k: int
    threshold: float


def features(text: str) -> Counter[str]:
    """Syllables, syllable pairs and character trigrams of padded syllables; digits dropped."""
    words = [w.casefold() for w in _WORD.findall(text)]
    found: Counter[str] = Counter()
    for i, word in enumerate(words):
        found["w:" + word] += 1
        if i:
            found[f"b:{words[i - 1]} {word}"] += 1
        padded = f"<{word}>"
        for j in range(len(padded) - 2):
            found["c:" + padded[j:j + 3]] += 1
    return found


class SubjectModel:
    """k nearest labelled subjects by TF-IDF cosine; an inverted index keeps a query cheap."""

    def __init__(self, examples: Iterable[tuple[str, str]], k: int = 3, threshold: float = 0.3) -> None:
        self.k, self.threshold = k, threshold
        rows = [(code, features(text)) for code, text in examples]
        df: Counter[str] = Counter(f for _, feats in rows for f in feats)
        self.idf = {f: math.log((1 + len(rows)) / (1 + d)) + 1.0 for f, d in df.items()}
        self.codes = [code for code, _ in rows]
        self.index: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, (_, feats) in enumerate(rows):
            for f, w in self._vector(feats).items():
                self.index[f].append((i, w))

    def _vector(self, feats: Counter[str]) -> dict[str, float]:
        vec = {f: (1 + math.log(c)) * self.idf[f] for f, c in feats.items() if f in self.idf}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        return {f: w / norm for f, w in vec.items()}

    def _votes(self, text: str, allowed: Callable[[str], bool], k: int) -> list[tuple[str, float]]:
        """Codes by the similarity their examples gather among the k nearest, best first."""
        sims: dict[int, float] = defaultdict(float)
        for f, w in self._vector(features(text)).items():
            for i, wi in self.index.get(f, ()):
                sims[i] += w * wi
        near = sorted(((-s, i) for i, s in sims.items() if allowed(self.codes[i])))
        votes: dict[str, float] = defaultdict(float)
        for neg, i in near[:k]:
            votes[self.codes[i]] -= neg
        return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))

    def guess(self, text: str, allowed: Callable[[str], bool] = lambda code: True) -> Guess:
        """The code of subject `text` among the codes `allowed` (`other` always is)."""
        votes = self._votes(text, lambda code: code == OTHER or allowed(code), self.k)
        if not votes:
            return Guess(OTHER, 0.0)
        code, score = votes[0]
        confidence = round(score / self.k, 4)
        return Guess(code if confidence >= self.threshold else OTHER, confidence)

    def nearest(self, text: str, n: int = 3) -> list[Guess]:
        """The n catalogue codes nearest to `text` (never `other`), whatever the threshold: what an
        analyst curating the lexicon is shown beside a subject the pipeline left `other`."""
        votes = self._votes(text, lambda code: code != OTHER, self.k * n)
        return [Guess(code, round(score / (self.k * n), 4)) for code, score in votes[:n]]


def query(before: str, after: str) -> str:
    """What the model is asked about a figure: its clause before the number and the words after
    it (its unit and what it counts) to the clause's end."""
    return f"{heads.last_clause(before)} {heads.first_clause(after)}"


def example_query(text: str) -> str:
    """A labelled line ("Trồng mới {n} ha rừng") asked the way the pipeline asks."""
    before, _, after = text.partition(PLACEHOLDER)
    return query(before, after.lstrip("% "))


def examples() -> list[tuple[str, str]]:
    return [(r["code"], example_query(r["text"])) for r in table("subject_examples")]


@lexicon_cache
def params() -> Params:
    data = json.loads(files("lexicons").joinpath("subject_model.json").read_text(encoding="utf-8"))
    return Params(bool(data["enabled"]), int(data["k"]), float(data["threshold"]))


_override: list[SubjectModel | None] = []


ENV = "CHITIEU_SUBJECT_MODEL"  # "on" / "off" overrides `enabled`, to measure a run both ways


@lexicon_cache
def _shipped() -> SubjectModel | None:
    p = params()
    enabled = {"on": True, "off": False}.get(os.environ.get(ENV, "").strip().lower(), p.enabled)
    return SubjectModel(examples(), p.k, p.threshold) if enabled else None


def active() -> SubjectModel | None:
    """The model the pipeline asks, or None when it is off (lexicons/subject_model.json)."""
    return _override[-1] if _override else _shipped()


@contextmanager
def using(model: SubjectModel | None) -> Iterator[None]:
    """Run with `model` (None: lexicon alone) instead of the shipped one: cross-validation."""
    _override.append(model)
    try:
        yield
    finally:
        _override.pop()
