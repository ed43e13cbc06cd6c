"""Where the per-document function runs: in this process, a local process pool, or a Dask cluster.

Every engine yields one `DocRows` per source, in the sources' order, whatever order the workers
finish in, so the dataset is the same with any engine and any worker count. Heavy objects
(lexicons, compiled grammars, the gazetteer) are loaded once per worker by `warm_up`.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import islice

from .. import components
from ..config import Config
from . import failure
from .discover import Source
from .pool import die_with_parent, failed_rows, ignore_interrupts, run_pool
from .results import DocRows, process_to_rows

DASK_WINDOW = 256  # futures in flight on a cluster: results stream, memory stays flat


def limit_memory(config: Config) -> None:
    """Bound this worker's heap, so a file that explodes fails alone (MemoryError -> error row)."""
    if config.memory_per_worker_bytes <= 0:
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_DATA, (config.memory_per_worker_bytes, config.memory_per_worker_bytes))
    except (ImportError, ValueError, OSError):  # not on this platform: no bound
        return
    failure.memory_bound["bytes"] = config.memory_per_worker_bytes


def start_worker(config: Config, parent: int) -> None:
    """A pool worker's first steps: leave interrupts to the parent, die with it, load, bound."""
    ignore_interrupts()
    die_with_parent(parent)
    warm_up(config)
    limit_memory(config)


def warm_up(config: Config) -> None:
    """Load every component and what it reads, before the first document."""
    from ..gazetteer import gazetteer
    from ..ingest import assemble, read
    from ..model import Status

    components.load(config.plugins)
    for name in config.components:
        components.get(name)
    if "gazetteer" in config.components:
        gazetteer()
    doc = assemble(read("BÁO CÁO\nTổng kết năm 2024: thu ngân sách đạt 1,5 tỷ đồng.\n".encode()), "warm", "warm.txt")
    for name in config.components:
        components.get(name)(doc)
    assert doc.status == Status.OK


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def local(sources: list[Source], config: Config, workers: int) -> Iterator[DocRows]:
    if workers <= 1 or len(sources) <= 1:
        for source in sources:
            yield process_to_rows(source, config)
        return
    yield from run_pool(sources, config, workers, start_worker)


def dask(sources: list[Source], config: Config, workers: int, scheduler: str | None) -> Iterator[DocRows]:
    """Run on a Dask cluster: `scheduler` is its address (tcp://host:8786), or None for a local
    cluster of `workers` processes. Workers must have chitieu installed and see the input paths."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the extra being installed
        raise RuntimeError("the Dask engine needs dask.distributed: pip install 'chitieu[dask]'") from exc
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        client.run(warm_up, config)
        it = iter(sources)
        while window := list(islice(it, DASK_WINDOW)):
            futures = client.map(process_to_rows, window, config=config, pure=False)
            for source, future in zip(window, futures):
                try:
                    rows = future.result()
                except Exception as exc:  # noqa: BLE001 - a task Dask gave up on (KilledWorker ...): its file fails alone
                    rows = failed_rows(source, f"the cluster could not read this file: {type(exc).__name__}: "
                                               f"{' '.join(str(exc).split())[:160]}")
                yield rows
                future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
