"""DuckDB over a dataset: views for BI tools, SQL from the command line, commune comparisons.

`catalog.duckdb` (written beside the tables after each run) holds views over the Parquet
datasets with the output folder's absolute path: a BI tool opens that one file. Moving the
folder needs `chitieu catalog DIR` to write it again.
"""
from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .writer import OutputError

from .schema import TABLES

CATALOG = "catalog.duckdb"
MEASURES = ("value", "target", "pct_of_plan", "pct_of_prior", "change_pct", "change")
# "từ 4,1% xuống 3,2%": the 4,1% is the prior period's (`period_ref` = 'prior'); views and
# comparisons show the period the document is about.
CURRENT_PERIOD = "period_ref IS DISTINCT FROM 'prior'"


def _source(folder: Path, table: str) -> str:
    path = (folder / table).resolve().as_posix().replace("'", "''")
    return f"read_parquet('{path}/**/*.parquet', hive_partitioning = true, union_by_name = true)"


def view_sql(folder: Path) -> list[str]:
    """CREATE VIEW statements for the tables and the wide indicator view."""
    statements = [f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM {_source(folder, table)}" for table in TABLES]
    pivots = ",\n  ".join(
        f"first(value ORDER BY char_start) FILTER (WHERE measure = '{m}' AND {CURRENT_PERIOD}) AS {m}" for m in MEASURES
    )
    statements.append(f"""CREATE OR REPLACE VIEW indicator_wide AS
SELECT doc_id, source_path, province, district, locality, unit_code, comparison_unit_id, period_year, period,
  doc_type, indicator, any_value(indicator_vi) AS indicator_vi, any_value(unit) FILTER (WHERE measure IN ('value', 'target')) AS unit,
  {pivots}
FROM indicators
GROUP BY ALL""")
    return statements


def connect(folder: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the dataset's views."""
    con = duckdb.connect()
    for statement in view_sql(folder):
        con.execute(statement)
    return con


def write_catalog(folder: Path) -> Path:
    """Write `catalog.duckdb`: built under a temporary name, checkpointed, opened again to count
    its views, and only then renamed into place. On a full disk DuckDB closed a database whose
    views were still in its write-ahead log, which the rename left behind: the catalog opened
    with no views. Now a catalog is whole or not there; a failure raises OutputError."""
    path = folder / CATALOG
    tmp = folder / f".{CATALOG}.tmp"
    wal = tmp.with_name(tmp.name + ".wal")
    statements = view_sql(folder)
    try:
        tmp.unlink(missing_ok=True)
        wal.unlink(missing_ok=True)
        con = duckdb.connect(str(tmp))
        try:
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


@dataclass(frozen=True, slots=True)
class Comparison:
    columns: list[str]
    rows: list[tuple]


def compare(folder: Path, indicator: str, by: str = "commune", years: tuple[int, int] | None = None,
            province: str | None = None, district: str | None = None, measure: str = "value") -> Comparison:
    """One indicator for units (rows) over years (columns): the latest figure of each unit and
    year (the document issued last wins; within it, the first figure)."""
    unit = {"commune": "locality", "district": "district", "province": "province"}[by]
    con = connect(folder)
    where = ["indicator = ?", "measure = ?", "d.status = 'ok'", f"i.{CURRENT_PERIOD}"]
    params: list = [indicator, measure]
    if years:
        where.append("i.period_year BETWEEN ? AND ?")
        params += list(years)
    if province:
        where.append("i.province = ?")
        params.append(province)
    if district:
        where.append("i.district = ?")
        params.append(district)
    rows = con.execute(f"""
        SELECT i.province, i.{unit} AS unit, i.period_year, i.value
        FROM indicators i JOIN documents d USING (doc_id)
        WHERE {' AND '.join(where)} AND i.{unit} IS NOT NULL AND i.period_year IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY i.province, i.{unit}, i.period_year
                                   ORDER BY d.issued_date DESC NULLS LAST, i.source_path, i.char_start) = 1
        ORDER BY 1, 2, 3""", params).fetchall()
    all_years = sorted({r[2] for r in rows})
    table: dict[tuple[str, str], dict[int, float]] = {}
    for prov, name, year, value in rows:
        table.setdefault((prov or "", name), {})[year] = value
    columns = ["province", by] + [str(y) for y in all_years]
    return Comparison(columns, [(p, n, *[vals.get(y) for y in all_years]) for (p, n), vals in sorted(table.items())])
