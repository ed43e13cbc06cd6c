"""SIGKILL `chitieu run` at any moment: the previous dataset stays whole, the next run completes.

The run is the real command line in a subprocess (its own session, so the kill reaches the
process pool's workers too) over ~60 files: data/raw repeated under other names, each .txt with
bytes appended so that contents differ. It is killed
- at fixed moments (0.5 s, 1.5 s, 3 s: start-up, pool start, reading), in a run slowed by a test
  hook (every document waits 0.1 s in the parent before it is written), so that it lasts at least
  6 s on any machine: the kills cannot come after the run ended, however fast the machine;
- as soon as the staging folder `.out.staging-PID` beside the output exists (reading);
- as soon as the first table appears in the staging folder (writing: every file is read by then);
- between the two renames of the swap (out -> .out.previous-PID, staging -> out), through a
  rename patched to kill its own process: polling cannot land there, the window is microseconds.
After each kill the previous dataset is whole: the same files with the same hashes, or (the kill
between the renames) set aside and put back by `recover`, which every run calls first. A kill
that lands after the swap leaves the new dataset, which must then be complete.

Time: the writing kill reads all files once and fills a cache; the other runs are short or reuse
that cache, so the whole file stays well under a minute on an idle two-core machine.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow.dataset as pads
import pytest

from pipeline.dataset.writer import MANIFEST, recover

from tests.processes import group_alive

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
# The installed entry point (`python -m pipeline.cli` has no __main__ guard: it exits 0 doing nothing).
CHITIEU = Path(sys.executable).with_name("chitieu")
N_FILES = 60
DEADLINE = 240.0  # seconds any one wait may take: a hang fails the test instead of blocking it

# `chitieu run`, with Path.rename patched to SIGKILL the process right after the dataset was moved
# aside (the first rename of the swap), before the staging folder takes its place.
KILL_BETWEEN_RENAMES = """
import os, pathlib, signal
_rename = pathlib.Path.rename
def rename(self, target):
    result = _rename(self, target)
    if ".previous-" in pathlib.Path(target).name:
        os.kill(os.getpid(), signal.SIGKILL)
    return result
pathlib.Path.rename = rename
from pipeline.cli import app
app(prog_name="chitieu")
"""

# `chitieu run` with every document held 0.1 s in the parent before it is written: ~60 files last
# at least 6 s on any machine, so a kill at a fixed moment lands inside the run (test hook for
# the fixed-moment kills; the rest of the run is the real one).
SLOWED = """
import time
import pipeline.run.engines as engines
_local = engines.local
def local(*args, **kwargs):
    for rows in _local(*args, **kwargs):
        time.sleep(0.1)
        yield rows
engines.local = local
from pipeline.cli import app
app(prog_name="chitieu")
"""

pytestmark = pytest.mark.skipif(not CHITIEU.exists() or not RAW.is_dir() or sys.platform != "linux",
                                reason="needs Linux (/proc), the installed `chitieu` entry point and data/raw/")


@pytest.fixture(scope="module")
def archives(tmp_path_factory) -> tuple[Path, Path]:
    """(big, small): ~60 distinct files from data/raw, and one file of each format."""
    base = tmp_path_factory.mktemp("archives")
    big, small = base / "big", base / "small"
    big.mkdir()
    small.mkdir()
    sources = sorted(p for p in RAW.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))
    for i in range(N_FILES):
        src, copy = sources[i % len(sources)], i // len(sources)
        data = src.read_bytes()
        if src.suffix == ".txt":
            data += b"\n" * (copy + 1)
        (big / f"{src.stem}-copy{copy}{src.suffix}").write_bytes(data)
    for suffix in (".txt", ".docx", ".pdf"):
        src = next(p for p in sources if p.suffix == suffix)
        shutil.copy(src, small / src.name)
    return big, small


def snapshot(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


def sidecars(out: Path, kind: str) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.{kind}-*"))


def staging_of(out: Path, proc: subprocess.Popen) -> Path:
    """This run's staging folder (named by its PID: folders left by killed runs do not count)."""
    return out.parent / f".{out.name}.staging-{proc.pid}"


def start(args: list[str], code: str | None = None) -> subprocess.Popen:
    command = [str(CHITIEU), "run", *args] if code is None else [sys.executable, "-c", code, "run", *args]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def kill(proc: subprocess.Popen) -> None:
    """SIGKILL the run and every process it started (the pool's workers share its group)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not group_alive(proc.pid), "a worker outlived the killed run"


def wait_until(condition: Callable[[], object], proc: subprocess.Popen, seconds: float) -> bool:
    """Poll `condition` every 2 ms while the run runs; True once it holds, False if the run ended
    first or `seconds` passed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.002)
    return False


def log(phase: str, started: float, state: str = "") -> None:
    """Shown with `pytest -s`: how long each phase took and what the kill left."""
    print(f"{phase:<22} {time.monotonic() - started:6.1f} s  {state}")


def assert_whole(out: Path, before: dict[str, str]) -> dict[str, str]:
    """The dataset is the previous one byte for byte (after `recover` if the kill landed between
    the two renames), or the new one complete if the kill landed after the swap. Returns the
    snapshot later kills are compared with."""
    if not out.exists():
        assert sidecars(out, "previous"), "the dataset is gone and nothing was set aside"
        recover(out)  # what the next run does first
        assert out.exists() and not sidecars(out, "previous")
        assert snapshot(out) == before, "recover put back something else"
        print("  (set aside: recover restored the previous dataset)")
        return before
    now = snapshot(out)
    if now == before:
        return before
    print("  (the kill landed after the swap: the new dataset is in place)")
    assert MANIFEST in now, f"a half-written dataset: {sorted(now)[:10]}"
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert sum(manifest["documents"].values()) == N_FILES, manifest
    assert pads.dataset(out / "documents", partitioning="hive").count_rows() == N_FILES
    return now


def test_sigkill_at_any_moment_leaves_the_previous_dataset_whole(archives, tmp_path):
    big, small = archives
    out = tmp_path / "data" / "out"
    cache = tmp_path / "cache"
    started = time.monotonic()
    first = subprocess.run([str(CHITIEU), "run", str(small), "--out", str(out), "-q", "--no-cache", "-j", "1"],
                           cwd=ROOT, capture_output=True, text=True, timeout=DEADLINE)
    assert first.returncode == 0, first.stderr
    before = snapshot(out)
    assert MANIFEST in before and any(name.startswith("documents/") for name in before)
    args = [str(big), "--out", str(out), "-q", "-j", "2"]
    log("previous run", started)

    for seconds in (0.5, 1.5, 3.0):
        proc = start([*args, "--no-cache"], code=SLOWED)
        assert not wait_until(lambda: False, proc, seconds)
        assert proc.poll() is None, f"the run ended (exit {proc.returncode}) before the kill at {seconds} s"
        kill(proc)
        before = assert_whole(out, before)
        log(f"kill at {seconds} s", started)

    # Reading: the staging folder exists from the start of the run to the swap.
    proc = start([*args, "--no-cache"])
    assert wait_until(staging_of(out, proc).exists, proc, DEADLINE), "no staging folder appeared"
    kill(proc)
    before = assert_whole(out, before)
    log("kill while reading", started)

    # Writing: the first table in the staging folder. This run reads every file, into the cache.
    proc = start([*args, "--cache-dir", str(cache)])
    writing = wait_until((staging_of(out, proc) / "documents").exists, proc, DEADLINE)
    assert writing, f"the run ended (exit {proc.returncode}) before it was seen writing"
    kill(proc)
    before = assert_whole(out, before)
    log("kill while writing", started)

    # Between the two renames: the dataset is set aside, nothing in its place; recover restores it.
    proc = start([*args, "--cache-dir", str(cache)], code=KILL_BETWEEN_RENAMES)
    assert proc.wait(timeout=DEADLINE) == -signal.SIGKILL
    assert not out.exists() and len(sidecars(out, "previous")) == 1
    before = assert_whole(out, before)
    log("kill between renames", started)

    # Then a normal run completes (files read before the writing kill come from the cache).
    done = subprocess.run([str(CHITIEU), "run", *args, "--cache-dir", str(cache)],
                          cwd=ROOT, capture_output=True, text=True, timeout=DEADLINE)
    assert done.returncode == 0, done.stderr
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert sum(manifest["documents"].values()) == N_FILES
    assert manifest["documents"].get("error", 0) == 0, manifest
    assert pads.dataset(out / "documents", partitioning="hive").count_rows() == N_FILES
    assert not sidecars(out, "staging") and not sidecars(out, "previous")
    log("normal run", started)
