#!/usr/bin/env python3
"""Run the pipeline on every gold set of ../shared/corpus and print one table of scores.

    python scripts/eval_corpora.py            # `make eval`
    python scripts/eval_corpora.py --shared /path/to/shared --keep /tmp/eval

A gold set is a folder of the corpus holding `gold/`: its texts are in `raw/` when there is one
(dev-real), else beside `gold/` in every format (dev: .txt, .docx and .pdf). Each set is scored
with the corpus's own ../shared/eval/score.py, whose `score:` line is read as it prints it; sets
split into halves by file number (dev-real) get a row per half too. Without ../shared (a clone
alone, outside the project's CI) the script says so and exits 0: nothing to score is no failure.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ("figures_p", "figures_r", "figures_f1", "indicator_acc", "awards_f1", "awards_attr_acc", "documents_acc")
HALVES = ("odd", "even")


@dataclass(frozen=True, slots=True)
class GoldSet:
    name: str
    inputs: Path
    gold: Path
    halves: bool  # texts numbered r001, r002 ...: score each half as well


def gold_sets(corpus: Path) -> list[GoldSet]:
    out = []
    for folder in sorted(p for p in corpus.iterdir() if (p / "gold").is_dir()):
        raw = folder / "raw"
        inputs = raw if raw.is_dir() else folder
        numbered = raw.is_dir()
        out.append(GoldSet(folder.name, inputs, folder / "gold", numbered))
    return out


def parse_score(output: str) -> dict[str, str]:
    """The key=value pairs of score.py's `score:` line."""
    line = next((ln for ln in output.splitlines() if ln.startswith("score:")), "")
    return dict(pair.split("=", 1) for pair in line.removeprefix("score:").split() if "=" in pair)


def run_set(gold_set: GoldSet, scorer: Path, out: Path) -> list[tuple[str, dict[str, str], str]]:
    run = [sys.executable, "-m", "pipeline.cli", "run", str(gold_set.inputs), "--out", str(out), "-q", "--no-cache"]
    done = subprocess.run(run, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        return [(gold_set.name, {}, f"run failed: {done.stderr.strip().splitlines()[-1:]}")]
    rows = []
    for half in (None,) + (HALVES if gold_set.halves else ()):
        score = [sys.executable, str(scorer), str(out), "--gold", str(gold_set.gold)] + (["--half", half] if half else [])
        scored = subprocess.run(score, cwd=ROOT, capture_output=True, text=True)
        name = gold_set.name + (f" {half}" if half else "")
        docs_line = next((ln for ln in scored.stdout.splitlines() if ln.startswith("documents:")), "")
        rows.append((name, parse_score(scored.stdout), docs_line if scored.returncode == 0 else scored.stderr.strip()))
    return rows


def table(rows: list[tuple[str, dict[str, str], str]]) -> str:
    width = max(len(r[0]) for r in rows) + 2
    lines = ["set".ljust(width) + "docs  " + " ".join(f"{c:>15}" for c in COLUMNS)]
    for name, score, _ in rows:
        cells = " ".join(f"{score.get(c, '-'):>15}" for c in COLUMNS)
        lines.append(name.ljust(width) + f"{score.get('documents', '-'):>4}  " + cells)
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder (default ../shared)")
    ap.add_argument("--keep", type=Path, help="write the processed datasets here instead of a temporary folder")
    args = ap.parse_args()
    corpus, scorer = args.shared / "corpus", args.shared / "eval" / "score.py"
    if not corpus.is_dir() or not scorer.is_file():
        print(f"eval: {args.shared} has no corpus/ and eval/score.py: nothing to score (skipped)")
        return 0
    rows = []
    with tempfile.TemporaryDirectory(prefix="chitieu-eval-") as tmp:
        base = args.keep or Path(tmp)
        for gold_set in gold_sets(corpus):
            rows += run_set(gold_set, scorer, base / gold_set.name)
    print(table(rows))
    for name, score, note in rows:
        line = "score: " + " ".join(f"{k}={v}" for k, v in score.items()) if score else "no score"
        print(f"\n[{name}] {line}" + (f"\n[{name}] {note}" if note else ""))
    return 0 if all(score for _, score, _ in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
