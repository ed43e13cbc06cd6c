"""Module-level patterns compiled on first use, not at import.

The extractors hold ~110 patterns as module constants; the `regex` module takes 0.3-1 ms to
compile each, ~0.05 s in all, paid by every run and every worker at import even when the
documents never reach the rule. `lazy(pattern, flags)` stands for `regex.compile(pattern, flags)`:
the first attribute asked compiles it and puts the compiled pattern's methods on the object, so
later calls cost what a compiled pattern's do (one instance-dictionary look-up).
"""
from __future__ import annotations

import regex

_ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "splititer",
               "pattern", "flags", "groups", "groupindex", "scanner")


class LazyPattern:
    """`regex.compile(pattern, flags)`, compiled when first used."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str):
        if name.startswith("__") or name == "_source":
            raise AttributeError(name)
        compiled = regex.compile(*self._source)
        for attribute in _ATTRIBUTES:
            self.__dict__[attribute] = getattr(compiled, attribute)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r})"


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
