"""DuckDB over a dataset: views for BI tools, SQL from the command line, comparisons (`comparison`).

`catalog.duckdb` (written beside the tables after each run) holds views over the Parquet
files by paths relative to the dataset folder (`documents/**/*.parquet`), so the folder can be
copied or moved with it. DuckDB resolves a relative path against the working directory (or its
`file_search_path` setting), so the file is opened from inside the folder:
`cd OUT && duckdb catalog.duckdb`, or `SET file_search_path = 'OUT'` first. chitieu's own
commands (`sql`, `compare`, `report`) do not use the file: `connect` creates the same views, with
the folder's path as it is now, in an in-memory database.
"""
from __future__ import annotations

import errno
from pathlib import Path

import duckdb

from . import comparison, flags, targets
from .comparison import CURRENT_PERIOD, Comparison
from .writer import OutputError

from .schema import TABLES

CATALOG = "catalog.duckdb"
MEASURES = ("value", "target", "pct_of_plan", "pct_of_prior", "change_pct", "change")
COUNTED = ("indicators", "awards")  # their views leave out the rows of a report's copies


def _source(folder: Path | None, table: str) -> str:
    """The table's files: under `folder` (absolute), or relative to the dataset when `folder` is None."""
    path = table if folder is None else (folder / table).resolve().as_posix().replace("'", "''")
    return f"read_parquet('{path}/**/*.parquet', union_by_name = true)"


def view_sql(folder: Path | None) -> list[str]:
    """CREATE VIEW statements for the tables and the wide indicator view (`folder` None: relative paths)."""
    statements = [f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM {_source(folder, table)}"
                  for table in TABLES if table not in COUNTED]
    # Rows of a copy of a report (dataset/duplicates.py) are in all_*, not in the views one counts with.
    for table in COUNTED:
        statements.append(f"CREATE OR REPLACE VIEW all_{table} AS SELECT * FROM {_source(folder, table)}")
        statements.append(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM all_{table} WHERE duplicate_of IS NULL")
    pivots = ",\n  ".join(
        f"first(value ORDER BY char_start) FILTER (WHERE measure = '{m}' AND {CURRENT_PERIOD}) AS {m}" for m in MEASURES
    )
    statements.append(f"""CREATE OR REPLACE VIEW indicator_wide AS
SELECT doc_id, source_path, province, district, locality, unit_code, comparison_unit_id, period_year, period,
  doc_type, indicator, any_value(indicator_vi) AS indicator_vi, any_value(unit) FILTER (WHERE measure IN ('value', 'target')) AS unit,
  {pivots}
FROM indicators
GROUP BY ALL""")
    statements.append(targets.view_sql())  # targets against results (dataset/targets.py)
    statements.append(flags.view_sql())  # every figure with all its flags (dataset/flags.py)
    return statements


def connect(folder: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the dataset's views."""
    con = duckdb.connect()
    for statement in view_sql(folder):
        con.execute(statement)
    return con


def write_catalog(folder: Path) -> Path:
    """Write `catalog.duckdb` with views by relative paths (bound here against the folder itself),
    so the folder can be moved: built under a temporary name, checkpointed, opened again to count
    its views, and only then renamed into place. On a full disk DuckDB closed a database whose
    views were still in its write-ahead log, which the rename left behind: the catalog opened
    with no views. Now a catalog is whole or not there; a failure raises OutputError."""
    path = folder / CATALOG
    tmp = folder / f".{CATALOG}.tmp"
    wal = tmp.with_name(tmp.name + ".wal")
    statements = view_sql(None)
    try:
        tmp.unlink(missing_ok=True)
        wal.unlink(missing_ok=True)
        con = duckdb.connect(str(tmp))
        try:
            here = folder.resolve().as_posix().replace("'", "''")
            con.execute(f"SET file_search_path = '{here}'")
            for statement in statements:
                con.execute(statement)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        if wal.exists():
            raise OSError(errno.ENOSPC, "the views were not checkpointed", str(wal))
        con = duckdb.connect(str(tmp), read_only=True)
        try:
            views = con.execute("SELECT count(*) FROM duckdb_views() WHERE NOT internal").fetchone()[0]
        finally:
            con.close()
        if views != len(statements):
            raise OSError(errno.EIO, f"{views} of {len(statements)} views were written", str(tmp))
        tmp.replace(path)
    except (OSError, duckdb.Error) as exc:
        tmp.unlink(missing_ok=True)
        wal.unlink(missing_ok=True)
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc).splitlines()[0]
        raise OutputError(f"cannot write {path}: {why}: the dataset is whole, only its catalog is missing "
                          f"(free some space, then run `chitieu catalog {folder}`)") from None
    return path


def compare(folder: Path, indicator: str, by: str = "commune", years: tuple[int, int] | None = None,
            province: str | None = None, district: str | None = None, measure: str = "value",
            period: str = "year") -> Comparison:
    """One indicator for units (rows) over years (columns), over the dataset in `folder`
    (pipeline/dataset/comparison.py says how each cell is chosen)."""
    return comparison.compare(connect(folder), indicator, by, years, province, district, measure, period)
