"""Ingest benchmark: documents/s, pages/s and peak memory of the whole per-document pipeline,
by format, and pypdfium2 against pdfplumber for PDF text. Prints figures; asserts nothing.

    make bench                      # the dev corpus when ../shared is there, else data/raw
    python benchmarks/bench_ingest.py DIR [--repeat N]
"""
from __future__ import annotations

import argparse
import platform
import resource
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from pipeline.config import Config
from pipeline.run.discover import discover
from pipeline.run.process import process_file

ROOT = Path(__file__).resolve().parents[1]


def _machine() -> str:
    cpu = "unknown cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import os

    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def bench_pipeline(folder: Path, repeat: int) -> None:
    config = Config.load()
    sources = [s for s in discover([folder]) if s.path.suffix.lower() in (".txt", ".docx", ".pdf")]
    times: dict[str, list[float]] = defaultdict(list)
    pages: dict[str, int] = defaultdict(int)
    for _ in range(repeat):
        for source in sources:
            start = time.perf_counter()
            doc = process_file(source, config)
            times[doc.format].append(time.perf_counter() - start)
            pages[doc.format] += doc.n_pages or 0
    print(f"pipeline on {folder} ({len(sources)} files x {repeat}):")
    print(f"  {'format':6} {'docs':>5} {'ms/doc (median)':>16} {'docs/s':>8} {'pages/s':>8}")
    total_t = total_n = 0
    for fmt in sorted(times):
        t = times[fmt]
        total_t += sum(t)
        total_n += len(t)
        pps = f"{pages[fmt] / sum(t):8.0f}" if pages[fmt] else f"{'-':>8}"
        print(f"  {fmt:6} {len(t):5} {1000 * statistics.median(t):16.1f} {len(t) / sum(t):8.1f} {pps}")
    print(f"  all    {total_n:5} {'':16} {total_n / total_t:8.1f}")


def bench_pdf_text(folder: Path) -> None:
    import pdfplumber
    import pypdfium2 as pdfium

    pdfs = sorted(folder.glob("*.pdf"))
    if not pdfs:
        return
    n_pages = 0
    start = time.perf_counter()
    for path in pdfs:
        pdf = pdfium.PdfDocument(str(path))
        for page in pdf:
            page.get_textpage().get_text_range()
            n_pages += 1
        pdf.close()
    t_pdfium = time.perf_counter() - start
    start = time.perf_counter()
    for path in pdfs:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
    t_plumber = time.perf_counter() - start
    print(f"pdf text only ({n_pages} pages): pypdfium2 {n_pages / t_pdfium:.0f} pages/s, "
          f"pdfplumber {n_pages / t_plumber:.0f} pages/s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    dev = ROOT.parent / "shared" / "corpus" / "dev"
    ap.add_argument("folder", nargs="?", type=Path, default=dev if dev.exists() else ROOT / "data" / "raw")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"machine: {_machine()}")
    bench_pipeline(args.folder, args.repeat)
    bench_pdf_text(args.folder)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
