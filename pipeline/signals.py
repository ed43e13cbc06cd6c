"""Answer some signals with a handler of our own for the length of a block.

Two places need it: a run turns SIGTERM and SIGHUP into a clean stop (`pipeline/run/interrupts`),
and the writer holds every stop signal back while it swaps the finished dataset in
(`pipeline/dataset/writer`). Handlers are swapped rather than the signal mask changed: a mask is
per thread, and the progress bar's thread would take the signal for the main thread. Python sets
handlers only in the main thread; elsewhere the block runs with the caller's handlers.
"""
from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator

# Ctrl-C, `kill`/`timeout`/systemd, a closed terminal (SIGHUP does not exist on Windows).
STOPS: tuple[int, ...] = tuple(s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None))
                               if s is not None)


@contextlib.contextmanager
def handled(signums: tuple[int, ...], handler: Callable) -> Iterator[None]:
    """For the block, `handler` answers `signums`; the previous handlers are put back after it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, handler) for s in signums}
    try:
        yield
    finally:
        for s, old in previous.items():
            signal.signal(s, signal.SIG_DFL if old is None else old)
