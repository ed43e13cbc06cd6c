"""Scale benchmark on a synthetic archive: throughput by format and worker count, growth with
archive size, the cached re-run, the Dask engine, the plain-text floor and the peers a user would
reach for. Prints a table and writes benchmarks/results.md. Never part of `make test`.

    python benchmarks/bench_scale.py [--docs 3000] [--sizes 1000,2000,4000] [--quick]
"""
from __future__ import annotations

import argparse
import io
import platform
import resource
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache"


def machine() -> str:
    import os

    cpu = "unknown cpu"
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                   if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        kb = int(next(l.split()[1] for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")))
        mem = f", {kb / 2**20:.0f} GiB"
    except (OSError, StopIteration):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores{mem}, {cpu}, Python {platform.python_version()}"


def archive(docs: int, seed: int = 7) -> Path:
    """A synthetic archive of about `docs` documents, generated once and kept in benchmarks/.cache."""
    from pipeline.synth import synthesize

    folder = CACHE / f"synth-{docs}-{seed}"
    if not (folder / "truth_indicators.parquet").exists():
        shutil.rmtree(folder, ignore_errors=True)
        years = range(2019, 2025)
        communes = max(1, round(docs / (len(years) * 2.3)))
        started = time.perf_counter()
        summary = synthesize(folder, communes, years, seed=seed)
        print(f"generated {summary.total} documents in {time.perf_counter() - started:.0f} s -> {folder}")
    return folder


def documents_of(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".docx", ".pdf"))


def timed_run(files: list[Path], workers: int, engine: str = "local", cache: Path | None = None) -> tuple[float, dict]:
    from pipeline.config import Config
    from pipeline.dataset import read_table
    from pipeline.run import Options, run

    with tempfile.TemporaryDirectory() as tmp:
        # A folder of links keeps the run's input one folder, like an archive.
        inputs = Path(tmp) / "in"
        inputs.mkdir()
        for i, path in enumerate(files):
            (inputs / f"{i:06d}_{path.name}").symlink_to(path)
        out = Path(tmp) / "out"
        started = time.perf_counter()
        summary = run([inputs], out, Config.load(), Options(workers=workers, engine=engine, cache_dir=cache))
        seconds = time.perf_counter() - started
        docs = read_table(out, "documents")
        stats = {"docs": summary.documents, "pages": int(docs["n_pages"].fillna(0).sum()),
                 "chars": int(docs["n_chars"].sum()), "hits": summary.cache_hits}
    return seconds, stats


def floor(files: list[Path]) -> float:
    """Plain text extraction alone: read+decode, python-docx paragraphs, pypdfium2 text."""
    import docx
    import pypdfium2 as pdfium

    started = time.perf_counter()
    for path in files:
        if path.suffix == ".txt":
            path.read_bytes().decode("utf-8", errors="replace")
        elif path.suffix == ".docx":
            document = docx.Document(str(path))
            "\n".join(p.text for p in document.paragraphs)
        else:
            pdf = pdfium.PdfDocument(str(path))
            for page in pdf:
                page.get_textpage().get_text_range()
            pdf.close()
    return time.perf_counter() - started


def peer_unstructured(files: list[Path]) -> float | None:
    try:
        from unstructured.partition.auto import partition
    except ImportError:
        return None
    started = time.perf_counter()
    for path in files:
        kwargs = {"strategy": "fast"} if path.suffix == ".pdf" else {}
        partition(filename=str(path), **kwargs)
    return time.perf_counter() - started


def peer_docling(files: list[Path]) -> float | None:
    try:
        from docling.document_converter import DocumentConverter
    except ImportError:
        return None
    converter = DocumentConverter()
    started = time.perf_counter()
    for path in files:
        converter.convert(str(path))
    return time.perf_counter() - started


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--sizes", default="1000,2000,4000")
    ap.add_argument("--quick", action="store_true", help="a small run to check the script (300 documents)")
    args = ap.parse_args()
    sizes = [300] if args.quick else [int(s) for s in args.sizes.split(",")]
    biggest = max(sizes + [args.docs if not args.quick else 300])
    folder = archive(biggest)
    files = documents_of(folder)
    lines = [f"# chitieu benchmark ({date.today().isoformat()})", "", f"Machine: {machine()}", "",
             f"Command: `python benchmarks/bench_scale.py {' '.join(sys.argv[1:])}`", ""]

    def out(line: str = "") -> None:
        print(line)
        lines.append(line)

    out("## Throughput by format (1 worker, 300 documents each)")
    out("")
    out("| format | docs/s | pages/s | MB of text/s | floor docs/s (text extraction alone) | pipeline / floor |")
    out("|---|---|---|---|---|---|")
    per_format = {}
    for suffix in (".txt", ".docx", ".pdf"):
        subset = [f for f in files if f.suffix == suffix][:300]
        if not subset:
            continue
        seconds, stats = timed_run(subset, 1)
        base = floor(subset)
        per_format[suffix] = (subset, seconds)
        pps = f"{stats['pages'] / seconds:.0f}" if stats["pages"] else "-"
        out(f"| {suffix[1:]} | {stats['docs'] / seconds:.1f} | {pps} | {stats['chars'] / seconds / 1e6:.2f} | "
            f"{len(subset) / base:.0f} | {seconds / base:.1f}x |")
    out("")
    out("## Mixed archive: workers and size")
    out("")
    out("| documents | workers | seconds | docs/s | speed-up |")
    out("|---|---|---|---|---|")
    one_worker = None
    for size in sizes:
        subset = files[:size]
        for workers in ((1, 2) if size == sizes[0] else (2,)):
            seconds, stats = timed_run(subset, workers)
            rate = stats["docs"] / seconds
            if workers == 1:
                one_worker = rate
            speedup = f"{rate / one_worker:.2f}x" if one_worker and workers > 1 and size == sizes[0] else ""
            out(f"| {stats['docs']} | {workers} | {seconds:.1f} | {rate:.1f} | {speedup} |")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    out("")
    out(f"Peak RSS of a worker process: {children:.0f} MiB; of the parent: "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    out("")
    out("## Cached re-run and the Dask engine")
    out("")
    subset = files[:min(len(files), args.docs if not args.quick else 300)]
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        first, stats = timed_run(subset, 2, cache=cache)
        again, stats2 = timed_run(subset, 2, cache=cache)
    out(f"- {stats['docs']} documents, 2 workers: first run {first:.1f} s, unchanged re-run {again:.1f} s "
        f"({100 * again / first:.1f}% of the first; {stats2['hits']} documents from the cache)")
    try:
        import distributed  # noqa: F401

        subset = files[:min(len(files), 1000 if not args.quick else 300)]
        seconds, stats = timed_run(subset, 2, engine="dask")
        out(f"- Dask engine, local cluster of 2 worker processes: {stats['docs']} documents in {seconds:.1f} s "
            f"({stats['docs'] / seconds:.1f} docs/s, cluster start-up included)")
    except ImportError:
        out("- Dask engine: not installed (pip install 'chitieu[dask]')")
    out("")
    out("## Peers, ingest alone, same files (1 process)")
    out("")
    for suffix, (subset, seconds) in per_format.items():
        sample = subset[:50]
        ours = seconds * len(sample) / len(subset)
        for name, peer in (("Unstructured partition (fast)", peer_unstructured), ("docling", peer_docling)):
            took = peer(sample)
            if took is None:
                out(f"- {suffix[1:]}: {name}: not installed here")
            else:
                out(f"- {suffix[1:]}: {name} {len(sample) / took:.1f} docs/s; chitieu's whole pipeline is "
                    f"{took / ours:.1f}x faster")
    (ROOT / "benchmarks" / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nwritten to {ROOT / 'benchmarks' / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
