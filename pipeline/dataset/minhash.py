"""MinHash signatures and their LSH index, for the near-duplicate check (`duplicates`).

The values are exactly those of datasketch 2's `MinHash(num_perm=64, hashfunc=zlib.crc32,
seed=1)` (its default "affine32" scheme: each CRC-32 pre-mixed by the MurmurHash3 finalizer,
then `a*h + b` mod 2^32 for 64 odd `a` and `b` drawn from `RandomState(1)`), and `Index`
finds the candidates datasketch's `MinHashLSH(threshold=0.8, num_perm=64)` finds (5 bands of
11 values: any identical band makes a candidate), so the sketches and every duplicate decision
are what they were with datasketch (tests/test_minhash.py compares them). datasketch itself is
not imported: the package imports scipy.integrate on import (0.5 s CPU and ~30 MB in every
worker and in the writing process, for the band sizes computed here once and for all).
"""
from __future__ import annotations

import zlib
from collections.abc import Iterable
from functools import cache

import numpy as np

PERMUTATIONS = 64
BANDS, ROWS = 5, 11  # MinHashLSH(threshold=0.8, num_perm=64)'s optimal (b, r)
SEED = 1
CHUNK = 4096  # shingles hashed at once: a long text's temporaries stay ~1 MB, not 64x its shingles
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
_EMPTY = np.uint32(0xFFFFFFFF)


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The 64 affine permutations (a odd), drawn as datasketch draws them."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, PERMUTATIONS, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, PERMUTATIONS, dtype=np.uint32)
    return a, b


def _fmix(hv: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    return hv ^ (hv >> s3)


def signature(shingles: Iterable[bytes]) -> np.ndarray:
    """The 64 minimum permuted hashes (uint32) of a set of byte strings."""
    a, b = _permutations()
    values = np.full(PERMUTATIONS, _EMPTY, dtype=np.uint32)
    hashes = np.fromiter((zlib.crc32(s) for s in shingles), dtype=np.uint32)
    for start in range(0, len(hashes), CHUNK):
        hv = _fmix(hashes[start:start + CHUNK].reshape(-1, 1))
        np.minimum(values, (hv * a + b).min(axis=0), out=values)
    return values


def from_bytes(blob: bytes) -> np.ndarray:
    """A signature again from `signature(...).tobytes()` (what the cache and the workers hand on)."""
    return np.frombuffer(blob, dtype=np.uint32)


def jaccard(x: np.ndarray, y: np.ndarray) -> float:
    """The estimated Jaccard similarity of the two sets: the share of equal values."""
    return float(np.count_nonzero(x == y)) / float(PERMUTATIONS)


class Index:
    """Candidates for similarity at least ~0.8: keys whose signature shares a band with the query's."""

    __slots__ = ("tables",)

    def __init__(self) -> None:
        self.tables: list[dict[bytes, list[str]]] = [{} for _ in range(BANDS)]

    @staticmethod
    def _bands(values: np.ndarray) -> list[bytes]:
        return [values[i * ROWS:(i + 1) * ROWS].tobytes() for i in range(BANDS)]

    def insert(self, key: str, values: np.ndarray) -> None:
        for band, table in zip(self._bands(values), self.tables):
            table.setdefault(band, []).append(key)

    def query(self, values: np.ndarray) -> set[str]:
        found: set[str] = set()
        for band, table in zip(self._bands(values), self.tables):
            found.update(table.get(band, ()))
        return found
