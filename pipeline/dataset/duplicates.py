"""Each report once: the same report as .txt, .docx and .pdf (or UTF-8 and UTF-16) is one document.

Files of the same bytes are caught earlier (one `doc_id`, the copy `skipped`). Here the
content is compared, as read: the words of the normalized text's body (running page headers
and footers left out; case, punctuation and layout ignored), so a report exported to three
formats compares equal however its lines were wrapped.

- `text_fingerprint` (a `documents` column): the SHA-256 of those words. The same fingerprint
  is the same text.
- Near-duplicates (a PDF whose table came out in another order, a copy with a line more): the
  MinHash of the text's 5-word shingles, looked up in a MinHash LSH index (`minhash`: the values
  and candidates of `datasketch`'s, MIT, without its import of scipy), then checked: estimated
  Jaccard similarity at least NEAR, and nothing the two documents say
  about themselves disagreeing (unit, year, period, kind: a unit's template report of another
  year or another commune is not a copy, however alike the words).

The first document of a group in input order is canonical (inputs are sorted by path, so
`x.docx` before `x.pdf` before `x.txt`); every other one keeps its rows, flagged
`duplicate_of` = the canonical `doc_id` on its `documents`, `indicators` and `awards` rows. The
catalog's views, `compare` and the report's totals leave flagged rows out.

Two halves. `sketch` (in the worker, with the document's rows, so it is parallel and cached):
the words' fingerprint and the MinHash hash values of their shingles, about 3 ms a document.
`Duplicates.mark` (in the process that writes the dataset, in input order, so the choice is
deterministic and needs no second pass): the LSH look-up and the check, well under a
millisecond; a cached re-run pays nothing more.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import pyarrow as pa
import regex

from . import minhash

SHINGLE = 5  # words per shingle
NEAR = 0.85  # estimated Jaccard similarity of shingles from which two texts are one report
MIN_WORDS = 40  # shorter texts are compared by their fingerprint only
SKIPPED_KINDS = frozenset({"page_header", "page_footer"})
COMPARED = ("locality", "admin_level", "period_year", "period", "doc_type")  # what must not disagree

_WORD = regex.compile(r"[\p{L}\p{N}]+")


def words(text: str, blocks: Iterable[tuple[str, int, int]] | None = None) -> list[str]:
    """The words compared: those of the body blocks (kind, start, end), case folded."""
    if blocks is None:
        parts = [text]
    else:
        parts = [text[start:end] for kind, start, end in blocks if str(kind) not in SKIPPED_KINDS]
    return [w.casefold() for part in parts for w in _WORD.findall(part)]


def fingerprint(tokens: list[str]) -> str | None:
    """The content fingerprint: the same words in the same order give the same value."""
    if not tokens:
        return None
    return hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()


def _shingles(tokens: list[str]) -> set[bytes]:
    if len(tokens) < SHINGLE:
        return {" ".join(tokens).encode("utf-8")}
    return {" ".join(tokens[i:i + SHINGLE]).encode("utf-8") for i in range(len(tokens) - SHINGLE + 1)}


def _flag(table: pa.Table, canonical: str) -> pa.Table:
    """A table's rows with `duplicate_of` set (tables without the column are left as they are)."""
    i = table.schema.get_field_index("duplicate_of")
    if i < 0 or not table.num_rows:
        return table
    return table.set_column(i, table.schema.field(i), pa.array([canonical] * table.num_rows, pa.string()))


def _compatible(a: dict, b: dict) -> bool:
    """Nothing the two documents say about themselves disagrees (an unknown field never does)."""
    for name in COMPARED:
        x, y = a.get(name), b.get(name)
        if x is not None and y is not None and (x.casefold() if isinstance(x, str) else x) != (
                y.casefold() if isinstance(y, str) else y):
            return False
    return True


@dataclass(slots=True)
class Duplicates:
    """The canonical documents seen so far in a run, by fingerprint and in the LSH index."""

    by_fingerprint: dict[str, str] = field(default_factory=dict)  # fingerprint -> canonical doc_id
    meta: dict[str, dict] = field(default_factory=dict)  # canonical doc_id -> its compared fields
    signatures: dict = field(default_factory=dict)  # canonical doc_id -> MinHash values (minhash.signature)
    rank: dict[str, int] = field(default_factory=dict)  # canonical doc_id -> its place in input order
    index: minhash.Index = field(default_factory=minhash.Index)

    def canonical_of(self, doc_id: str, document: dict, tokens: list[str]) -> str | None:
        """The canonical doc_id this document duplicates, or None (then it is canonical itself)."""
        found = _sketch_of(tokens)
        if found is None:
            return None
        return self.canonical(doc_id, document, found[0], _signature(found[1]))

    def canonical(self, doc_id: str, document: dict, fp: str | None, signature) -> str | None:
        """As `canonical_of`, from a document's sketch (`signature` None: too short to compare)."""
        if fp is None:
            return None
        if fp in self.by_fingerprint:
            return self.by_fingerprint[fp]
        compared = {name: document.get(name) for name in COMPARED}
        canonical = self._near(compared, signature) if signature is not None else None
        self.by_fingerprint[fp] = canonical or doc_id
        if canonical is None:
            self.meta[doc_id] = compared
            if signature is not None:
                self.rank[doc_id] = len(self.signatures)
                self.signatures[doc_id] = signature
                self.index.insert(doc_id, signature)
        return canonical

    def _near(self, compared: dict, signature) -> str | None:
        """The most similar canonical document close enough and compatible (the earliest on a tie)."""
        if not self.signatures:
            return None
        order = self.rank
        best: tuple[float, int, str] | None = None
        for other in self.index.query(signature):
            similarity = minhash.jaccard(signature, self.signatures[other])
            if similarity >= NEAR and _compatible(compared, self.meta[other]):
                key = (-similarity, order[other], other)
                best = key if best is None or key < best else best
        return best[2] if best else None

    def mark(self, rows):
        """`rows` (a DocRows) with `text_fingerprint` and, for a copy, `duplicate_of` filled in."""
        if rows.status != "ok" or not rows.tables["texts"].num_rows:
            return rows
        found = rows.sketch if rows.sketch is not None else sketch(rows)
        if found is None:
            return rows
        fp, hashvalues = found
        canonical = self.canonical(rows.doc_id, rows.document, fp, _signature(hashvalues))
        document = {**rows.document, "text_fingerprint": fp, "duplicate_of": canonical}
        tables = rows.tables
        if canonical is not None:
            tables = {name: _flag(table, canonical) for name, table in tables.items()}
        return replace(rows, document=document, tables=tables)



def _sketch_of(tokens: list[str]) -> tuple[str, bytes | None] | None:
    fp = fingerprint(tokens)
    if fp is None:
        return None
    return fp, (minhash.signature(_shingles(tokens)).tobytes() if len(tokens) >= MIN_WORDS else None)


def sketch(rows) -> tuple[str, bytes | None] | None:
    """What `Duplicates.mark` needs of a document, made where its rows are made (the worker):
    (fingerprint, MinHash hash values as bytes, None for a text too short to compare), or None
    for a document without words."""
    texts = rows.tables["texts"]
    if rows.status != "ok" or not texts.num_rows:
        return None
    text = texts.column("text")[0].as_py()
    blocks = [(b["kind"], b["char_start"], b["char_end"]) for b in texts.column("blocks")[0].as_py() or ()]
    return _sketch_of(words(text, blocks or None))


def _signature(hashvalues: bytes | None):
    """A document's MinHash values again from their bytes (None: too short to compare)."""
    return None if hashvalues is None else minhash.from_bytes(hashvalues)
