"""Grow the lexicon from what the archive says: the subjects left `other`, for an analyst to code.

`chitieu lexicon unmapped DATASET` lists the subjects of a dataset's `other` figures, folded
(letters only, lower case: "Trong đó: Tôm" and "trong đó tôm" are one), most frequent first, each
with its count, two example sentences and the catalogue codes nearest to it by the subject model
(extractors/figures/subject_model.py: the same neighbours the pipeline asks, shown whatever its
threshold). The analyst fills the `code` column of the rows worth a code and, if needed, edits
`pattern` (a regular expression, as in lexicons/indicator_forms.tsv). `chitieu lexicon add
EDITED.tsv --lexicons DIR` then appends the coded rows to DIR/indicator_forms.tsv, the file
`chitieu run --lexicons DIR` reads after the built-in one: the next run codes those figures.
"""
from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path

import regex

from extractors.figures.subject_model import OTHER, SubjectModel, examples, params

from .. import lexicon
from . import catalog

COLUMNS = ["code", "pattern", "count", "documents", "nearest", "example_1", "example_2"]
FORMS = "indicator_forms"
FORMS_HEADER = ["pattern", "code", "note"]
_WORD = regex.compile(r"\p{L}+")
SQL = f"""SELECT subject, doc_id, sentence FROM indicators WHERE indicator = '{OTHER}'
    ORDER BY doc_id, char_start, subject, sentence"""


class CurationError(ValueError):
    """The edited file cannot be used; the message says where and what to fix."""


@dataclass(slots=True)
class Unmapped:
    pattern: str  # the folded subject
    count: int = 0
    documents: int = 0
    nearest: str = ""  # "code score; code score"
    example_1: str = ""
    example_2: str = ""


def fold(subject: str) -> str:
    """A subject's words only, lower case, single-spaced ('' when it has none: '%', '(+')."""
    return " ".join(w.casefold() for w in _WORD.findall(subject))


def unmapped(dataset: Path, limit: int = 100, min_count: int = 1) -> list[Unmapped]:
    """The folded subjects of `other` figures, most frequent first (ties by subject)."""
    found: dict[str, Unmapped] = {}
    docs: dict[str, set[str]] = {}
    for subject, doc_id, sentence in catalog.connect(dataset).execute(SQL).fetchall():
        key = fold(subject or "")
        if not key:
            continue
        item = found.setdefault(key, Unmapped(key))
        item.count += 1
        docs.setdefault(key, set()).add(doc_id)
        sentence = " ".join((sentence or "").split())
        if not item.example_1:
            item.example_1 = sentence
        elif not item.example_2 and sentence != item.example_1:
            item.example_2 = sentence
    chosen = sorted((i for i in found.values() if i.count >= min_count), key=lambda i: (-i.count, i.pattern))
    chosen = chosen[:limit] if limit > 0 else chosen
    model = SubjectModel(examples(), params().k, 0.0)
    for item in chosen:
        item.documents = len(docs[item.pattern])
        item.nearest = "; ".join(f"{g.code} {g.confidence:.2f}" for g in model.nearest(item.pattern))
    return chosen


def to_tsv(items: list[Unmapped]) -> str:
    """The TSV the analyst edits: `code` first and empty."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    writer.writerow(COLUMNS)
    for i in items:
        writer.writerow(["", i.pattern, i.count, i.documents, i.nearest,
                         i.example_1.replace("\t", " "), i.example_2.replace("\t", " ")])
    return buf.getvalue()


def _edited(path: Path) -> list[dict[str, str]]:
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8-sig").splitlines() if ln.strip() and not ln.startswith("#")]
    except (OSError, UnicodeDecodeError) as exc:
        raise CurationError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    header = lines[0].split("\t") if lines else []
    if "code" not in header or "pattern" not in header:
        raise CurationError(f"{path}: the header lacks code or pattern (write it with chitieu lexicon unmapped)")
    return [dict(zip(header, ln.split("\t"))) for ln in lines[1:]]


def add(edited: Path, folder: Path) -> tuple[int, Path]:
    """Append the coded rows of `edited` to folder/indicator_forms.tsv (made with its header when
    new); rows already there are not added twice. Returns (rows added, the file)."""
    before = [Path(p) for p in os.environ.get(lexicon.ENV, "").split(os.pathsep) if p]
    lexicon.use_extra(folder)  # the codes the analyst's own indicators.tsv adds are known too
    try:
        rows = _coded(edited, folder)
    finally:
        lexicon.use_extra(*before)
    target = folder / f"{FORMS}.tsv"
    folder.mkdir(parents=True, exist_ok=True)
    old = target.read_text(encoding="utf-8") if target.exists() else ""
    with target.open("a", encoding="utf-8") as out:
        if not old.strip():
            out.write("\t".join(FORMS_HEADER) + "\n")
        elif not old.endswith("\n"):
            out.write("\n")
        for r in rows:
            out.write("\t".join(r) + "\n")
    return len(rows), target


def _coded(edited: Path, folder: Path) -> list[list[str]]:
    """The new indicator_forms rows of the edited file, checked (the lexicons in use include folder)."""
    codes = set(lexicon.column("indicators", "code"))
    present = {(r["pattern"], r["code"]) for r in lexicon.table(FORMS)}
    rows = []
    for n, row in enumerate(_edited(edited), 2):
        code, pattern = row.get("code", "").strip(), row.get("pattern", "").strip()
        if not code:
            continue
        if code not in codes:
            raise CurationError(f"{edited}: row {n}: unknown code {code!r} (the codes are in lexicons/indicators.tsv, "
                                f"or add it to {folder}/indicators.tsv)")
        try:
            regex.compile(pattern)
        except regex.error as exc:
            raise CurationError(f"{edited}: row {n}: pattern {pattern!r} is not a regular expression ({exc})") from None
        if pattern and (pattern, code) not in present:
            present.add((pattern, code))
            count = row.get("count", "").strip()
            rows.append([pattern, code, f"chitieu lexicon unmapped: {count} figures" if count else "curated"])
    return rows
