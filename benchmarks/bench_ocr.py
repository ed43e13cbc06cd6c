"""OCR against the text layer on the dev PDFs: character accuracy, pages/s, and the dev score of
a run that reads every page by OCR. Prints figures; asserts nothing. Needs Tesseract (vie).

    python benchmarks/bench_ocr.py [--dpi 300] [--pages N]
    python benchmarks/bench_ocr.py --settings [--pages 8]   # dpi x --psm on synthetic pages

`--settings` renders the first page of synthetic PDFs (`chitieu synth`, known Vietnamese text),
rasterizes them at 150/200/300 dpi and reads them with `tesseract --psm 3|6` (OMP_THREAD_LIMIT=1):
pages per CPU-second of Tesseract itself (its rusage: holds on a shared machine), character error
rate and digit error rate (edit distance over the text layer's characters, and over its digits
alone) against the text layer. The `vie` model Debian ships is LSTM-only, so `--oem` has no choice
to make (0, the legacy engine, needs data it does not hold).
"""
from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from pipeline.ingest import ocr
from pipeline.normalize import normalize_text

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev"


def flat(text: str) -> str:
    return " ".join(normalize_text(text).split())


def settings(pages: int) -> None:
    import random
    import resource

    from rapidfuzz.distance import Levenshtein

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_scale import archive

    files = sorted(archive(60).rglob("*.pdf"))
    random.Random(0).shuffle(files)
    docs = [pdfium.PdfDocument(str(path)) for path in files[:pages or 8]]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        for dpi in (150, 200, 300):
            for psm in (3, 6):
                cpu = 0.0
                errors = chars = digit_errors = digits = 0
                for k, pdf in enumerate(docs):
                    truth = flat(pdf[0].get_textpage().get_text_range())
                    image = os.path.join(tmp, f"{k}.pgm")
                    pdf[0].render(scale=dpi / 72).to_pil().convert("L").save(image)
                    before = resource.getrusage(resource.RUSAGE_CHILDREN)
                    read = flat(subprocess.run(["tesseract", image, "stdout", "-l", ocr.LANGUAGE, "--psm", str(psm)],
                                               env=env, capture_output=True, text=True).stdout)
                    after = resource.getrusage(resource.RUSAGE_CHILDREN)
                    cpu += after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                    errors += Levenshtein.distance(truth, read)
                    chars += len(truth)
                    truth_digits = "".join(c for c in truth if c.isdigit())
                    digit_errors += Levenshtein.distance(truth_digits, "".join(c for c in read if c.isdigit()))
                    digits += len(truth_digits)
                print(f"dpi {dpi} --psm {psm}: {len(docs) / cpu:.2f} pages per CPU-second, CER {errors / chars:.4f}, "
                      f"digit error rate {digit_errors / max(digits, 1):.4f} ({len(docs)} pages, {digits} digits)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dpi", type=int, default=ocr.DPI)
    ap.add_argument("--pages", type=int, default=0, help="at most this many pages (0: all)")
    ap.add_argument("--score", action="store_true", help="also run the pipeline with every page OCR'd and score it")
    ap.add_argument("--settings", action="store_true", help="dpi x --psm: speed, CER and digit errors on synthetic pages")
    args = ap.parse_args()
    if ocr.available():
        print(f"OCR unavailable: {ocr.available()}")
        return 1
    if args.settings:
        settings(args.pages)
        return 0
    ocr.DPI = args.dpi
    matched = total = pages = 0
    seconds = 0.0
    for path in sorted(DEV.glob("*.pdf")):
        pdf = pdfium.PdfDocument(str(path))
        for i in range(len(pdf)):
            if args.pages and pages >= args.pages:
                break
            truth = flat(pdf[i].get_textpage().get_text_range())
            started = time.perf_counter()
            read = flat(ocr.ocr_page(pdf[i]).text)
            seconds += time.perf_counter() - started
            blocks = difflib.SequenceMatcher(None, truth, read, autojunk=False).get_matching_blocks()
            matched += sum(b.size for b in blocks)
            total += len(truth)
            pages += 1
        pdf.close()
    print(f"OCR at {args.dpi} dpi on {pages} dev PDF pages: character accuracy {matched / max(total, 1):.3f} "
          f"(matched characters / text-layer characters), {pages / seconds:.2f} pages/s")
    if args.score:
        with tempfile.TemporaryDirectory() as tmp:
            pdfs = Path(tmp) / "pdf"
            pdfs.mkdir()
            for path in DEV.glob("*.pdf"):
                (pdfs / path.name).write_bytes(path.read_bytes())
            out = Path(tmp) / "out"
            env = {**os.environ, "CHITIEU_OCR_ALL": "1"}
            subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(pdfs), "--out", str(out), "-q",
                            "--no-cache"], env=env, check=True, capture_output=True)
            result = subprocess.run([sys.executable, str(DEV.parent.parent / "eval" / "score.py"), str(out),
                                     "--gold", str(DEV / "gold")], capture_output=True, text=True)
            print("dev PDFs read by OCR:", result.stdout.strip().splitlines()[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
