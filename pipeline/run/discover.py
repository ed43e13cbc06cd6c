"""Find the input files: files and folders given on the command line, folders walked recursively.

Order is sorted and paths are relative to the input root with `/` separators, so the same
archive gives the same `source_path` values (and the same row order) on every machine.
Hidden files and folders (".DS_Store", ".git") are not documents and are passed over; folder
links are not followed (no loops); an unreadable folder becomes a row with its reason.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Source:
    path: Path
    rel: str  # source_path: relative to its input root, "/"-separated
    problem: str | None = None  # set when the file cannot even be listed or opened


def _special(path: Path) -> str | None:
    """Why a path that is not a regular file is not read. A named pipe blocks whoever opens it
    (the cache's hashing hung the run before any time limit) and a device such as /dev/zero never
    ends (its size reads as 0, so the size limit did not stop it)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # a dangling or looping link: process_file says what is wrong with it
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "a special file")
    return f"{kind}, not a regular file: not read"


def _walk(root: Path, prefix: str) -> list[Source]:
    found: list[Source] = []
    problems: list[Source] = []

    def onerror(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else root
        rel = where.relative_to(root).as_posix() if where != root else "."
        problems.append(Source(where, f"{prefix}{rel}", f"folder cannot be read: {exc.strerror}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            found.append(Source(path, prefix + path.relative_to(root).as_posix(), _special(path)))
    return sorted(found + problems, key=lambda s: s.rel)


def discover(inputs: list[Path]) -> list[Source]:
    """All input files; with several inputs, each one's paths start with its own name."""
    sources: list[Source] = []
    for root in inputs:
        prefix = f"{root.name}/" if len(inputs) > 1 else ""
        if root.is_dir():
            sources += _walk(root, prefix)
        else:
            sources.append(Source(root, root.name, _special(root)))
    return sources
