"""The near-duplicate check's own MinHash gives datasketch's values and candidates (so the
duplicate decisions and the cached sketches are what they were), without importing it at run time."""
import random
import zlib

import pytest

from pipeline.dataset import minhash

datasketch = pytest.importorskip("datasketch")


def _sets(seed: int, n: int) -> list[set[bytes]]:
    rng = random.Random(seed)
    words = [f"từ{i}".encode() for i in range(400)]
    base = {b" ".join(rng.sample(words, 5)) for _ in range(300)}
    out = []
    for _ in range(n):  # near copies of one set, and others
        kept = {s for s in base if rng.random() < rng.choice((0.99, 0.9, 0.5))}
        out.append(kept | {b" ".join(rng.sample(words, 5)) for _ in range(rng.randrange(0, 40))})
    return out


def _theirs(shingles: set[bytes]):
    m = datasketch.MinHash(num_perm=minhash.PERMUTATIONS, hashfunc=zlib.crc32, seed=minhash.SEED)
    m.update_batch(sorted(shingles))
    return m


@pytest.mark.parametrize("size", [1, 7, minhash.CHUNK + 3])
def test_signature_is_datasketchs(size):
    rng = random.Random(size)
    shingles = {rng.randbytes(rng.randrange(1, 40)) for _ in range(size)}
    assert minhash.signature(shingles).tobytes() == _theirs(shingles).hashvalues.tobytes()


def test_jaccard_and_candidates_are_datasketchs():
    sets = _sets(5, 40)
    ours = [minhash.signature(s) for s in sets]
    theirs = [_theirs(s) for s in sets]
    lsh = datasketch.MinHashLSH(threshold=0.8, num_perm=minhash.PERMUTATIONS)
    assert (lsh.b, lsh.r) == (minhash.BANDS, minhash.ROWS)
    index = minhash.Index()
    for i, (o, t) in enumerate(zip(ours, theirs)):
        assert set(lsh.query(t)) == index.query(o)
        for j in range(i):
            assert minhash.jaccard(o, ours[j]) == t.jaccard(theirs[j])
        lsh.insert(str(i), t)
        index.insert(str(i), o)
    assert any(len(index.query(o)) > 1 for o in ours)  # the sets do have near copies


def test_signature_round_trips_through_bytes():
    values = minhash.signature({b"a b c d e", b"b c d e f"})
    assert (minhash.from_bytes(values.tobytes()) == values).all()
