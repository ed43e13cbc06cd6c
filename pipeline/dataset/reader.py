"""Read an output dataset back, the way the README shows analysts to.

`pd.read_parquet(folder)` infers `period_year` as a dictionary and pyarrow (up to 26 at least)
cannot turn a dictionary partition holding nulls (`__HIVE_DEFAULT_PARTITION__`) into pandas;
naming the partition's type avoids that. DuckDB needs nothing: `hive_partitioning=true`.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds

from .schema import PARTITION

PARTITIONING = ds.partitioning(pa.schema([(PARTITION, pa.int32())]), flavor="hive")


def arrow_table(out: Path | str, table: str) -> pa.Table:
    """One table of a dataset (documents, indicators, awards, texts) as an Arrow table."""
    return ds.dataset(str(Path(out) / table), format="parquet", partitioning=PARTITIONING).to_table()


def read_table(out: Path | str, table: str):
    """One table of a dataset as a pandas DataFrame."""
    return arrow_table(out, table).to_pandas()
