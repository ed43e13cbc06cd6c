"""A batch run, in the order a file meets it: discover the inputs, process each file (ingest,
then the configured components), on an engine (local process pool or Dask), with the cache in
between; `results` is what one document hands to the writer.

`run`, `Options` and `RunSummary` are the entry point, also importable from here.
"""
from .batch import Options, RunSummary, run

__all__ = ["Options", "RunSummary", "run"]
