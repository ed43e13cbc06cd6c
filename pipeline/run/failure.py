"""Why one document failed, in one line, whatever it raised.

A limit reads as the limit it hit and the setting that raises it ("needs more than 4096 MB of
memory"); anything else is a defect of chitieu or of a library and says where it happened, with
"(please report)". Interrupts (KeyboardInterrupt, SystemExit) are not a document's failure and
are never turned into one.
"""
from __future__ import annotations

from ..config import Config

# The heap bound a worker process set on itself (`engines.limit_memory`); 0: none in this process.
memory_bound = {"bytes": 0}


class FileTimeout(BaseException):
    """A file took longer than the configured limit (a BaseException, so no reader swallows it)."""


class TooLarge(Exception):
    """A document exceeds a configured bound; the message names it and the setting."""


def _one_line(text: str, limit: int = 160) -> str:
    return " ".join(text.split())[:limit]


def reason(exc: BaseException, step: str, config: Config) -> str:
    if isinstance(exc, FileTimeout):
        return (f"took longer than {config.seconds_per_file:.0f} s: refused "
                "(raise limits.seconds_per_file to allow it)")
    if isinstance(exc, TooLarge):
        return str(exc)
    if isinstance(exc, MemoryError):
        bound = memory_bound["bytes"]
        if bound:
            return (f"needs more than {bound // 2**20} MB of memory ({step}): refused "
                    "(raise limits.memory_per_worker_mb to allow it)")
        return f"needs more memory than this machine has ({step}): refused"
    if isinstance(exc, RecursionError):
        return f"nested too deeply to read ({step}): refused"
    return f"{step} failed: {type(exc).__name__}: {_one_line(str(exc))} (please report)"
