r"""Find the input files: files and folders given on the command line, folders walked recursively.

Order is sorted and paths are relative to the input root with `/` separators, so the same
archive gives the same `source_path` values (and the same row order) on every machine.
Hidden files and folders (".DS_Store", ".git") are not documents and are passed over; folder
links are not followed (no loops); an unreadable folder becomes a row with its reason.

A file name is data, whatever its bytes: names that are not UTF-8 (archives unzipped from
Windows are full of them) keep their bytes in `source_path` as `\xNN` escapes, and a backslash
is written `\\`, so the text maps back to exactly one name (`name_bytes`). With several inputs,
each one's paths start with its folder's name, or with as many of its parent folders as it
takes to tell two inputs of the same name apart (`2023/in/...`, `2024/in/...`).
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Source:
    path: Path
    rel: str  # source_path: relative to its input root, "/"-separated
    problem: str | None = None  # set when the file cannot even be listed or opened


_ESCAPED = re.compile(r"[\\\udc80-\udcff]")  # a backslash, or a byte that was not UTF-8 (surrogateescape)
_ESCAPE = re.compile(r"\\(\\|x[0-9a-f]{2})")


def name_text(name: str) -> str:
    """A file name as text that Arrow (UTF-8) stores and that maps back to its bytes."""
    if not _ESCAPED.search(name):
        return name
    return _ESCAPED.sub(lambda m: "\\\\" if m.group() == "\\" else f"\\x{ord(m.group()) - 0xDC00:02x}", name)


def name_bytes(text: str) -> bytes:
    """The file name (`os.fsencode`) that `name_text` gave `text` for."""
    return os.fsencode(_ESCAPE.sub(lambda m: "\\" if m.group(1) == "\\" else chr(0xDC00 + int(m.group(1)[1:], 16)),
                                   text))


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
        problems.append(Source(where, name_text(f"{prefix}{rel}"), f"folder cannot be read: {exc.strerror}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            found.append(Source(path, name_text(prefix + path.relative_to(root).as_posix()), _special(path)))
    return sorted(found + problems, key=lambda s: s.rel)


def discover(inputs: list[Path]) -> list[Source]:
    """All input files; with several inputs, each one's paths start with its own label. An
    input given twice is read once."""
    inputs = list(dict.fromkeys(Path(os.path.abspath(p)) for p in inputs))
    labels = _labels(inputs) if len(inputs) > 1 else [None]
    sources: list[Source] = []
    for root, label in zip(inputs, labels):
        if root.is_dir():
            sources += _walk(root, f"{label}/" if label else "")
        else:
            sources.append(Source(root, name_text(label or root.name), _special(root)))
    return sources


def _labels(roots: list[Path]) -> list[str]:
    """Each root's name, with as many parent folders as it takes to make it unique."""
    depth = [1] * len(roots)
    while True:
        labels = ["/".join(root.parts[-d:]).lstrip("/") for root, d in zip(roots, depth)]
        seen: dict[str, list[int]] = {}
        for i, label in enumerate(labels):
            seen.setdefault(label, []).append(i)
        clashes = [i for group in seen.values() if len(group) > 1 for i in group if depth[i] < len(roots[i].parts)]
        if not clashes:
            return labels
        for i in clashes:
            depth[i] += 1
