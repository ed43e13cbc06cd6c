"""SIGTERM and SIGHUP end a run the way Ctrl-C does.

`timeout`, systemd and batch schedulers stop a job with SIGTERM, a closed terminal sends SIGHUP.
Their default action kills the parent at once, leaving its workers running and the staging
folder behind. During a run they raise `Interrupted` (a KeyboardInterrupt) in the main thread
instead, so the same clean-up runs as for Ctrl-C: workers killed, staging folder deleted, lock
given back, the previous dataset untouched; the command line then exits 128 + the signal.
"""
from __future__ import annotations

import contextlib
import signal
import threading


class Interrupted(KeyboardInterrupt):
    """The run was stopped by a signal; `signum` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise(signum, frame):
    raise Interrupted(signum)


@contextlib.contextmanager
def signals_interrupt():
    """For the block, SIGTERM and SIGHUP raise `Interrupted` (main thread only: elsewhere Python
    cannot set handlers, and the caller's own stay)."""
    wanted = [s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, _raise) for s in wanted}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, signal.SIG_DFL if handler is None else handler)
