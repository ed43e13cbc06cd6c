"""Read the data files in lexicons/ (once per process), plus an analyst's own additions.

An analyst adds synonyms without touching code: a folder holding TSV files named like the
built-in ones (same header) is read after them, its rows appended. Give it with
`chitieu run --lexicons DIR` or the environment variable CHITIEU_LEXICONS (folders separated
by the OS path separator).
"""
from __future__ import annotations

import functools
import os
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import TypeVar

ENV = "CHITIEU_LEXICONS"
F = TypeVar("F", bound=Callable)
_CACHES: list = []
_ON_CHANGE: list[Callable[[], None]] = []  # other caches that depend on lexicons


def lexicon_cache(func: F) -> F:
    """functools.cache for anything built from lexicons, cleared when the lexicons change."""
    cached = functools.cache(func)
    _CACHES.append(cached)
    return cached  # type: ignore[return-value]


def use_extra(*folders: Path) -> None:
    """Read these folders' TSV files after the built-in ones (none: built-ins only)."""
    if folders:
        os.environ[ENV] = os.pathsep.join(str(f) for f in folders)
    else:
        os.environ.pop(ENV, None)
    for cached in _CACHES:
        cached.cache_clear()
    for hook in _ON_CHANGE:
        hook()


def _parse(text: str) -> tuple[list[str], list[list[str]]]:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return lines[0].split("\t"), [ln.split("\t") for ln in lines[1:]]


@lexicon_cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `lexicons/<name>.tsv` as dicts keyed by its header; `#` lines are comments."""
    header, rows = _parse(files("lexicons").joinpath(f"{name}.tsv").read_text(encoding="utf-8"))
    for folder in filter(None, os.environ.get(ENV, "").split(os.pathsep)):
        extra = Path(folder) / f"{name}.tsv"
        if extra.is_file():
            extra_header, extra_rows = _parse(extra.read_text(encoding="utf-8"))
            rows += [[dict(zip(extra_header, r)).get(key, "") for key in header] for r in extra_rows]
    return tuple({key: (r[i].strip() if i < len(r) else "") for i, key in enumerate(header)} for r in rows)


def column(name: str, key: str) -> tuple[str, ...]:
    return tuple(row[key] for row in table(name) if row[key])
