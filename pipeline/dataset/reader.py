"""Read an output dataset back, the way the README shows analysts to.

Nothing here is needed: `period_year` is a column of every file (see `writer`), so
`pandas.read_parquet("OUT/documents")`, `pyarrow.dataset.dataset(...)`, DuckDB's
`read_parquet('OUT/documents/**/*.parquet')` and `polars.read_parquet("OUT/documents")` read a
table as it is. These two calls only save typing the folder.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds



def arrow_table(out: Path | str, table: str) -> pa.Table:
    """One table of a dataset (documents, indicators, awards, texts) as an Arrow table."""
    return ds.dataset(str(Path(out) / table), format="parquet").to_table()


def read_table(out: Path | str, table: str) -> pd.DataFrame:
    """One table of a dataset as a pandas DataFrame (an unknown `period_year` is NaN)."""
    return arrow_table(out, table).to_pandas()
