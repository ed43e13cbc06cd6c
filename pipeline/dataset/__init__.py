"""The output dataset: its Arrow schemas (`schema`), a document as table rows (`rows`), the
writer that swaps a finished dataset in (`writer`), the lock that keeps one run per output
folder and per cache (`lock`), reading it back (`reader`) and the DuckDB
catalog over it (`catalog`).

`read_table` and `arrow_table` (the analyst's way back in) are also importable from here.
Imported on first use (PEP 562): the reader pulls in pyarrow.dataset and pandas (~0.5 s), which
`chitieu run` and its workers never need.
"""
from __future__ import annotations

__all__ = ["arrow_table", "read_table"]


def __getattr__(name: str):
    if name in __all__:
        from . import reader

        return getattr(reader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
