"""The output dataset: its Arrow schemas (`schema`), a document as table rows (`rows`), the
writer that swaps a finished dataset in (`writer`), the lock that keeps one run per output
folder and per cache (`lock`), reading it back (`reader`) and the DuckDB
catalog over it (`catalog`).

`read_table` and `arrow_table` (the analyst's way back in) are also importable from here.
"""
from .reader import arrow_table, read_table

__all__ = ["arrow_table", "read_table"]
