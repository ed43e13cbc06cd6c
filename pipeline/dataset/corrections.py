"""An analyst's corrections, applied to every run so that a fix is made once and lasts.

A corrections file is a TSV (`#` lines are comments) with the columns

    doc_id (or source_path)   char_start   field   value   [table]   [indicator]   [note]

A correction names one figure the way the dataset does: the document (its `doc_id`, or its
`source_path` as the dataset writes it) and the offset where the figure's number starts
(`char_start`, the evidence column). `field` `status` with `value` `reject` removes the row;
any other field of the table gets `value`, typed by the schema (a number for `value`, true/false
for `is_estimate` ...). `table` is `indicators` (the default) or `awards`; `indicator`, when
given, narrows a correction to the rows of that code where one number gives several.

The corrections are applied to each document's rows after the cache and before the writer (the
cache keeps what the extractors found, so a changed lexicon re-extracts and the corrections are
laid on top again). A corrected row carries `corrected = true` and, in `original`, the changed
fields' extracted values as a JSON object. A correction that no longer matches a row (the
figure moved or is gone after a lexicon change) is never dropped silently: the run lists it in
its summary and in the manifest (`corrections.unmatched`).
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyarrow as pa

from .. import lexicon
from .schema import TABLES

REJECT = "reject"
CORRECTABLE = ("indicators", "awards")
# Columns a correction may not change: the key it is found by, the document's own columns (a
# document's metadata is fixed at its source) and the correction bookkeeping.
FIXED = {"doc_id", "source_path", "char_start", "corrected", "original"}
COUNTS = {"indicators": "n_indicators", "awards": "n_awards"}  # the documents row's count of each table
TRUE = {"true", "1", "yes", "đúng", "có"}
FALSE = {"false", "0", "no", "sai", "không"}


def _labels() -> dict[str, str]:
    return {row["code"]: row["label_vi"] for row in lexicon.table("indicators")}


class CorrectionsError(ValueError):
    """The corrections file cannot be used; the message (one line) says where and what to fix."""


@dataclass(frozen=True, slots=True)
class Correction:
    line: int  # in the file, for the messages
    doc: str  # a doc_id or a source_path
    char_start: int
    field: str
    value: object  # typed by the schema; REJECT for a removal
    table: str = "indicators"
    indicator: str | None = None

    @property
    def rejects(self) -> bool:
        return self.field == "status" and self.value == REJECT

    def describe(self) -> str:
        return f"line {self.line}: {self.doc} @{self.char_start} {self.field}={self.value}"


def _typed(text: str, kind: pa.DataType, where: str) -> object:
    """A cell's text as the column's type; '' is null where the column allows it."""
    text = text.strip()
    if text == "":
        return None
    try:
        if pa.types.is_floating(kind):
            if "," in text and "." not in text:  # Vietnamese decimal comma: 12,5
                text = text.replace(",", ".")
            return float(text)
        if pa.types.is_integer(kind):
            return int(text)
    except ValueError:
        raise CorrectionsError(f"{where}: {text!r} is not a number") from None
    if pa.types.is_boolean(kind):
        if text.lower() in TRUE | FALSE:
            return text.lower() in TRUE
        raise CorrectionsError(f"{where}: {text!r} is not true or false")
    return text


def _correction(line: int, cells: dict[str, str], where: str) -> Correction:
    table = cells.get("table", "").strip() or "indicators"
    if table not in CORRECTABLE:
        raise CorrectionsError(f"{where}: table {table!r}: choose {' or '.join(CORRECTABLE)}")
    doc = cells.get("doc_id", "").strip() or cells.get("source_path", "").strip()
    if not doc:
        raise CorrectionsError(f"{where}: no doc_id (or source_path)")
    try:
        start = int(cells.get("char_start", "").strip())
    except ValueError:
        raise CorrectionsError(f"{where}: char_start {cells.get('char_start', '')!r} is not an offset") from None
    name = cells.get("field", "").strip()
    raw = cells.get("value", "")
    schema = TABLES[table]
    if name == "status" and raw.strip() == REJECT:
        value: object = REJECT
    elif name in FIXED or schema.get_field_index(name) < 0:
        raise CorrectionsError(f"{where}: field {name!r} cannot be corrected in {table} "
                               f"(status=reject, or a column such as value, indicator, unit)")
    else:
        column = schema.field(name)
        value = _typed(raw, column.type, f"{where}, {name}")
        if value is None and not column.nullable:
            raise CorrectionsError(f"{where}: {name} cannot be empty")
    return Correction(line, doc, start, name, value, table, cells.get("indicator", "").strip() or None)


def load(path: Path) -> "Corrections":
    """Read and check a corrections file; any problem raises CorrectionsError naming its line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionsError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    lines = [(n, ln) for n, ln in enumerate(text.splitlines(), 1) if ln.strip() and not ln.startswith("#")]
    if not lines:
        raise CorrectionsError(f"{path}: empty; the header is doc_id, char_start, field, value")
    header = [h.strip() for h in lines[0][1].split("\t")]
    wanted = {"char_start", "field", "value"} - set(header)
    if wanted or not {"doc_id", "source_path"} & set(header):
        missing = sorted(wanted) + ([] if {"doc_id", "source_path"} & set(header) else ["doc_id"])
        raise CorrectionsError(f"{path}: line {lines[0][0]}: the header lacks {', '.join(missing)} "
                               "(tab-separated: doc_id, char_start, field, value)")
    items = [_correction(n, dict(zip(header, ln.split("\t"))), f"{path}: line {n}") for n, ln in lines[1:]]
    return Corrections(items)


@dataclass(slots=True)
class Corrections:
    items: list[Correction]
    matched: set[int] = field(default_factory=set)  # lines that changed or removed a row this run
    rows_changed: int = 0
    rows_rejected: int = 0
    _by_doc: dict[str, list[Correction]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        for item in self.items:
            self._by_doc[item.doc].append(item)

    def apply(self, rows):
        """These DocRows with this file's corrections of them applied (the same object if none)."""
        mine = self._by_doc.get(rows.doc_id, []) + (self._by_doc.get(rows.source_path, [])
                                                   if rows.source_path != rows.doc_id else [])
        if not mine or rows.status != "ok":
            return rows
        tables, document = dict(rows.tables), dict(rows.document)
        for name in CORRECTABLE:
            todo = [c for c in mine if c.table == name]
            if todo and rows.tables[name].num_rows:
                tables[name], removed = self._table(rows.tables[name], todo)
                document[COUNTS[name]] = document.get(COUNTS[name], 0) - removed
        return replace(rows, tables=tables, document=document)

    def _table(self, table: pa.Table, todo: list[Correction]) -> tuple[pa.Table, int]:
        records = table.to_pylist()
        kept = []
        for record in records:
            hits = [c for c in todo if c.char_start == record["char_start"]
                    and (c.indicator is None or c.indicator == record.get("indicator"))]
            self.matched.update(c.line for c in hits)
            if any(c.rejects for c in hits):
                self.rows_rejected += 1
                continue
            if hits:
                original = json.loads(record["original"]) if record.get("original") else {}
                for c in hits:
                    original.setdefault(c.field, record[c.field])
                    record[c.field] = c.value
                    if c.field == "indicator" and "indicator_vi" in record:  # the name follows its code
                        original.setdefault("indicator_vi", record["indicator_vi"])
                        record["indicator_vi"] = _labels().get(c.value, record["indicator_vi"])
                record["corrected"] = True
                record["original"] = json.dumps(original, ensure_ascii=False, sort_keys=True)
                self.rows_changed += 1
            kept.append(record)
        if len(kept) == len(records) and not any(r.get("corrected") for r in kept):
            return table, 0
        return pa.Table.from_pylist(kept, schema=table.schema), len(records) - len(kept)

    def unmatched(self) -> list[Correction]:
        return [c for c in self.items if c.line not in self.matched]

    def report(self) -> dict:
        """What the manifest records of this run's corrections."""
        return {"applied": len(self.matched), "rows_changed": self.rows_changed,
                "rows_rejected": self.rows_rejected,
                "unmatched": [c.describe() for c in self.unmatched()]}
