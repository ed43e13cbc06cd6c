"""Parallel, cached and distributed runs give the same dataset."""
import hashlib
from pathlib import Path

import pytest

from pipeline import lexicon
from pipeline.config import Config
from pipeline.run.batch import Options, run

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*.parquet"))}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    if not any(RAW.glob("*.*")):
        pytest.skip("data/raw is empty")
    return RAW


@pytest.fixture(scope="module")
def serial(archive, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("serial") / "out"
    run([archive], out, Config.load(), Options(workers=1))
    return out


def test_two_workers_write_byte_identical_files(archive, serial, tmp_path):
    run([archive], tmp_path / "out", Config.load(), Options(workers=2, batch=4))
    run([archive], tmp_path / "again", Config.load(), Options(workers=1, batch=4))
    assert digest(tmp_path / "out") == digest(tmp_path / "again")


def test_batches_do_not_change_the_rows(archive, serial, tmp_path):
    import pyarrow.dataset as ds

    run([archive], tmp_path / "out", Config.load(), Options(workers=2, batch=3))
    for table in ("documents", "indicators", "awards"):
        a = ds.dataset(serial / table).to_table().to_pylist()
        b = ds.dataset(tmp_path / "out" / table).to_table().to_pylist()
        key = lambda r: (r["source_path"], r.get("char_start", 0), str(r.get("measure", "")), str(r.get("award", "")))  # noqa: E731
        assert sorted(a, key=key) == sorted(b, key=key)


def test_cache_hits_misses_and_invalidation(archive, serial, tmp_path):
    cache = tmp_path / "cache"
    first = run([archive], tmp_path / "a", Config.load(), Options(cache_dir=cache))
    assert first.cache_hits == 0 and first.cache_misses == first.documents
    second = run([archive], tmp_path / "b", Config.load(), Options(cache_dir=cache))
    assert second.cache_misses == 0 and second.cache_hits == second.documents
    assert digest(tmp_path / "a") == digest(tmp_path / "b") == digest(serial)
    # an analyst's lexicon changes what is extracted: nothing of the cache is reused
    extra = tmp_path / "lex"
    extra.mkdir()
    (extra / "indicator_forms.tsv").write_text("pattern\tcode\tnote\nsố cây xanh\tother\t\n", encoding="utf-8")
    lexicon.use_extra(extra)
    try:
        third = run([archive], tmp_path / "c", Config.load(), Options(cache_dir=cache))
    finally:
        lexicon.use_extra()
    assert third.cache_hits == 0


def test_a_new_file_is_the_only_one_extracted(archive, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(archive.glob("*.txt"))[:3]:
        (folder / path.name).write_bytes(path.read_bytes())
    cache = tmp_path / "cache"
    run([folder], tmp_path / "a", Config.load(), Options(cache_dir=cache))
    (folder / "new.txt").write_text("BÁO CÁO\nTổng kết năm 2024\nThu ngân sách đạt 2,5 tỷ đồng.\n", encoding="utf-8")
    again = run([folder], tmp_path / "b", Config.load(), Options(cache_dir=cache))
    assert (again.cache_hits, again.cache_misses) == (3, 1)


def test_renamed_files_come_from_the_cache_under_their_new_names(archive, tmp_path):
    """A hit's rows are rewritten to the path the content has now, in every table."""
    first, renamed = tmp_path / "in", tmp_path / "renamed"
    first.mkdir()
    renamed.mkdir()
    for path in sorted(archive.glob("*.*"))[:4]:
        (first / path.name).write_bytes(path.read_bytes())
        (renamed / f"moved-{path.name}").write_bytes(path.read_bytes())
    cache = tmp_path / "cache"
    run([first], tmp_path / "a", Config.load(), Options(cache_dir=cache))
    again = run([renamed], tmp_path / "b", Config.load(), Options(cache_dir=cache))
    assert again.cache_hits == again.documents == 4
    run([renamed], tmp_path / "fresh", Config.load(), Options())
    assert digest(tmp_path / "b") == digest(tmp_path / "fresh")


def test_a_damaged_cache_entry_is_extracted_again(archive, serial, tmp_path):
    cache = tmp_path / "cache"
    run([archive], tmp_path / "a", Config.load(), Options(cache_dir=cache))
    entries = sorted(cache.rglob("*.pkl"))
    assert entries
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:40])  # a disk that filled up, a copy cut short
    again = run([archive], tmp_path / "b", Config.load(), Options(workers=2, cache_dir=cache))
    assert again.cache_hits == 0
    assert digest(tmp_path / "b") == digest(serial)
    assert run([archive], tmp_path / "c", Config.load(), Options(cache_dir=cache)).cache_hits == len(entries)


def test_an_interrupted_run_resumes_from_the_cache(archive, tmp_path):
    cache = tmp_path / "cache"
    done = []

    def interrupt(rows):
        done.append(rows.source_path)
        if len(done) == 5:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run([archive], tmp_path / "out", Config.load(), Options(cache_dir=cache), on_done=interrupt)
    assert not (tmp_path / "out").exists()  # nothing half-written
    resumed = run([archive], tmp_path / "out", Config.load(), Options(cache_dir=cache))
    assert resumed.cache_hits >= 5


def test_the_dask_engine_writes_the_same_dataset(archive, serial, tmp_path):
    pytest.importorskip("distributed", reason="the Dask engine needs dask.distributed (pip install 'chitieu[dask]')")
    run([archive], tmp_path / "out", Config.load(), Options(workers=2, engine="dask"))
    assert digest(tmp_path / "out") == digest(serial)


def test_an_edited_rule_changes_the_cache_fingerprint(tmp_path):
    """The cache must not serve rows an older version of the code made."""
    from pipeline.run.cache import source_digest

    code = tmp_path / "rules"
    code.mkdir()
    (code / "figures.py").write_text("LIMIT = 1\n")
    before = source_digest(code)
    source_digest.cache_clear()
    (code / "figures.py").write_text("LIMIT = 2\n")
    assert source_digest(code) != before
    source_digest.cache_clear()
    (code / "figures.py").write_text("LIMIT = 1\n")
    assert source_digest(code) == before
