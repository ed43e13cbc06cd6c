"""Soak benchmark: a generated archive of 20,000 tiny files, hostile ones among them, plus the
public test files of benchmarks/fetch_public.py where they were fetched, read by the real
command line. Prints files/s, the peak RSS of the largest process (parent or worker) and a table
of statuses and reasons. Never part of `make test` (`make soak`).

    python benchmarks/soak.py [--files 20000] [--workers 2] [--no-public]

The generated archive (benchmarks/.cache/soak-N/) is made once and kept: tiny reports of our
own words with varied figures, exact duplicates, empty files, binary junk named .txt, truncated
copies of data/raw's .docx and .pdf, names that are not UTF-8, and deep folders.

Where Tesseract is installed, the public PDFs' pages without a text layer go to OCR (~8 s a page):
with them the run takes many minutes on two cores (`--no-public` measures the archive alone).
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
CHITIEU = Path(sys.executable).with_name("chitieu")
KINDS = ("report", "report", "report", "report", "duplicate", "empty", "junk", "truncated", "not-utf8-name")


def _report(rng: random.Random, i: int) -> str:
    year = rng.randint(2019, 2024)
    return (f"BÁO CÁO\nKết quả thực hiện nhiệm vụ năm {year}\n"
            f"Tổng thu ngân sách trên địa bàn đạt {rng.randint(1, 90)},{rng.randint(0, 9)} tỷ đồng.\n"
            f"Tỷ lệ hộ nghèo còn {rng.randint(0, 9)},{rng.randint(0, 99):02d}%.\n"
            f"Có {rng.randint(1, 40)} tập thể được tặng Giấy khen (tệp {i}).\n")


def generate(files: int, seed: int = 19) -> Path:
    folder = CACHE / f"soak-{files}-{seed}"
    done = folder / ".complete"
    if done.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    rng = random.Random(seed)
    raw = sorted(p for p in (ROOT / "data" / "raw").iterdir() if p.suffix in (".docx", ".pdf"))
    made: list[Path] = []
    for i in range(files):
        kind = rng.choice(KINDS)
        sub = folder / f"d{i % 50:02d}" / ("sâu/" * (i % 4))
        sub.mkdir(parents=True, exist_ok=True)
        if kind == "duplicate" and made:
            target = sub / f"{i:05d}-ban-sao.txt"
            shutil.copyfile(rng.choice(made), target)
        elif kind == "empty":
            (sub / f"{i:05d}-rong.txt").write_bytes(b"")
        elif kind == "junk":
            (sub / f"{i:05d}-rac.txt").write_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(16, 400))))
        elif kind == "truncated" and raw:
            src = rng.choice(raw)
            data = src.read_bytes()
            (sub / f"{i:05d}-cut{src.suffix}").write_bytes(data[: rng.randint(1, max(2, len(data) // 2))])
        elif kind == "not-utf8-name":
            name = os.fsencode(sub) + b"/" + f"{i:05d}-".encode() + b"b\xe1o c\xe1o.txt"
            with open(name, "wb") as fh:
                fh.write(_report(rng, i).encode())
        else:
            target = sub / f"{i:05d}.txt"
            target.write_text(_report(rng, i), encoding="utf-8")
            made.append(target)
    done.touch()
    return folder


def _reason(text: str | None) -> str:
    """A reason with its numbers and quoted paths folded, so alike reasons count together."""
    text = regex.sub(r"'[^']*'|\S+\.(txt|docx|pdf)\b", "…", text if isinstance(text, str) else "")
    return regex.sub(r"\d+", "#", text)[:90]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-public", action="store_true", help="leave out the fetched public test files")
    args = parser.parse_args()
    started = time.perf_counter()
    archive = generate(args.files)
    print(f"archive: {archive} ({args.files} files, made or found in {time.perf_counter() - started:.0f} s)")
    inputs = [archive]
    public = CACHE / "public"
    if not args.no_public and public.is_dir() and any(public.iterdir()):
        inputs.append(public)
        print(f"public test files: {sum(1 for _ in public.iterdir())} in {public}")
    elif not args.no_public:
        print("public test files: none (python benchmarks/fetch_public.py fetches them where the network allows)")
    out = CACHE / "soak-out"
    started = time.perf_counter()
    done = subprocess.run([str(CHITIEU), "run", *map(str, inputs), "--out", str(out), "-q", "--no-cache",
                           "-j", str(args.workers)], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    if done.returncode:
        print(f"chitieu run exited {done.returncode}:\n{done.stderr[-2000:]}")
        return 1
    sys.path.insert(0, str(ROOT))
    from pipeline.dataset import read_table

    docs = read_table(out, "documents")
    print(f"\n{len(docs)} files in {seconds:.1f} s: {len(docs) / seconds:,.0f} files/s with {args.workers} workers; "
          f"peak RSS of the largest process {peak_mb:,.0f} MB")
    print(f"\n{'status':<8} {'files':>7}  reason")
    counts = Counter((row.status, _reason(row.error)) for row in docs.itertuples())
    for (status, reason), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{status:<8} {n:>7}  {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
