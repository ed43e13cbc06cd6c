"""Fault injection: whatever goes wrong for one file, one worker, one signal, one disk or one
other run, the batch completes with a whole and right dataset, or (where the run cannot finish)
the previous dataset is left as it was.

Faults come from `tests/fixtures/plugins/fault_plugin.py`, a component that reads what to do in
the document's text (raise an exception, spoil a figure, kill its worker, block mid-file until
the test releases it). Tests that stop a run mid-file wait for the plugin's `reached-PID` file,
never for a fixed time, so they do not depend on the machine's speed. Disk tests mount a small
tmpfs (root only; skipped with the reason elsewhere).
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.config import Config
from pipeline.dataset import read_table
from pipeline.dataset.catalog import CATALOG, write_catalog
from pipeline.dataset.writer import MANIFEST, DatasetWriter, OutputError, lock_path
from pipeline.run import Options, run
from pipeline.dataset.lock import Busy
from pipeline.model import Document, Status
from pipeline.run.cache import Cache
from pipeline.run.results import rows_of

from tests.processes import group_alive, wait_until

ROOT = Path(__file__).resolve().parents[1]
PLUGINS = ROOT / "tests" / "fixtures" / "plugins"
CHITIEU = Path(sys.executable).with_name("chitieu")
LINUX = sys.platform.startswith("linux")
DEADLINE = 90.0  # any one wait: a hang fails the test instead of blocking the suite
runner = CliRunner()


def report(i: int, extra: str = "") -> str:
    """A tiny report of our own whose one figure is (i + 1),5 tỷ đồng."""
    return f"BÁO CÁO\nTổng kết năm 2024 {extra}\nThu ngân sách trên địa bàn đạt {i + 1},5 tỷ đồng.\n"


def make_archive(folder: Path, n: int, faults: dict[int, str] | None = None) -> Path:
    folder.mkdir(parents=True)
    for i in range(n):
        (folder / f"{i:02d}.txt").write_text(report(i, (faults or {}).get(i, "")), encoding="utf-8")
    return folder


@pytest.fixture
def faults(tmp_path, monkeypatch) -> Path:
    """The plugin importable here and in spawned workers and subprocesses; its folder."""
    folder = tmp_path / "faults"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(PLUGINS))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH")])))
    monkeypatch.setenv("CHITIEU_FAULTS", str(folder))
    return folder


# Runs in worker processes and subprocesses read figures only: they test the run around the
# extraction, and without the gazetteer a worker starts in a fraction of the time.
LIGHT = ("sections", "figures")


def faulty_config(components: tuple[str, ...] | None = None, **limits) -> Config:
    base = Config.load()
    return dataclasses.replace(base, plugins=("fault_plugin",), components=(components or base.components) + ("test_faults",),
                               **limits)


def config_file(tmp_path: Path) -> Path:
    """The faulty config (light) as a file, for the command line."""
    config = faulty_config(LIGHT)
    path = tmp_path / "faulty.toml"
    components = ", ".join(f'"{c}"' for c in config.components)
    path.write_text(f'[pipeline]\nplugins = ["fault_plugin"]\ncomponents = [{components}]\n', encoding="utf-8")
    return path


def assert_whole(out: Path, n: int, failing: dict[str, str]) -> None:
    """`n` document rows, the manifest counting them, every document ok with its own figure but
    `failing` (source_path -> a piece of its one-line reason)."""
    docs = read_table(out, "documents").set_index("source_path")
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert len(docs) == n == sum(manifest["documents"].values()), manifest
    for path, piece in failing.items():
        reason = docs.loc[path, "error"]
        assert docs.loc[path, "status"] == "error" and piece in reason and "\n" not in reason, reason
    ok = docs.drop(index=list(failing))
    assert (ok["status"] == "ok").all(), ok[ok["status"] != "ok"]["error"].to_dict()
    figures = read_table(out, "indicators")
    for path in ok.index:
        i = int(path.rsplit("/", 1)[-1][:2])
        assert (i + 1.5) * 1e9 in set(figures[figures["source_path"] == path]["value"]), path


def snapshot(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


# --- one document: every exception, anywhere in its path, is its own error row -------------------

@pytest.mark.parametrize("name, piece", [
    ("MemoryError", "needs more memory than this machine has (component test_faults): refused"),
    ("RecursionError", "nested too deeply to read (component test_faults)"),
    ("ValueError", "component test_faults failed: ValueError: injected"),
    ("KeyError", "component test_faults failed: KeyError"),
    ("ZeroDivisionError", "component test_faults failed: ZeroDivisionError"),
    ("UnicodeEncodeError", "component test_faults failed: UnicodeEncodeError"),
    ("OSError", "component test_faults failed: OSError"),
    ("AssertionError", "component test_faults failed: AssertionError"),
])
def test_an_exception_of_one_component_is_that_documents_error_row(tmp_path, faults, name, piece):
    archive = make_archive(tmp_path / "in", 4, {2: f"LỖI:{name.lower()}"})
    summary = run([archive], tmp_path / "out", faulty_config())
    assert summary.statuses == {"ok": 3, "error": 1}
    assert_whole(tmp_path / "out", 4, {"02.txt": piece})


def test_rows_that_arrow_refuses_are_that_documents_error_row(tmp_path, faults):
    archive = make_archive(tmp_path / "in", 3, {1: "HỎNG"})
    run([archive], tmp_path / "out", faulty_config())
    assert_whole(tmp_path / "out", 3, {"01.txt": "building rows failed: Arrow"})


def test_a_documents_row_that_arrow_refuses_is_that_documents_error_row(tmp_path, faults):
    """The `documents` row is converted by the writer, a batch at a time: one bad value stopped
    the run."""
    run([make_archive(tmp_path / "in", 3, {1: "NĂM LẠ"})], tmp_path / "out", faulty_config())
    assert_whole(tmp_path / "out", 3, {"01.txt": "building rows failed: Arrow"})


def test_out_of_memory_while_building_rows_is_that_documents_error_row(tmp_path, faults, monkeypatch):
    """MemoryError used to escape row building (outside the per-file guard): no dataset at all."""
    import pipeline.run.results as results

    figure_rows = results.figure_rows

    def exploding(doc, row):
        if doc.source_path == "01.txt" and doc.figures:
            raise MemoryError
        return figure_rows(doc, row)

    monkeypatch.setattr(results, "figure_rows", exploding)
    run([make_archive(tmp_path / "in", 3)], tmp_path / "out", faulty_config())
    assert_whole(tmp_path / "out", 3, {"01.txt": "needs more memory than this machine has (building rows)"})


def test_a_text_or_a_figure_count_over_its_limit_is_an_error_not_an_out_of_memory(tmp_path, faults):
    archive = make_archive(tmp_path / "in", 3, {1: "rất dài " * 40})
    run([archive], tmp_path / "out", faulty_config(max_text_chars=200))
    assert_whole(tmp_path / "out", 3, {"01.txt": "over the limit of 200 (raise limits.max_text_chars"})
    many = tmp_path / "many"
    many.mkdir()
    (many / "00.txt").write_text(report(0), encoding="utf-8")
    (many / "01.txt").write_text(report(1) + "Thu ngân sách xã đạt 2 tỷ đồng, chi ngân sách đạt 3 tỷ đồng.\n",
                                 encoding="utf-8")
    run([many], tmp_path / "out2", faulty_config(max_figures_per_document=2))
    assert_whole(tmp_path / "out2", 2, {"01.txt": "gives over 2 figures and awards"})


# --- workers: a crash keeps the pool; MemoryError under the worker's bound --------------------

def test_a_worker_killed_mid_file_costs_that_file_and_the_pool_goes_on(tmp_path, faults):
    """After a crash the in-flight files are read again one by one, then a fresh pool takes the
    rest: a handful of processes, not one per remaining file (0.65 files/s before)."""
    n = 40
    archive = make_archive(tmp_path / "in", n, {5: "SẬP", 12: "LỖI:memoryerror", 20: "KHÔNG GỬI"})
    run([archive], tmp_path / "out", faulty_config(LIGHT), Options(workers=2))
    assert_whole(tmp_path / "out", n, {"05.txt": "worker reading this file crashed",
                                       "12.txt": "needs more than 4096 MB of memory (component test_faults)",
                                       "20.txt": "returning rows failed: TypeError: this note cannot be pickled"})
    processes = len(list(faults.glob("pid-*")))  # (the retry of the unsent chunk included)
    assert processes <= 7, f"{processes} worker processes for {n} files: the pool was not kept"


def test_a_pool_that_breaks_between_two_submits_costs_no_run(tmp_path, monkeypatch):
    """A worker can die after one chunk's rows came back and before the next chunk is sent: the
    submit itself then raises BrokenProcessPool. The chunks in flight are read again one by one
    and a fresh pool takes the rest, as when the break shows in a result."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from pipeline.run import pool as pool_module
    from pipeline.run.discover import discover

    calls = {"submits": 0}

    class InProcess:  # runs each chunk at once; the 3rd submit of the first pool finds it broken
        def __init__(self, workers, config, start):
            self.first = calls.setdefault("pools", 0) == 0
            calls["pools"] += 1
            self.futures: list[Future] = []

        def submit(self, fn, *args):
            calls["submits"] += 1
            if self.first and calls["submits"] == 3:
                for f in self.futures:
                    if not f.done():
                        f.set_exception(BrokenProcessPool("a worker died"))
                raise BrokenProcessPool("a worker died")
            future: Future = Future()
            self.futures.append(future)
            if not self.first or calls["submits"] < 2:
                future.set_result(fn(*args))  # the 2nd stays in flight when the pool breaks
            return future

        def close(self, finished):
            pass

    monkeypatch.setattr(pool_module, "Pool", InProcess)
    archive = make_archive(tmp_path / "in", 6)
    sources = discover([archive])
    rows = list(pool_module.run_pool(sources, Config.load(), 1, None))
    assert [r.source_path for r in rows] == [s.rel for s in sources]
    assert all(r.status == "ok" for r in rows), [(r.source_path, r.error) for r in rows]
    assert calls["pools"] >= 2


# --- signals ------------------------------------------------------------------------------------

def _wait(condition, proc: subprocess.Popen | None = None, seconds: float = DEADLINE) -> bool:
    return wait_until(condition, proc, seconds)


@contextlib.contextmanager
def blocked_run(tmp_path: Path, faults: Path, out: Path, *extra: str):
    """`chitieu run` (its own process group, 2 workers) over 8 files, held mid-file on the 4th;
    yields once a worker is there. Whatever happens, the group is killed at the end."""
    archive = make_archive(tmp_path / "blocked", 8, {3: "CHẶN"})
    err = (tmp_path / "stderr").open("w+")
    proc = subprocess.Popen([str(CHITIEU), "run", str(archive), "--out", str(out), "-q", "-j", "2",
                             "--config", str(config_file(tmp_path)), *extra],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
    try:
        assert _wait(lambda: any(faults.glob("reached-*")), proc), f"never reached the block: {proc.poll()}"
        yield proc, err
    finally:
        (faults / "release").touch()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        err.close()


needs_cli = pytest.mark.skipif(not LINUX or not CHITIEU.exists(), reason="needs Linux (/proc) and the installed `chitieu`")


@needs_cli
@pytest.mark.parametrize("sig, to", [(signal.SIGINT, "parent"), (signal.SIGTERM, "parent"),
                                     (signal.SIGINT, "group"), (signal.SIGTERM, "group")])
def test_a_signal_ends_the_run_and_its_workers_at_once(tmp_path, faults, sig, to):
    out = tmp_path / "out"
    run([make_archive(tmp_path / "before", 2)], out, faulty_config(LIGHT))
    before = snapshot(out)
    with blocked_run(tmp_path, faults, out, "--no-cache") as (proc, err):
        (os.killpg if to == "group" else os.kill)(proc.pid, sig)
        # The file in flight is blocked for 120 s: the run must not wait for it.
        rc = proc.wait(timeout=30)
        assert rc == 128 + sig, rc
        assert _wait(lambda: not group_alive(proc.pid), seconds=15), f"left running: {group_alive(proc.pid)}"
        err.seek(0)
        stderr = err.read()
    assert "Traceback" not in stderr and "interrupted" in stderr, stderr
    assert snapshot(out) == before
    assert not list(tmp_path.glob(".out.staging-*")) and not lock_path(out.resolve()).exists()


@needs_cli
def test_workers_end_when_their_parent_is_killed(tmp_path, faults):
    """SIGKILL (the OOM killer, a scheduler) to the parent alone: its workers notice and exit."""
    out = tmp_path / "out"
    with blocked_run(tmp_path, faults, out, "--no-cache") as (proc, _):
        workers = [pid for pid in group_alive(proc.pid) if pid != proc.pid]
        assert workers
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert _wait(lambda: not set(workers) & set(group_alive(proc.pid)), seconds=15), "orphaned workers"


# --- two runs at once -----------------------------------------------------------------------------

@needs_cli
def test_a_second_run_on_the_same_output_or_cache_is_refused_and_the_first_completes(tmp_path, faults):
    out, cache = tmp_path / "out", tmp_path / "cache"
    small = make_archive(tmp_path / "small", 1)
    with blocked_run(tmp_path, faults, out, "--cache-dir", str(cache)) as (proc, _):
        second = runner.invoke(app, ["run", str(small), "--out", str(out), "-q", "--no-cache"])
        assert second.exit_code == 2 and "in use by another chitieu run" in " ".join(second.output.split()), \
            second.output
        third = runner.invoke(app, ["run", str(small), "--out", str(tmp_path / "other"), "-q",
                                    "--cache-dir", str(cache)])
        assert third.exit_code == 2 and f"the cache {cache} is in use" in " ".join(third.output.split()), third.output
        (faults / "release").touch()
        assert proc.wait(timeout=DEADLINE) == 0
    assert_whole(out, 8, {})
    assert not (tmp_path / "other").exists()


def _document(name: str, status: str) -> dict:
    return rows_of(Document(doc_id=name, source_path=f"{name}.txt", format="txt", status=Status(status))).document


def test_the_manifest_counts_the_rows_written_and_a_changed_staging_folder_is_refused(tmp_path):
    writer = DatasetWriter(tmp_path / "out", batch=1)
    with pytest.raises(OutputError, match="in use by another chitieu run"):
        DatasetWriter(tmp_path / "out")
    writer.add({"documents": [_document("a", "ok")]})
    writer.add({"documents": [_document("b", "error")]})
    next((writer.staging / "documents").rglob("*.parquet")).unlink()  # what a second run used to do
    with pytest.raises(OutputError, match="changed during the run"):
        writer.commit({"documents": {"ok": 2}})
    assert not (tmp_path / "out").exists()
    writer = DatasetWriter(tmp_path / "out")  # the lock was given back
    writer.add({"documents": [_document("a", "ok")]})
    writer.commit({"documents": {"ok": 5}})  # the caller's count is not what the manifest says
    assert json.loads((tmp_path / "out" / MANIFEST).read_text())["documents"] == {"ok": 1}


# --- a file changed during the run ------------------------------------------------------------

def test_a_file_changed_mid_run_is_cached_under_the_bytes_that_were_read(tmp_path, monkeypatch):
    import pipeline.run.batch as batch

    archive = make_archive(tmp_path / "in", 3)
    target = archive / "01.txt"
    old = target.read_bytes()
    new = report(6).encode()  # 7,5 tỷ đồng instead of 2,5
    hashed = batch.content_hash

    def hash_then_change(path):
        digest = hashed(path)
        if path == target:
            target.write_bytes(new)  # between the parent's hash and the worker's read
        return digest

    monkeypatch.setattr(batch, "content_hash", hash_then_change)
    cache = tmp_path / "cache"
    run([archive], tmp_path / "out", Config.load(), Options(cache_dir=cache))
    values = read_table(tmp_path / "out", "indicators").set_index("source_path")["value"]
    assert values["01.txt"] == 7.5e9  # what was read
    entries = Cache(cache, Config.load())
    assert not entries.has(hashlib.sha256(old).hexdigest()), "new rows cached under the old bytes' hash"
    assert entries.get(hashlib.sha256(new).hexdigest()).count("indicators") == 1
    monkeypatch.setattr(batch, "content_hash", hashed)
    target.write_bytes(old)
    run([archive], tmp_path / "out", Config.load(), Options(cache_dir=cache))
    assert read_table(tmp_path / "out", "indicators").set_index("source_path")["value"]["01.txt"] == 2.5e9


def test_temporary_cache_files_of_a_killed_run_are_cleaned_up_by_the_next(tmp_path):
    stale = tmp_path / "cache" / "ab" / "abcd-1234.tmp4242"  # what a run killed mid-write leaves
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"half a pickle")
    cache = Cache(tmp_path / "cache", Config.load()).open()
    try:
        assert not stale.exists()
        with pytest.raises(Busy, match="in use by another chitieu run"):
            Cache(tmp_path / "cache", Config.load()).open()
    finally:
        cache.close()


# --- disks ------------------------------------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB tmpfs at tmp_path/disk (root only), with a `fill(free_bytes)` helper."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or not LINUX:
        pytest.skip("mounting a small tmpfs needs root on Linux")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")

    def fill(free: int) -> None:
        stat = os.statvfs(disk)
        (disk / "filler").write_bytes(b"\0" * max(0, stat.f_bavail * stat.f_frsize - free))

    try:
        yield disk, fill
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def test_a_full_cache_disk_warns_and_the_run_goes_on(tmp_path, small_disk):
    disk, fill = small_disk
    fill(0)
    summary = run([make_archive(tmp_path / "in", 4)], tmp_path / "out", Config.load(),
                  Options(cache_dir=disk / "cache"))
    assert any("cannot be written" in w and "went on without it" in w for w in summary.warnings), summary.warnings
    assert_whole(tmp_path / "out", 4, {})
    assert not list((disk / "cache").glob("*/*.tmp*")), "temporary cache files left behind"


def test_a_full_output_disk_is_a_one_line_error_and_the_previous_dataset_stays(tmp_path, small_disk):
    disk, fill = small_disk
    out = disk / "out"
    run([make_archive(tmp_path / "before", 1)], out, Config.load())
    before = snapshot(out)
    fill(8 * 1024)
    result = runner.invoke(app, ["run", str(make_archive(tmp_path / "in", 30)), "--out", str(out), "-q", "--no-cache"])
    assert result.exit_code == 2, result.output
    message = " ".join(result.output.split())
    assert message.startswith("error: cannot write the dataset") and "No space left on device" in message, message
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert snapshot(out) == before
    assert not list(disk.glob(".out.staging-*"))


def test_a_read_only_output_disk_is_a_one_line_error(tmp_path, small_disk):
    disk, _ = small_disk
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    result = runner.invoke(app, ["run", str(make_archive(tmp_path / "in", 1)), "--out", str(disk / "out"), "-q",
                                 "--no-cache"])
    assert result.exit_code == 2 and "Read-only file system" in " ".join(result.output.split()), result.output
    assert "Traceback" not in result.output


def test_a_catalog_is_whole_or_absent_on_a_full_disk(tmp_path, small_disk):
    """DuckDB closed a database whose views were still in its write-ahead log: the rename left
    catalog.duckdb with no views (and rc 0)."""
    disk, fill = small_disk
    out = disk / "out"
    run([make_archive(tmp_path / "in", 1)], out, Config.load())
    (out / CATALOG).unlink(missing_ok=True)
    fill(100 * 1024)
    with pytest.raises(OutputError, match="only its catalog is missing"):
        write_catalog(out)
    assert sorted(p.name for p in out.iterdir() if "catalog" in p.name) == []
