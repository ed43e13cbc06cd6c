"""The truth of the synthetic archive: the rows a template records as it writes (`Writer`), the
quote of each (`quote`), and the truth tables written in row groups (`TruthTables`)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .document import Block, plain

if TYPE_CHECKING:
    from .document import Doc

INDICATOR_COLUMNS = ["file", "indicator", "measure", "value", "unit", "denominator", "comparator",
                     "is_estimate", "quote"]
AWARD_COLUMNS = ["file", "award", "recipient", "count", "grantor_level", "status", "quote"]

@dataclass(slots=True)
class TruthFigure:
    indicator: str
    measure: str
    value: float
    unit: str
    denominator: float | None = None
    comparator: str = "eq"
    is_estimate: bool = False
    pos: int = -1  # offset of the number in its block's text (for the quote)
    quote: str = ""


@dataclass(slots=True)
class TruthAward:
    award: str
    recipient: str
    count: int
    grantor_level: str | None
    status: str
    pos: int = -1
    quote: str = ""


class Writer:
    """Builds one block's text, recording each figure and award at the offset of its number."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.figures: list[TruthFigure] = []
        self.awards: list[TruthAward] = []

    def t(self, s: str) -> "Writer":
        self.parts.append(s)
        self.length += len(s)
        return self

    def f(self, number: str, suffix: str, indicator: str, measure: str, value: float, unit: str, *,
          den: float | None = None, cmp: str = "eq", est: bool = False) -> "Writer":
        """The number as written, then its unit (or "%", "%KH" ...)."""
        self.figures.append(TruthFigure(indicator, measure, float(value), unit, den, cmp,
                                        est and measure == "value", self.length))
        return self.t(number + suffix)

    def a(self, count_text: str, award: str, recipient: str, count: int, level: str | None,
          status: str) -> "Writer":
        self.awards.append(TruthAward(award, recipient, count, level, status, self.length))
        return self.t(count_text)

    def extend(self, other: "Writer") -> "Writer":
        for fig in other.figures:
            fig.pos += self.length
            self.figures.append(fig)
        for aw in other.awards:
            aw.pos += self.length
            self.awards.append(aw)
        return self.t("".join(other.parts))

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def block(self, kind: str = "para") -> Block:
        return Block(kind, self.text, figures=self.figures, awards=self.awards)


_CLAUSE_END = re.compile(r"[;:]|\.(?=\s)|\.$")


def quote(text: str, pos: int) -> str:
    """The clause around offset `pos`: from the previous ";", ":" or sentence end to the next."""
    start = 0
    for m in _CLAUSE_END.finditer(text, 0, pos):
        start = m.end()
    m = _CLAUSE_END.search(text, pos)
    end = m.start() if m else len(text)
    quote = text[start:end].strip(" ,-")
    if len(quote) > 160:  # keep the words around the number
        rel = pos - start - (len(text[start:end]) - len(text[start:end].lstrip(" ,-")))
        quote = quote[max(0, rel - 90):rel + 60].strip()
    return plain(quote)


class TruthTables:
    """The truth tables, written in row groups as documents come (memory stays flat)."""

    BATCH = 20_000

    def __init__(self, out: Path) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq
        self.pa = pa
        schemas = {
            "indicators": pa.schema([("file", pa.string()), ("indicator", pa.string()), ("measure", pa.string()),
                                     ("value", pa.float64()), ("unit", pa.string()), ("denominator", pa.float64()),
                                     ("comparator", pa.string()), ("is_estimate", pa.bool_()),
                                     ("quote", pa.string())]),
            "awards": pa.schema([("file", pa.string()), ("award", pa.string()), ("recipient", pa.string()),
                                 ("count", pa.int64()), ("grantor_level", pa.string()), ("status", pa.string()),
                                 ("quote", pa.string())]),
        }
        self.schemas = schemas
        self.writers = {name: pq.ParquetWriter(out / f"truth_{name}.parquet", schema)
                        for name, schema in schemas.items()}
        self.rows: dict[str, list[tuple]] = {"indicators": [], "awards": []}
        self.counts = {"indicators": 0, "awards": 0}

    def add(self, rel: str, doc: Doc) -> None:
        self.rows["indicators"] += [(rel, f.indicator, f.measure, f.value, f.unit, f.denominator, f.comparator,
                                     f.is_estimate, f.quote) for f in doc.figures()]
        self.rows["awards"] += [(rel, a.award, a.recipient, a.count, a.grantor_level, a.status, a.quote)
                                for a in doc.awards()]
        for name, rows in self.rows.items():
            if len(rows) >= self.BATCH:
                self._flush(name)

    def _flush(self, name: str) -> None:
        rows = self.rows[name]
        if rows:
            schema = self.schemas[name]
            columns = [self.pa.array(col, type=f.type) for col, f in zip(zip(*rows), schema)]
            self.writers[name].write_table(self.pa.Table.from_arrays(columns, schema=schema))
            self.counts[name] += len(rows)
            self.rows[name] = []

    def close(self) -> tuple[int, int]:
        for name, writer in self.writers.items():
            self._flush(name)
            writer.close()
        return self.counts["indicators"], self.counts["awards"]
