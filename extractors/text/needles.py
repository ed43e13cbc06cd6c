"""Literal prefilters for lexicon patterns: skip a pattern when none of its needles is in the text.

Most sentences name none of the ~60 indicator forms, yet running each form over each sentence
cost more than half of the figure extractor (the `regex` module spends ~5 µs per call and
~75 ns per character and pattern). A pattern almost always contains words that every match
must contain ("tỷ lệ hộ nghèo|hộ nghèo..." needs "hộ nghèo"); a substring test on the lowered
text is ~100 times cheaper than the pattern. `needles` finds such words from the parsed pattern:
for each top-level alternative, the longest literal run it cannot match without. When a pattern
has an alternative without one (or the parser cannot read it), it gets no filter and always
runs, so the filter never changes a result.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import regex

try:  # the standard library's own regex parser (private, stable in CPython 3.11-3.13)
    from re import _constants as _c, _parser as _sre_parse
except ImportError:  # pragma: no cover - another Python: no filters, same results
    _c = _sre_parse = None

_NOTHING = iter(())
# A brace that is no {m,n} repeat: fuzzy matching ("{e<=1}") and other syntax of the `regex`
# module that the standard parser would read as literal text.
_FOREIGN_BRACE = re.compile(r"(?<!\\)\{(?!\d*,?\d*\})|(?<=\\N)\{")
_PROPERTY = re.compile(r"\\[pP]\{[^}]*\}")


def needles(pattern: str) -> tuple[str, ...] | None:
    """Lowercase strings one of which every match of `pattern` contains (case-insensitively), or
    None when no such set is known."""
    pattern = _PROPERTY.sub(".", pattern)
    if _sre_parse is None or _FOREIGN_BRACE.search(pattern):
        return None
    try:
        tree = _sre_parse.parse(pattern)
    except Exception:  # syntax of the `regex` module only (possessive, fuzzy ...): no filter  # noqa: BLE001
        return None
    found = _required(list(tree))
    if not found or any(not s.strip() for s in found):
        return None
    found = set(found)  # a needle holding another adds nothing: the shorter one is there too
    return tuple(sorted(s for s in found if not any(o != s and o in s for o in found)))


def _required(items: list) -> list[str] | None:
    """Alternatives of required literals for a sequence of parsed items, the best one of:
    the longest literal run, or the needles of a required group/branch inside."""
    best: list[str] | None = None
    run: list[str] = []

    def take(candidate: list[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or _strength(candidate) > _strength(best)):
            best = candidate

    for op, arg in items:
        if op is _c.LITERAL:
            run.append(chr(arg).lower())
            continue
        take(["".join(run)] if run else None)
        run = []
        if op is _c.SUBPATTERN:
            take(_required(list(arg[-1])))
        elif op is _c.BRANCH:
            alternatives = [_required(list(branch)) for branch in arg[1]]
            if all(alternatives):
                take([s for alt in alternatives for s in alt])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and arg[0] >= 1:
            take(_required(list(arg[2])))
    take(["".join(run)] if run else None)
    return best


def _strength(candidates: list[str]) -> float:
    """Longer and fewer needles filter better."""
    return min(len(s.strip()) for s in candidates) - 0.1 * len(candidates)


class Filtered:
    """A pattern with its needles: `finditer(text, lowered)` runs it only when one of them is in
    `lowered` (the text's `.lower()`, computed once by the caller for many patterns).

    The pattern is compiled when a text first holds one of its needles, not when the lexicon is
    read: a lexicon has hundreds of forms, the `regex` module takes ~0.5 ms to compile each, and
    a run (or a worker) that never meets a form never pays for it."""

    __slots__ = ("source", "flags", "needles", "_compiled")

    def __init__(self, pattern: str, flags: int = regex.IGNORECASE) -> None:
        self.source = pattern
        self.flags = flags
        self.needles = needles(pattern)
        self._compiled: regex.Pattern | None = None

    @property
    def regex(self) -> regex.Pattern:
        if self._compiled is None:
            self._compiled = regex.compile(self.source, self.flags)
        return self._compiled

    def may_match(self, text: str, lowered: str | None = None) -> bool:
        """False when no match is possible: none of the needles is in the text."""
        if self.needles is None:
            return True
        if lowered is None:
            lowered = text.lower()
        for needle in self.needles:
            if needle in lowered:
                return True
        return False

    def finditer(self, text: str, lowered: str | None = None):
        if self.needles is None:
            return self.regex.finditer(text)
        if lowered is None:
            lowered = text.lower()
        for needle in self.needles:
            if needle in lowered:
                return self.regex.finditer(text)
        return _NOTHING

    def __repr__(self) -> str:
        return f"Filtered({self.source!r}, needles={self.needles!r})"


class FilteredGroup:
    """Several `Filtered` patterns run over the same texts, as a lexicon's forms are. Which
    patterns may match is found in one scan of the text: all the group's needles make one trie,
    written as a pattern that a lookahead tries at every position, so each position gives the
    longest needle starting there; the needles inside that one ("nghèo" in "hộ nghèo") are there
    too. One C-level scan instead of a Python loop over ~150 needles (a substring test each) made
    the subject forms' look-up four times cheaper."""

    __slots__ = ("patterns", "_always", "_by_needle", "_scan", "_ids_within")

    def __init__(self, patterns: Iterable[Filtered]) -> None:
        self.patterns = tuple(patterns)
        self._always = frozenset(i for i, p in enumerate(self.patterns) if p.needles is None)
        by_needle: dict[str, list[int]] = {}
        for i, pattern in enumerate(self.patterns):
            for needle in pattern.needles or ():
                by_needle.setdefault(needle, []).append(i)
        self._by_needle = by_needle
        self._scan: re.Pattern | None = None  # compiled on first use, as the patterns are
        self._ids_within: dict[str, frozenset[int]] = {}

    def _scanner(self) -> re.Pattern:
        if self._scan is None:
            needles = list(self._by_needle)
            # the patterns a needle's presence lets run: its own and those of the needles it holds
            self._ids_within = {n: frozenset(i for other in needles if other in n for i in self._by_needle[other])
                                for n in needles}
            self._scan = re.compile(f"(?=({_trie(needles)}))" if needles else r"(?!)")
        return self._scan

    def candidates(self, text: str) -> set[int]:
        """Indices of the patterns that may match `text`: those without needles and those one of
        whose needles is in the text's `.lower()`."""
        scan = self._scanner()
        chosen = set(self._always)
        within = self._ids_within
        for needle in scan.findall(text.lower()):
            chosen.update(within[needle])
        return chosen

    def finditer(self, text: str) -> Iterator[tuple[int, regex.Match]]:
        """(index of the pattern, match) for the matches of every pattern in turn: the same as
        `patterns[i].finditer(text)` for each i in order."""
        for i in sorted(self.candidates(text)):
            for match in self.patterns[i].regex.finditer(text):
                yield i, match


def _trie(words: list[str]) -> str:
    """A pattern matching the longest of `words` that starts where it is tried: the words' trie,
    each node an alternation of its next characters, a word's end an optional rest (greedy, so
    the longest word on the text's path wins)."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def lexicon_word_pattern(body: str) -> Filtered:
    """A lexicon form as a pattern that matches whole words only ("CN" is not in "CNTT")."""
    return Filtered(rf"(?<![\p{{L}}])(?:{body})(?![\p{{L}}])")
