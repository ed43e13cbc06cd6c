"""One run at a time per output folder and per cache: an advisory lock the kernel releases.

Two runs writing one `--out` used to delete each other's staging folder and both exit 0 with a
manifest that counted rows the Parquet did not hold. Each run now holds an exclusive `flock`
on a lock file beside its output folder (and one in its cache folder) from its first step to its
last; a second run is refused at once with the holder's PID. The kernel drops the lock when its
process ends, however it ends (a SIGKILL included): a lock file left behind never blocks.
A run deletes its lock file when it ends. A run that opened the file just before it was deleted
would lock a file no longer there, so a lock counts only when the path still names the file
locked (checked after locking, tried again otherwise). A file a killed run left is simply locked
by the next one.
"""
from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, runs are not serialised
    fcntl = None


class Busy(Exception):
    """Another run holds the lock; the message says which and what to do."""


class Lock:
    """An exclusive lock on `path`, taken by `acquire` and given back by `release`."""

    def __init__(self, path: Path, what: str, advice: str) -> None:
        self.path, self.what, self.advice = path, what, advice
        self.fd: int | None = None

    def acquire(self) -> "Lock":
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            if fcntl is None:
                break
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 32).decode(errors="replace").strip() or "?"
                os.close(fd)
                raise Busy(f"{self.what} is in use by another chitieu run (pid {holder}): "
                           f"wait for it to end, or {self.advice}") from None
            if _same_file(fd, self.path):
                break
            os.close(fd)  # deleted by the run that held it, between our open and our lock: again
        try:  # who holds it, for the message of a run refused (a full disk can refuse the write)
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is not None:
            if fcntl is not None:
                self.path.unlink(missing_ok=True)  # while still locked: see the module's docstring
            os.close(self.fd)  # closing the descriptor drops the flock
            self.fd = None

    def __enter__(self) -> "Lock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)
