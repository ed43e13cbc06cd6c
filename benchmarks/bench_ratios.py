"""The rows of issue 20's speed table, each a ratio of two things measured in the same run.

    make bench                                   # runs this among the others
    python benchmarks/bench_ratios.py [--docs 60]

Each row times chitieu and its reference back to back on the same files, in CPU seconds of the
process doing the work (`time.process_time`, or the children's rusage for Tesseract), so a ratio
holds on a shared machine where wall-clock seconds do not; only the OCR row, whose point is the
use of the cores, is in wall-clock seconds. Peers (Unstructured) are timed only when `make peers`
installed them. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import archive, documents_of, machine, peer_python, run_peer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus" / "real"
BARS = {"pdf_floor": 2.5, "startup": 0.4, "text_ms": 5.0, "ocr": 1.0, "pdf_peer": 30, "docx_peer": 30, "txt_peer": 40}


def _cpu() -> float:
    return time.process_time()


def pdf_vs_floor(pdfs: list[Path]) -> tuple[float, float, int]:
    """chitieu's PDF reader and pypdfium2's text of every page, file by file in turn."""
    import pypdfium2 as pdfium

    from pipeline.ingest.pdf import read_pdf

    floor = ours = 0.0
    pages = 0
    for path in pdfs:
        data = path.read_bytes()
        started = _cpu()
        pdf = pdfium.PdfDocument(data)
        for page in pdf:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        pdf.close()
        floor += _cpu() - started
        started = _cpu()
        read_pdf(data)
        ours += _cpu() - started
    return ours, floor, pages


def text_side(txts: list[Path], others: list[Path]) -> tuple[float, float]:
    """ms per report of everything after reading (normalization, sections, figures, awards,
    metadata): (the reports `others` as the first of a fresh process, then the reports `txts`).
    The first pay once-per-process costs besides (lexicons built, patterns compiled on first use,
    ~0.1-0.3 s in all): on a few files they are most of it; on an archive each report costs what
    the second figure says. `others` are other documents than `txts` (the caches keyed by a
    sentence's text would otherwise make the second pass cheaper than any new report)."""
    from pipeline.config import Config
    from pipeline.ingest import assemble, read

    config = Config.load()
    from pipeline import components

    steps = [components.get(name) for name in config.components]

    def timed(paths: list[Path]) -> float:
        raws = [read(p.read_bytes()) for p in paths]
        started = _cpu()
        for i, raw in enumerate(raws):
            doc = assemble(raw, f"d{i}", paths[i].name)
            for step in steps:
                step(doc)
        return 1000 * (_cpu() - started) / max(len(raws), 1)

    first = timed(others)
    return first, timed(txts)


STARTUP = """
import time
t = time.process_time()
from pipeline.cli import app
from pipeline.config import Config
from pipeline.run.engines import warm_up
imports = time.process_time() - t
warm_up(Config.load())
components = time.process_time() - t - imports
from pipeline.gazetteer import gazetteer
gazetteer()
print(imports, components, time.process_time() - t - imports - components)
"""


def startup() -> tuple[list[float], float]:
    """CPU seconds of a fresh interpreter's imports, components, lexicons and gazetteer (what a
    run and each of its workers pay before the first file), and of a bare interpreter."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    parts = [float(x) for x in subprocess.run([sys.executable, "-c", STARTUP], env=env, capture_output=True,
                                              text=True, check=True).stdout.split()[-3:]]
    bare = float(subprocess.run([sys.executable, "-c", "import time; print(time.process_time())"],
                                capture_output=True, text=True, check=True).stdout.split()[-1])
    return parts, bare


def ocr_vs_command(pdfs: list[Path]) -> tuple[float, float, int] | str:
    """chitieu reading scans (pages without text; a pool of one worker per core) against
    `tesseract PAGE - -l vie` on the same pages rendered at chitieu's dpi, as many at once as
    cores: wall-clock seconds of each."""
    import pypdfium2 as pdfium

    from pipeline.ingest import ocr

    if missing := ocr.available():
        return f"OCR unavailable: {missing}"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        images = []
        for path in pdfs:
            pdf = pdfium.PdfDocument(str(path))
            for i in range(len(pdf)):
                image = Path(tmp) / f"{len(images)}.png"
                pdf[i].render(scale=ocr.DPI / 72).to_pil().convert("L").save(image)
                images.append(image)
            pdf.close()
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        started = time.perf_counter()
        with ThreadPoolExecutor(cores) as pool:
            list(pool.map(lambda im: subprocess.run(["tesseract", str(im), "-", "-l", ocr.LANGUAGE], env=env,
                                                    capture_output=True, check=True), images))
        command = time.perf_counter() - started
    ours = _pool_seconds(pdfs, cores)
    return ours, command, len(images)


def _pool_seconds(pdfs: list[Path], workers: int) -> float:
    """Wall-clock seconds of `pdfs` read by chitieu's own pool of `workers` processes, as
    `chitieu run --workers N` reads them, with the workers' start-up left out: the pool is given
    one tiny text file per worker first, and the clock starts when the last of them is back (a
    worker done early may have begun a scan a moment before: in chitieu's favour, by that moment)."""
    from pipeline.config import Config
    from pipeline.run.discover import discover
    from pipeline.run.engines import local

    with tempfile.TemporaryDirectory() as tmp:
        tiny = []
        for i in range(workers):
            path = Path(tmp) / f"warm-{i}.txt"
            path.write_text(f"BÁO CÁO\nNăm 2024 thu ngân sách đạt {i + 1},5 tỷ đồng.\n", encoding="utf-8")
            tiny.append(path)
        rows = local(discover([*tiny, *pdfs]), Config.load(), workers)
        for _ in tiny:
            next(rows)
        started = time.perf_counter()
        for _ in rows:
            pass
        return time.perf_counter() - started


def scanned() -> tuple[list[Path], str]:
    """The real scans (PDFs without a text layer) when the shared corpus is here."""
    import pypdfium2 as pdfium

    scans = []
    if REAL.is_dir():
        for path in sorted(REAL.glob("*.pdf")):
            pdf = pdfium.PdfDocument(str(path))
            if all(len(page.get_textpage().get_text_range().strip()) < 20 for page in pdf):
                scans.append(path)
            pdf.close()
    return scans, "the real scans"


def peer_rows(files: dict[str, list[Path]]) -> list[str]:
    """chitieu's whole pipeline against Unstructured's partition, per format (when installed)."""
    if peer_python("unstructured") is None:
        return ["  vs Unstructured: not installed (`make peers`)"]
    from pipeline.config import Config
    from pipeline.run.discover import discover
    from pipeline.run.process import process_file

    rows = []
    config = Config.load()
    for fmt, paths in files.items():
        started = time.perf_counter()  # wall-clock, as the peer's own figure
        for source in discover(paths):
            process_file(source, config)
        ours = time.perf_counter() - started
        peer = run_peer("unstructured", paths)
        seconds = peer.get("seconds")
        if not seconds:
            rows.append(f"  {fmt} vs Unstructured: {json.dumps(peer)[:120]}")
            continue
        ratio = seconds / ours
        rows.append(f"  {fmt} vs Unstructured: {ratio:.1f}x faster (bar >= {BARS[fmt + '_peer']}x; "
                    f"peer wall-clock s {seconds:.2f} against chitieu wall-clock s {ours:.2f}, same run)")
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=60, help="synthetic documents (a third each txt, docx, pdf)")
    args = ap.parse_args()
    files = documents_of(archive(args.docs))
    by_format = {fmt: [p for p in files if p.suffix == "." + fmt] for fmt in ("pdf", "docx", "txt")}
    print(f"issue 20 ratios on {machine()}, {time.strftime('%Y-%m-%d')}, load average "
          f"{os.getloadavg()[0]:.1f}; {len(files)} synthetic documents")
    ours, floor, pages = pdf_vs_floor(by_format["pdf"])
    print(f"  PDF vs the pypdfium2 text floor: {ours / floor:.2f}x slower (bar <= {BARS['pdf_floor']}x); "
          f"{pages} pages, {pages / ours:.0f} against {pages / floor:.0f} pages per CPU-second")
    first, ms = text_side(by_format["txt"], by_format["docx"])
    print(f"  text side: {ms:.1f} ms CPU per report, {ms / BARS['text_ms']:.1f}x the bar of {BARS['text_ms']:.0f} ms "
          f"({len(by_format['txt'])} synthetic .txt reports, after {len(by_format['docx'])} .docx ones, which took "
          f"{first:.1f} ms each as a fresh process's first: lexicons and patterns built on first use)")
    (imports, lexicons, places), bare = startup()
    cold = imports + lexicons + places
    print(f"  start-up: {cold:.2f} CPU s, {cold / BARS['startup']:.1f}x the bar of {BARS['startup']} s (imports "
          f"{imports:.2f}, components and lexicons {lexicons:.2f}, gazetteer {places:.2f}; a bare interpreter {bare:.2f})")
    scans, which = scanned()
    result = ocr_vs_command(scans) if scans else "no scans found"
    if isinstance(result, str):
        print(f"  OCR: {result}")
    else:
        ours, command, n = result
        print(f"  OCR of {which} ({n} pages): {ours / command:.2f}x the time of the plain `tesseract` command "
              f"on the same pages, as many at once as cores (bar <= 1x; chitieu: one worker per core, warm); {n / ours:.2f} against {n / command:.2f} "
              f"pages/s wall-clock")
    for row in peer_rows(by_format):
        print(row)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS of this process (all of the above in one process): {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
