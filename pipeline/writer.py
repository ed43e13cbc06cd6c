"""Write the dataset so that a reader never sees half of it.

Tables are written into a staging folder beside the output; only when every file is
complete is the old output moved aside and the new one renamed into place (two renames on
one file system), then the old one deleted. A crash or Ctrl-C before that leaves the previous
dataset untouched; a crash between the two renames is repaired by the next run, which puts
the previous dataset back before it starts.

Each table is hive-partitioned by `period_year` (`period_year=2023/part-0.parquet`, unknown
years under `period_year=__HIVE_DEFAULT_PARTITION__`), rows in a fixed order, so the same
inputs give byte-identical files.
"""
from __future__ import annotations

import json
import os
import shutil
from collections import defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from . import __version__
from .schema import PARTITION, TABLES

MANIFEST = "_chitieu.json"
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"


class OutputError(Exception):
    """The output folder cannot be used; the message says what to do."""


def _sidecar(out: Path, kind: str) -> Path:
    return out.parent / f".{out.name}.{kind}-{os.getpid()}"


def recover(out: Path) -> None:
    """Undo what an interrupted run left: restore a dataset moved aside, drop stale staging."""
    parent = out.parent
    if not parent.exists():
        return
    for side in sorted(parent.glob(f".{out.name}.previous-*")):
        if not out.exists():
            side.rename(out)
        else:
            shutil.rmtree(side, ignore_errors=True)
    for side in parent.glob(f".{out.name}.staging-*"):
        shutil.rmtree(side, ignore_errors=True)


def check_output(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} is a file: give --out a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).exists():
        raise OutputError(
            f"{out} holds files that chitieu did not write: choose an empty or new folder for --out "
            "(chitieu replaces its output folder as a whole)"
        )


def _partition_dir(value) -> str:
    return f"{PARTITION}={NULL_PARTITION if value is None else value}"


def write_table(folder: Path, name: str, rows: list[dict]) -> int:
    """Write one table's rows, one file per partition.

    A table with no known year at all (empty, or every year unknown) is one file at the
    table's root that keeps `period_year` as a column: hive readers (pyarrow, pandas) cannot
    type a partition column that never has a value.
    """
    schema = TABLES[name]
    by_year: dict[object, list[dict]] = defaultdict(list)
    for row in rows:
        by_year[row.get(PARTITION)].append(row)
    if not any(year is not None for year in by_year):
        (folder / name).mkdir(parents=True)
        flat = schema.append(pa.field(PARTITION, pa.int32()))
        pq.write_table(pa.Table.from_pylist(rows, schema=flat), folder / name / "part-0.parquet", compression="zstd")
        return len(rows)
    for year in sorted(by_year, key=lambda y: (y is None, y)):
        part = folder / name / _partition_dir(year)
        part.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pylist(by_year[year], schema=schema)
        pq.write_table(table, part / "part-0.parquet", compression="zstd")
    return len(rows)


def write_dataset(out: Path, tables: dict[str, list[dict]], summary: dict) -> None:
    """Write all tables and swap them in as one; `summary` goes into the manifest."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    check_output(out)
    staging = _sidecar(out, "staging")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        counts = {name: write_table(staging, name, tables.get(name, [])) for name in TABLES}
        manifest = {"generator": "chitieu", "version": __version__, "tables": counts, **summary}
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                        encoding="utf-8")
        previous = _sidecar(out, "previous")
        if out.exists():
            out.rename(previous)
        staging.rename(out)
        shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
