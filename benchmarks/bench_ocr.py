"""OCR against the text layer on the dev PDFs: character accuracy, pages/s, and the dev score of
a run that reads every page by OCR. Prints figures; asserts nothing. Needs Tesseract (vie).

    python benchmarks/bench_ocr.py [--dpi 300] [--pages N]
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dpi", type=int, default=ocr.DPI)
    ap.add_argument("--pages", type=int, default=0, help="at most this many pages (0: all)")
    ap.add_argument("--score", action="store_true", help="also run the pipeline with every page OCR'd and score it")
    args = ap.parse_args()
    if ocr.available():
        print(f"OCR unavailable: {ocr.available()}")
        return 1
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
