"""Report benchmark: how long `chitieu report` takes on a large dataset, how much memory, and how
big its pages are. Never part of `make test`.

    python benchmarks/bench_report.py [--docs 10000] [--base 500] [--dataset DIR] [--quick]

The dataset: a synthetic archive of about --base documents (mixed txt/docx/pdf) run through the
pipeline once, whose rows are then replicated to --docs documents, each copy with new doc_ids,
paths and commune names (`Xã A` becomes `Xã A (2)` in copy 2), written with the pipeline's own
DatasetWriter. The report reads nothing else, so this measures what a real run of that many
documents would give it, without the quarter hour the extraction would take. Both datasets are
kept in benchmarks/.cache. --dataset DIR measures an existing dataset instead.

The report is built in a child process (its peak RSS is the report's alone). Unless --quick or
--dataset is given, the figures replace the "Report" section of benchmarks/results.md.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache"
RESULTS = ROOT / "benchmarks" / "results.md"
LOCALITY_COLUMNS = ("locality", "commune_2025")


def machine() -> str:
    mem = ""
    try:
        kb = int(next(l.split()[1] for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")))
        mem = f", {kb / 2**20:.0f} GiB"
    except (OSError, StopIteration):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}"


def base_dataset(docs: int, seed: int) -> Path:
    """A real dataset: a synthetic archive of about `docs` documents through the pipeline (2 workers)."""
    from pipeline.config import Config
    from pipeline.run.batch import Options, run
    from pipeline.synth import synthesize

    out = CACHE / f"report-base-{docs}-{seed}"
    if (out / "_chitieu.json").exists():
        return out
    archive = CACHE / f"report-synth-{docs}-{seed}"
    shutil.rmtree(archive, ignore_errors=True)
    years = range(2019, 2025)
    started = time.perf_counter()
    synthesize(archive, max(1, round(docs / (len(years) * 2.3))), years, seed=seed)
    run([archive / "docs"], out, Config.load(), Options(workers=2, cache_dir=None))
    print(f"base dataset: {out} ({time.perf_counter() - started:.0f} s)")
    return out


def replicate(base: Path, docs: int) -> Path:
    """The base dataset's rows copied until there are `docs` documents, with new ids, paths and commune names."""
    from pipeline.dataset.reader import arrow_table
    from pipeline.dataset.schema import TABLES
    from pipeline.dataset.writer import DatasetWriter

    out = CACHE / f"report-{docs}-from-{base.name}"
    if (out / "_chitieu.json").exists():
        return out
    started = time.perf_counter()
    documents = arrow_table(base, "documents").to_pylist()
    documents.sort(key=lambda r: r["source_path"])
    rows_of: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for name in TABLES:
        if name != "documents":
            for row in arrow_table(base, name).to_pylist():
                rows_of[row["source_path"]][name].append(row)
    writer = DatasetWriter(out)
    written = 0
    statuses: dict[str, int] = defaultdict(int)
    try:
        for copy in range(math.ceil(docs / len(documents))):
            for document in documents:
                if written == docs:
                    break
                tables = {"documents": [document], **rows_of[document["source_path"]]}
                writer.add({name: [_copied(row, copy) for row in rows] for name, rows in tables.items()})
                statuses[document["status"]] += 1
                written += 1
        writer.commit({"documents": dict(sorted(statuses.items())), "replicated_from": str(base)})
    except BaseException:
        writer.abort()
        raise
    print(f"replicated to {written} documents: {out} ({time.perf_counter() - started:.0f} s)")
    return out


def _copied(row: dict, copy: int) -> dict:
    if copy == 0:
        return row
    row = dict(row)
    if row.get("doc_id"):
        row["doc_id"] = hashlib.sha256(f"{copy}/{row['doc_id']}".encode()).hexdigest()[:16]
    row["source_path"] = f"copy-{copy:03d}/{row['source_path']}"
    for column in LOCALITY_COLUMNS:
        if row.get(column):
            row[column] = f"{row[column]} ({copy + 1})"
    if row.get("error"):  # "duplicate of <path> (same content)" names a path of the same copy
        row["error"] = re.sub(r"^duplicate of '?", lambda m: f"{m.group(0)}copy-{copy:03d}/", row["error"])
    return row


def measure(dataset: Path, out: Path) -> dict:
    """Build the report in this process and describe it (run in a child process by main)."""
    from pipeline.report.site import write_report

    started = time.perf_counter()
    summary = write_report(dataset, out)
    seconds = time.perf_counter() - started
    files = [p for p in out.rglob("*.html")]
    sizes = {p.relative_to(out).as_posix(): p.stat().st_size for p in files}
    return {"documents": summary.documents, "seconds": seconds, "pages": len(files),
            "doc_pages": sum(1 for k in sizes if k.startswith("docs/")),
            "bytes": sum(sizes.values()), "largest": max(sizes.items(), key=lambda kv: (kv[1], kv[0])),
            "index": sizes["index.html"], "compare": sizes["compare.html"],
            "compare_largest": max(v for k, v in sizes.items() if k.startswith("compare")),
            "listing_largest": max(v for k, v in sizes.items() if "/" not in k and k not in ("index.html", "compare.html")),
            "doc_largest": max((v for k, v in sizes.items() if k.startswith("docs/")), default=0),
            "cpu": (lambda u: u.ru_utime + u.ru_stime)(resource.getrusage(resource.RUSAGE_SELF)),
            "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--base", type=int, default=500, help="documents actually extracted before replication")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dataset", type=Path, help="measure this dataset instead")
    ap.add_argument("--quick", action="store_true", help="a small run to check the script (1000 from 100)")
    ap.add_argument("--measure", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return 0
    if args.quick:
        args.docs, args.base = 1000, 100
    base = None if args.dataset else base_dataset(args.base, args.seed)
    dataset = args.dataset or replicate(base, args.docs)
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        child = subprocess.run([sys.executable, __file__, "--measure", str(dataset), str(Path(tmp) / "report")],
                               capture_output=True, text=True, cwd=ROOT)
        if child.returncode:
            print(child.stderr, file=sys.stderr)
            return child.returncode
        m = json.loads(child.stdout.strip().splitlines()[-1])
    if args.dataset:
        origin = f"an existing dataset, {dataset.name}"
    else:
        from pipeline.dataset.reader import arrow_table

        origin = (f"{arrow_table(base, 'documents').num_rows} synthetic documents (txt, docx, pdf) extracted, "
                  f"their rows replicated to {args.docs}")
    lines = [
        "## Report",
        "",
        f"Command: `{' '.join(['python benchmarks/bench_report.py', *sys.argv[1:]])}` ({origin})",
        "",
        f"Machine: {machine()}; load average {load:.1f} when it started.",
        "",
        "| documents | seconds | CPU seconds | docs/s | pages written | of them documents' | total MB | largest page KB | peak RSS MiB |",
        "|---|---|---|---|---|---|---|---|---|",
        f"| {m['documents']} | {m['seconds']:.1f} | {m['cpu']:.1f} | {m['documents'] / m['seconds']:.0f} | {m['pages']} | "
        f"{m['doc_pages']} | {m['bytes'] / 1e6:.1f} | {m['largest'][1] / 1e3:.0f} ({m['largest'][0]}) | {m['rss_mib']:.0f} |",
        "",
        f"Page sizes, KB: overview {m['index'] / 1e3:.0f}; compare.html {m['compare'] / 1e3:.0f}; largest comparison page "
        f"{m['compare_largest'] / 1e3:.0f}; largest listing page (documents, failures, review, units) "
        f"{m['listing_largest'] / 1e3:.0f}; largest document page {m['doc_largest'] / 1e3:.0f}.",
    ]
    print("\n".join(lines))
    if not args.quick and not args.dataset:
        _write_section(lines)
        print(f"\nwritten to {RESULTS}")
    return 0


def _write_section(lines: list[str]) -> None:
    """Replace (or add) the Report section of results.md, leaving the rest as it is."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    section = "\n".join(lines) + "\n"
    match = re.search(r"^## Report\n.*?(?=^## |\Z)", old, flags=re.S | re.M)
    if match:
        new = old[:match.start()] + section + ("\n" if old[match.end():] else "") + old[match.end():]
    else:
        new = old.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
