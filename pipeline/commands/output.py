"""Tables for people and for pipes: what `chitieu sql` and `chitieu compare` print.

- `table` (the default) is for people: figures in Vietnamese notation (`1.068,692`; an amount
  of money in its scale, `1.068,692 tỷ đồng`), long cells wrapped, never cut; a result too wide
  for the terminal is printed one record at a time (column: value) instead of squeezed into
  columns one letter wide.
- `csv` and `json` are for machines: raw numbers (`1068692000000.0`), nulls empty / `null`.
- `markdown` is for people reading a document: a pipe table in Vietnamese notation.
In every format a confidence is rounded to two decimals and a float32 column loses its
artifacts (0.8999999761581421 -> 0.9): those digits were never in the data.
"""
from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from ..notation import SCALES, vi_amount, vi_number

FORMATS = ("table", "csv", "json", "markdown")
ROUNDED = {"confidence": 2, "ocr_confidence": 2}
FLOAT32 = frozenset({"FLOAT", "REAL", "FLOAT4"})
MIN_COLUMN = 14  # a table whose columns would be narrower than this on average is shown as records


def common_scale(values: Sequence[float | None], unit: str | None) -> tuple[float, str]:
    """One scale for a column of figures, so they compare at a glance: (factor, label), e.g.
    (1e9, "tỷ đồng") for amounts of billions, (1, "%") for rates."""
    if unit == "VND":
        largest = max((abs(v) for v in values if v is not None), default=0.0)
        for factor, word in SCALES:
            if largest >= factor:
                return factor, f"{word} đồng"
        return 1.0, "đồng"
    return 1.0, {"percent": "%", "count": "", None: ""}.get(unit, unit or "")


def clean(columns: Sequence[str], rows: Sequence[tuple], types: Sequence[str] | None = None) -> list[tuple]:
    """Rows with confidences rounded and float32 artifacts removed (for every format)."""
    digits = [ROUNDED.get(c) for c in columns]
    single = [bool(types) and str(types[i]).upper() in FLOAT32 for i in range(len(columns))]
    out = []
    for row in rows:
        cells = []
        for i, v in enumerate(row):
            if isinstance(v, float) and not math.isnan(v):
                if digits[i] is not None:
                    v = round(v, digits[i])
                elif single[i]:
                    v = float(f"{v:.7g}")
            cells.append(v)
        out.append(tuple(cells))
    return out


def _for_people(value, unit: str | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return vi_amount(value, unit) if unit else vi_number(value)
    return str(value)


def _for_machines(value):
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    return str(value)


def render(columns: list[str], rows: list[tuple], fmt: str, console: Console, title: str | None = None,
           units: Sequence[str | None] | None = None) -> None:
    """Print `rows` in `fmt`; `units[i]`: the unit figures of column i are in (for people)."""
    units = list(units) if units else [None] * len(columns)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if v is None else _for_machines(v) for v in row] for row in rows])
        console.file.write(buffer.getvalue())
        return
    if fmt == "json":
        records = [dict(zip(columns, (_for_machines(v) for v in row))) for row in rows]
        console.file.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
        return
    cells = [[_for_people(v, units[i]) for i, v in enumerate(row)] for row in rows]
    if fmt == "markdown":
        escape = lambda s: str(s).replace("|", "\\|").replace("\n", " ")  # noqa: E731
        lines = ["| " + " | ".join(escape(c) for c in columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in cells]
        console.file.write(("" if title is None else f"**{title}**\n\n") + "\n".join(lines) + "\n")
        return
    table = Table(title=title, header_style="bold")
    numeric = [all(isinstance(row[i], (int, float)) or row[i] is None for row in rows) and bool(rows)
               for i in range(len(columns))]
    for i, name in enumerate(columns):
        table.add_column(name, overflow="fold", justify="right" if numeric[i] else "left")
    for row in cells:
        table.add_row(*row)
    natural = sum(max(len(name), *(len(row[i]) for row in cells)) + 3 for i, name in enumerate(columns)) + 1
    if rows and natural > console.width and console.width < MIN_COLUMN * len(columns):
        _records(columns, cells, console, title)
    else:
        console.print(table)


def _records(columns: list[str], cells: list[list[str]], console: Console, title: str | None) -> None:
    """One record at a time, `column  value`, for results wider than the terminal."""
    if title:
        console.print(f"[bold]{title}[/bold]")
    for n, row in enumerate(cells, 1):
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for name, value in zip(columns, row):
            grid.add_row(name, value)
        console.rule(f"record {n}", align="left")
        console.print(grid)
