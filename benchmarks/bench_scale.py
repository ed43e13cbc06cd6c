"""Scale benchmark on a synthetic archive: throughput by format and worker count, growth with
archive size, the cached re-run, the Dask engine, the plain-text floor and the peers a user would
reach for. Prints a table and writes benchmarks/results.md. Never part of `make test`.

    python benchmarks/bench_scale.py [--docs 3000] [--sizes 1000,2000,4000] [--quick] [--peer-docs 300]
    python benchmarks/bench_scale.py --docs 3000 --sizes 3000 --peers-only   # the peers section alone
    python benchmarks/bench_scale.py --no-peers   # everything else; keeps results.md's peers section
"""
from __future__ import annotations

import argparse
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
    from pipeline.dataset.reader import read_table
    from pipeline.run.batch import Options, run

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


PEERS_VENV = ROOT / ".venv-peers"
PEER_NAMES = {"unstructured": "Unstructured `partition` (fast)", "docling": "docling `DocumentConverter`"}


def peer_python(peer: str) -> Path | None:
    """The peer's own venv, made by `make peers`; the peers never enter the project's venv."""
    python = PEERS_VENV / peer / "bin" / "python"
    return python if python.exists() else None


def run_peer(peer: str, files: list[Path], timeout: float = 3600) -> dict:
    """Ingest alone by one peer on `files`, in its venv, through benchmarks/peer_ingest.py."""
    import json
    import subprocess

    python = peer_python(peer)
    if python is None:
        return {"fatal": "not installed: run `make peers`"}
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as listing:
        listing.write("\n".join(str(p) for p in files) + "\n")
        listing.flush()
        try:
            done = subprocess.run([str(python), str(ROOT / "benchmarks" / "peer_ingest.py"), peer,
                                   "--files-from", listing.name],
                                  capture_output=True, text=True, timeout=timeout, cwd=ROOT)
        except subprocess.TimeoutExpired:
            return {"fatal": f"did not finish {len(files)} files in {timeout:.0f} s"}
    lines = [l for l in done.stdout.splitlines() if l.startswith("{")]
    if not lines:
        tail = " ".join(done.stderr.strip().splitlines()[-1:])[:300]
        return {"fatal": f"exited {done.returncode} without a result: {tail}"}
    return json.loads(lines[-1])


def peer_why(result: dict) -> str:
    """Why a peer read fewer files than it was given: its fatal error, or its errors by reason."""
    if result.get("fatal"):
        return result["fatal"]
    parts = []
    if result.get("hub_models") and result.get("errors"):
        parts.append(f"needs {', '.join(result['hub_models'])} from huggingface.co, not available offline")
    parts += [f"{n}× {why if len(why) < 200 else why[:200] + '…'}"
              for why, n in sorted(result.get("errors", {}).items(), key=lambda kv: -kv[1])]
    if result.get("warmup") not in (None, "ok") and not parts:
        parts.append(f"warm-up: {result['warmup']}")
    hosts = result.get("network_attempts") or []
    if hosts:
        parts.append("tried to reach " + ", ".join(hosts))
    return "; ".join(parts)


def peers_section(per_format: dict, sample: int, out, command: str) -> None:
    """Chitieu's whole pipeline, the plain-text floor and each peer's ingest alone, on the same files.

    per_format maps a suffix to (files, chitieu seconds on them, or None to time them here, next
    to the peers); with `sample` below their number, chitieu is timed again on exactly the
    first `sample` files."""
    import json
    import os

    out(f"## Peers, ingest alone, same files (1 process, up to {sample} files per format)")
    out("")
    out(f"Measured {date.today().isoformat()}: `{command}` on {machine()}; load average at the start "
        f"{os.getloadavg()[0]:.1f}.")
    out("")
    results: dict = {}
    rows = []
    for suffix, (subset, seconds) in per_format.items():
        files = subset[:sample]
        if seconds is None or len(files) < len(subset):
            seconds, _ = timed_run(files, 1)
        base = floor(files)
        ours = len(files) / seconds
        row = [suffix[1:], str(len(files)), f"{ours:.1f}", f"{len(files) / base:.0f}"]
        for peer in PEER_NAMES:
            result = results.setdefault(peer, {})[suffix] = run_peer(peer, files)
            print(f"  {suffix[1:]} {peer}: {json.dumps(result)[:400]}", file=sys.stderr)
            if result.get("docs"):
                rate = result["docs"] / result["seconds"]
                failed = f" ({len(files) - result['docs']} failed)" if result["docs"] < len(files) else ""
                row += [f"{rate:.2f}{failed}", f"{ours / rate:.1f}×", f"{len(files) / base / rate:.0f}×"]
            else:
                row += ["not installed" if (result.get("fatal") or "").startswith("not installed") else "failed",
                        "-", "-"]
        rows.append(row)
    out("| format | files | chitieu, whole pipeline docs/s | floor docs/s | Unstructured docs/s | "
        "chitieu / Unstructured | floor / Unstructured | docling docs/s | chitieu / docling | floor / docling |")
    out("|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        out("| " + " | ".join(row) + " |")
    out("")
    out("Targets (reported, not asserted): chitieu's whole pipeline ≥ 10× Unstructured on PDF, ≥ 3× on docx.")
    out("")
    for suffix, target in ((".pdf", 10), (".docx", 3)):
        cells = next((r for r in rows if r[0] == suffix[1:]), None)
        if cells and cells[5] != "-":
            ratio = float(cells[5].rstrip("×"))
            out(f"- {suffix[1:]}: {ratio:.1f}× — {'met' if ratio >= target else 'not met'} (target {target}×)")
    out("")
    for peer, label in PEER_NAMES.items():
        by_format = results.get(peer, {})
        any_result = next(iter(by_format.values()), {})
        facts = []
        if any_result.get("version"):
            facts.append(f"version {any_result['version']}")
        if any_result.get("spacy_model"):
            facts.append(f"spaCy model {any_result['spacy_model']}")
        install = PEERS_VENV / peer / "install-seconds"
        if install.exists():
            facts.append(f"`make peers` installed it in {int(install.read_text()):.0f} s")
        if peer_python(peer):
            size = sum(p.stat().st_size for p in (PEERS_VENV / peer).rglob("*") if p.is_file() and not p.is_symlink())
            facts.append(f"venv {size / 2**30:.1f} GiB")
        load = [r["load_seconds"] + r.get("warmup_seconds", 0) for r in by_format.values() if r.get("load_seconds")]
        if load:
            facts.append(f"import and first file, untimed: {min(load):.0f}–{max(load):.0f} s")
        rss = [r["peak_rss_mib"] for r in by_format.values() if r.get("peak_rss_mib")]
        if rss:
            facts.append(f"peak RSS {max(rss)} MiB")
        out(f"- {label}: " + ("; ".join(facts) if facts else "not installed: run `make peers`"))
        for suffix, result in by_format.items():
            why = peer_why(result)
            if why and not (result.get("fatal") or "").startswith("not installed"):
                out(f"  - {suffix[1:]}: read {result.get('docs', 0)} of {len(per_format[suffix][0][:sample])}: {why}")
    out("")
    out("Chitieu, the floor and each peer read the same files. Chitieu's figure is its whole pipeline "
        "(reading, metadata, figures, awards, Parquet), its start-up included; the floor is the plain "
        "text extraction alone (read+decode, python-docx paragraphs, pypdfium2 text); each peer is "
        "ingest alone, in its own venv (`make peers`), offline (HF_HUB_OFFLINE=1, TRANSFORMERS_OFFLINE=1, "
        "telemetry off), with its import and a warm-up on the first file left out of the timing. "
        f"Load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.")


def peers_only(files: list[Path], sample: int, command: str) -> int:
    """The peers section alone, on the same files per format as the throughput table."""
    lines: list[str] = []

    def out(line: str = "") -> None:
        print(line)
        lines.append(line)

    per_format = {}
    for suffix in (".txt", ".docx", ".pdf"):
        subset = [f for f in files if f.suffix == suffix][:300][:sample]  # the throughput table's files
        if subset:
            per_format[suffix] = (subset, None)  # chitieu is timed next to the peers, format by format
    peers_section(per_format, sample, out, command)
    path = ROOT / "benchmarks" / "results.md"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    head, _, rest = text.partition("\n## Peers")
    tail = rest[rest.index("\n## "):] if "\n## " in rest else ""
    path.write_text(head.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n" + tail, encoding="utf-8")
    print(f"\npeers section written to {path}")
    return 0


def _kept_peers_section(path: Path) -> str:
    """The peers section of an earlier results.md, with its own date and command, for --no-peers."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    _, found, rest = text.partition("\n## Peers")
    if not found:
        return "## Peers\n\nNot measured: run `python benchmarks/bench_scale.py --peers-only` (after `make peers`).\n"
    return "## Peers" + (rest[:rest.index("\n## ")] if "\n## " in rest else rest).rstrip("\n") + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--sizes", default="1000,2000,4000")
    ap.add_argument("--quick", action="store_true", help="a small run to check the script (300 documents)")
    ap.add_argument("--peer-docs", type=int, default=300,
                    help="files per format given to each peer: the first N of the throughput table's "
                         "(below 300, chitieu and the floor are timed again on those N)")
    ap.add_argument("--no-peers", action="store_true",
                    help="everything but the peers; keeps the peers section already in results.md")
    ap.add_argument("--peers-only", action="store_true",
                    help="only the peers comparison; replaces the peers section of results.md, keeps the rest")
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

    command = f"python benchmarks/bench_scale.py {' '.join(sys.argv[1:])}".strip()
    if args.peers_only:
        return peers_only(files, args.peer_docs, command)

    out("## Throughput by format (1 worker, 300 documents each)")
    out("")
    out("| format | docs/s | pages/s | MB of text/s | floor docs/s (text extraction alone) | pipeline / floor |")
    out("|---|---|---|---|---|---|")
    per_format = {}
    totals = [0, 0.0, 0.0]  # documents, pipeline seconds, floor seconds
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
        totals = [t + v for t, v in zip(totals, (stats["docs"], seconds, base))]
    docs_all, seconds_all, floor_all = totals
    floor_ratio = seconds_all / floor_all
    out(f"| all three | {docs_all / seconds_all:.1f} | - | - | {docs_all / floor_all:.0f} | {floor_ratio:.1f}x |")
    out("")
    out("## Mixed archive: workers and size")
    out("")
    out("| documents | workers | seconds | docs/s | speed-up |")
    out("|---|---|---|---|---|")
    one_worker = None
    rates: dict[tuple[int, int], float] = {}
    for size in sizes:
        subset = files[:size]
        for workers in ((1, 2) if size == sizes[0] else (2,)):
            seconds, stats = timed_run(subset, workers)
            rate = stats["docs"] / seconds
            rates[(size, workers)] = rate
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
    smallest, largest = sizes[0], sizes[-1]
    two = rates.get((smallest, 2), 0.0)
    targets = [
        ("mixed archive, 2 workers: ≥ 40 docs/s", f"{two:.1f} docs/s", two >= 40),
        ("2 workers ≥ 1.7× one", f"{two / rates[(smallest, 1)]:.2f}×", two >= 1.7 * rates[(smallest, 1)]),
        (f"throughput at {largest} documents within 10% of {smallest}", f"{rates[(largest, 2)]:.1f} against {two:.1f} docs/s",
         rates[(largest, 2)] >= 0.9 * two),
        ("unchanged re-run ≤ 5% of the first run", f"{100 * again / first:.1f}%", again <= 0.05 * first),
        ("peak RSS ≤ 500 MB per worker", f"{children * 2**20 / 1e6:.0f} MB", children * 2**20 <= 500e6),
        ("whole pipeline within 3× of the plain-text floor, all three formats", f"{floor_ratio:.1f}×", floor_ratio <= 3),
    ]
    out("## Targets (reported, not asserted)")
    out("")
    out("| target | measured | |")
    out("|---|---|---|")
    for target, measured, met in targets:
        out(f"| {target} | {measured} | {'met' if met else 'not met'} |")
    out("")
    out("The peers' targets (≥ 10× Unstructured on PDF, ≥ 3× on docx) are in the peers section.")
    out("")
    path = ROOT / "benchmarks" / "results.md"
    if args.no_peers:
        lines.append(_kept_peers_section(path))
    else:
        peers_section(per_format, args.peer_docs, out, command)
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")
    print(f"\nwritten to {ROOT / 'benchmarks' / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
