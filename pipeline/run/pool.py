"""The local process pool: files go to worker processes in small chunks, results come back in
the inputs' order, and nothing that happens to one file or one worker stops the batch.

- At most `WINDOW` chunks per worker are in flight, so memory stays flat however many files.
- A worker that dies (a native crash, the OOM killer) breaks the pool. The files of the chunks
  then in flight are read again one at a time in a single-worker pool: a file that kills that
  worker too is the culprit and becomes an `error` row; the others give their rows. A fresh pool
  then takes the rest: one bad file costs a pool restart, not the pool (before, every file after
  a crash got a process of its own: 0.65 files/s instead of hundreds).
- Workers ignore SIGINT (Ctrl-C reaches the terminal's whole process group: the parent alone
  decides, and no worker prints a traceback) and die with their parent (`PR_SET_PDEATHSIG` on
  Linux, a watching thread elsewhere): a parent killed by SIGKILL or the OOM killer leaves no
  worker behind.
- When the run stops early (an interrupt, an error downstream), the workers are killed at once
  rather than waited for: an interrupt does not wait for the file in flight.
"""
from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..config import Config
from ..model import Document, Status
from .discover import Source
from .results import DocRows, process_to_rows, rows_of

WINDOW = 2  # chunks in flight per worker
CHUNK = 16  # files per chunk at most (fewer for a small batch, so every worker gets some)
PR_SET_PDEATHSIG = 1  # linux/prctl.h
CRASHED = ("the worker reading this file crashed (a native library or out of memory): refused; "
           "the run went on")


def die_with_parent(parent: int) -> None:
    """End this worker when `parent` ends, however it ends, so that no worker outlives its run."""
    if not sys.platform.startswith("linux") or not _pdeathsig():
        threading.Thread(target=_watch, args=(parent,), name="chitieu-parent-watch", daemon=True).start()
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)


def _pdeathsig() -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


@contextlib.contextmanager
def _sigint_blocked():
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not POSIX
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def ignore_interrupts() -> None:
    """A worker's first step: SIGINT ignored, then unblocked (see `Pool.submit`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def read_chunk(sources: list[Source], config: Config) -> list[DocRows]:
    return [process_to_rows(source, config) for source in sources]


def failed_rows(source: Source, reason: str) -> DocRows:
    """The rows of a file whose worker gave none: its bare `error` row."""
    return rows_of(Document(doc_id="", source_path=source.rel, format="unknown", status=Status.ERROR, error=reason))


def crashed(source: Source) -> DocRows:
    return failed_rows(source, CRASHED)


def _unsent(source: Source, exc: BaseException) -> DocRows:
    """A worker's result that could not come back (it did not pickle): that file's failure."""
    why = " ".join(str(exc).split())[:160]
    return failed_rows(source, f"returning rows failed: {type(exc).__name__}: {why} (please report)")


class Pool:
    """A ProcessPoolExecutor of `workers` spawned processes, each started by `start(config,
    parent_pid)`, that can be killed as well as closed."""

    def __init__(self, workers: int, config: Config, start: Callable) -> None:
        # "spawn": a fresh interpreter per worker (forking a process that runs a progress thread can hang)
        context = multiprocessing.get_context("spawn")
        self.executor = ProcessPoolExecutor(workers, mp_context=context, initializer=start,
                                            initargs=(config, os.getpid()))

    def submit(self, fn: Callable, *args) -> Future:
        if len(self.executor._processes or ()) >= self.executor._max_workers:
            return self.executor.submit(fn, *args)
        # This submit may start a worker: it starts with SIGINT blocked (a mask survives fork and
        # exec), so a Ctrl-C while it imports is neither a traceback of its own nor lost by the
        # parent (whose other threads, or its main thread afterwards, still take it).
        with _sigint_blocked():
            return self.executor.submit(fn, *args)

    def close(self, finished: bool) -> None:
        """Wait for the workers to end if the work is done; kill them at once if it is not."""
        if finished:
            self.executor.shutdown(wait=True)
            return
        processes = list((self.executor._processes or {}).values())  # no public way to reach them
        for process in processes:
            try:
                process.kill()
            except (OSError, ValueError, AttributeError):
                pass
        self.executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            try:
                process.join(5)
            except (OSError, ValueError, AssertionError):
                pass


def run_pool(sources: list[Source], config: Config, workers: int, start: Callable) -> Iterator[DocRows]:
    """Every source's rows, in order, read by a pool of `workers` processes."""
    size = max(1, min(CHUNK, len(sources) // (workers * 8)))
    chunks = deque(sources[i:i + size] for i in range(0, len(sources), size))
    inflight: deque[tuple[list[Source], Future]] = deque()
    pool: Pool | None = None
    finished = False
    try:
        while chunks or inflight:
            if pool is None:
                pool = Pool(workers, config, start)
            while chunks and len(inflight) < WINDOW * workers:
                chunk = chunks.popleft()
                try:
                    future = pool.submit(read_chunk, chunk, config)
                except BrokenProcessPool:  # a worker died since the last result: the chunks in flight say which
                    chunks.appendleft(chunk)
                    break
                inflight.append((chunk, future))
            if not inflight:  # broken with nothing in flight (a worker died idle): a fresh pool goes on
                pool.close(finished=False)
                pool = None
                continue
            chunk, future = inflight.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                suspects = [(chunk, future), *inflight]
                inflight.clear()
                pool.close(finished=False)
                pool = None
                yield from _one_by_one(suspects, config, start)
                continue
            except Exception:  # noqa: BLE001 - the chunk's rows did not come back: find which file's
                yield from _one_by_one([(chunk, future)], config, start)
                continue
            yield from results
        finished = True
    finally:
        if pool is not None:
            pool.close(finished)


def _one_by_one(suspects: list[tuple[list[Source], Future]], config: Config, start: Callable) -> Iterator[DocRows]:
    """The chunks in flight when a worker died (or whose rows did not come back): those that
    finished keep their rows; the files of the others are read again one at a time by a single
    worker, so a crash or an error now names its file."""
    single: Pool | None = None
    finished = False
    try:
        for chunk, future in suspects:
            if future.done() and not future.cancelled() and future.exception() is None:
                yield from future.result()
                continue
            for source in chunk:
                if single is None:
                    single = Pool(1, config, start)
                try:
                    yield single.submit(process_to_rows, source, config).result()
                except BrokenProcessPool:
                    single.close(finished=False)
                    single = None
                    yield crashed(source)
                except Exception as exc:  # noqa: BLE001
                    yield _unsent(source, exc)
        finished = True
    finally:
        if single is not None:
            single.close(finished)
