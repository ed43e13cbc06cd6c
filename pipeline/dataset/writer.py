"""Write the dataset so that a reader never sees half of it.

Tables are written into a staging folder beside the output; only when every file is
complete is the old output moved aside and the new one renamed into place (two renames on
one file system), then the old one deleted. A crash or Ctrl-C before that leaves the previous
dataset untouched; a crash between the two renames is repaired by the next run, which puts
the previous dataset back before it starts.

Each table is a folder of files, one folder per `period_year` (`documents/2023/part-00000.parquet`,
unknown years under `documents/no-year/`), and `period_year` is a column of every file. The
folders are deliberately not hive-style (`period_year=2023`): pyarrow types a hive key as a
dictionary and cannot turn one holding nulls into pandas ("Cannot yet unify dictionaries with
nulls"), and a key both in the folder name and in the file fails to merge. With the year in
the files, plain `pandas.read_parquet`, `pyarrow.dataset`, DuckDB and Polars all read a table's
folder as one table with `period_year` an int32, and a reader asking for one year still skips
the other files (row-group statistics, or the folder by name). Rows are in a fixed order, so
the same inputs give byte-identical files.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import threading
from collections import Counter, defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .. import __version__
from .lock import Busy, Lock
from .schema import PARTITION, STORED, TABLES

MANIFEST = "_chitieu.json"
NULL_PARTITION = "no-year"  # the folder of rows whose year is unknown


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
    return NULL_PARTITION if value is None else str(int(value))


def _with_year(table: pa.Table, name: str, year: int | None) -> pa.Table:
    """A table's rows as stored: its columns and `period_year` (the same year for the whole file)."""
    return table.append_column(STORED[name].field(PARTITION), pa.array([year] * table.num_rows, pa.int32()))


def _table(items: list[dict | pa.Table], schema: pa.Schema) -> pa.Table:
    """One table of `items` in their order: runs of dicts converted together, Arrow tables as they
    are, all in one chunk (the same bytes whichever way the rows arrived)."""
    pieces: list[pa.Table] = []
    dicts: list[dict] = []
    for item in items:
        if isinstance(item, dict):
            dicts.append(item)
            continue
        if dicts:
            pieces.append(pa.Table.from_pylist(dicts, schema=schema))
            dicts = []
        pieces.append(item)
    if dicts or not pieces:
        pieces.append(pa.Table.from_pylist(dicts, schema=schema))
    return pieces[0] if len(pieces) == 1 else pa.concat_tables(pieces).combine_chunks()


class DatasetWriter:
    """Streams rows into a staging folder in batches, then swaps the finished dataset in.

    Rows are written every `batch` documents (one file per table and partition per batch:
    `part-00000.parquet` ...), so memory stays flat however large the archive; batch boundaries
    depend only on the documents' order, so the files are the same whatever the worker count.
    """

    def __init__(self, out: Path, batch: int = 500) -> None:
        self.out = out.resolve()
        self.lock: Lock | None = None
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            # One run per output folder: a second one would delete this one's staging folder.
            self.lock = Lock(lock_path(self.out), str(self.out), "choose another --out").acquire()
            recover(self.out)
            check_output(self.out)
            self.staging = _sidecar(self.out, "staging")
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging.mkdir()
        except Busy as exc:
            raise OutputError(str(exc)) from None
        except OSError as exc:
            self._release()
            raise _cannot_write(self.out, exc) from None
        self.batch = batch
        # Per table, per partition: rows in input order, each a dict (placed by its own period_year)
        # or an Arrow table of one document's rows (placed by the year given with it).
        self.buffer: dict[str, dict[object, list[dict | pa.Table]]] = {name: defaultdict(list) for name in TABLES}
        self.pending = 0
        self.parts = 0
        self.counts = {name: 0 for name in TABLES}
        self.statuses: Counter[str] = Counter()  # documents written, by status: the manifest's count
        self.years: dict[str, set] = {name: set() for name in TABLES}

    def add(self, tables: dict[str, list[dict] | pa.Table], year: int | None = None) -> None:
        """One document's rows: lists of dicts carry their own `period_year`; Arrow tables (whose
        schemas have no partition column) go to `year`."""
        for name, rows in tables.items():
            if isinstance(rows, pa.Table):
                if rows.num_rows:
                    self.buffer[name][year].append(rows)
            else:
                for row in rows:
                    self.buffer[name][row.get(PARTITION)].append(row)
        self.pending += 1
        if self.pending >= self.batch:
            self.flush()

    def flush(self) -> None:
        try:
            self._flush()
        except OSError as exc:
            raise _cannot_write(self.out, exc) from None

    def _flush(self) -> None:
        for name, by_year in self.buffer.items():
            for year in sorted(by_year, key=lambda y: (y is None, y)):
                table = _with_year(_table(by_year[year], TABLES[name]), name, year)
                part = self.staging / name / _partition_dir(year)
                part.mkdir(parents=True, exist_ok=True)
                pq.write_table(table, part / f"part-{self.parts:05d}.parquet", compression="zstd")
                self.years[name].add(year)
                self.counts[name] += table.num_rows
                if name == "documents":
                    self.statuses.update(table.column("status").to_pylist())
        self.buffer = {name: defaultdict(list) for name in TABLES}
        self.pending = 0
        self.parts += 1

    def _empty(self, name: str) -> None:
        """A table without a row still gets one (empty) file, so that readers know its columns."""
        folder = self.staging / name
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(STORED[name].empty_table(), folder / "part-00000.parquet", compression="zstd")

    def commit(self, summary: dict) -> None:
        """Write what is left and the manifest, then swap the dataset in. The manifest's
        `documents` counts the rows written, by status (never what a caller believes it sent)."""
        try:
            if self.pending or self.parts == 0:
                self._flush()
            for name in TABLES:
                if not self.years[name]:
                    self._empty(name)
            self._check_staged()
            manifest = {"generator": "chitieu", "version": __version__, "tables": self.counts, **summary,
                        "documents": dict(sorted(self.statuses.items()))}
            (self.staging / MANIFEST).write_text(
                json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
            with _signals_held():  # an interrupt lands before or after the swap, never between its renames
                previous = _sidecar(self.out, "previous")
                if self.out.exists():
                    self.out.rename(previous)
                self.staging.rename(self.out)
            shutil.rmtree(previous, ignore_errors=True)
        except OSError as exc:
            raise _cannot_write(self.out, exc) from None
        finally:
            self.abort()

    def _check_staged(self) -> None:
        """The staged files hold the rows counted (read from their footers: cheap)."""
        for name, expected in self.counts.items():
            found = sum(pq.read_metadata(p).num_rows for p in (self.staging / name).rglob("*.parquet"))
            if found != expected:
                raise OutputError(f"the staging folder {self.staging} was changed during the run "
                                  f"({name}: {found} rows instead of {expected}): nothing was written")

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        self._release()

    def _release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def lock_path(out: Path) -> Path:
    return out.parent / f".{out.name}.lock"


def _cannot_write(out: Path, exc: OSError) -> OutputError:
    where = f" ({exc.filename})" if exc.filename else ""
    return OutputError(f"cannot write the dataset {out}: {exc.strerror or exc}{where}: free some space or "
                       "choose another --out; the previous dataset is untouched")


@contextlib.contextmanager
def _signals_held():
    """Hold SIGINT, SIGTERM and SIGHUP back for the block; one that came is raised when it ends.
    (The handlers are swapped, not the signal mask: a mask is per thread, and the progress bar's
    thread would take the signal for the main thread.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []
    held = [s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {s: signal.signal(s, lambda signum, frame: came.append(signum)) for s in held}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, signal.SIG_DFL if handler is None else handler)
        for s in came[:1]:
            signal.raise_signal(s)
