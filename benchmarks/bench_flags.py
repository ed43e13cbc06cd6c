"""Plausibility flags benchmark: their precision and recall on the slips `chitieu synth --slips` injects.

    python benchmarks/bench_flags.py [--communes 20] [--years 2020-2023] [--slips 0.3] [--seed 0]

A synthetic archive with slips (pipeline/synth/slips.py: a rate over 100%, a pct_of_plan of
600-900%, a production value 1,000x too large, a change its two values contradict) is run
through the pipeline; each flag's precision (flagged figures that are an injected slip of
that kind) and recall (injected slips whose figure got the flag) are printed. A flag on a
figure that was not injected is counted against precision even when the figure is wrong in
its own way (a misread number): the archive's truth knows only the injected ones. `ocr_doubtful`
has no injected slips (the archive has no scanned pages): tests/test_flags.py covers it.
The archive and dataset are kept in benchmarks/.cache.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CACHE = ROOT / "benchmarks" / ".cache"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=int, default=20)
    parser.add_argument("--years", default="2020-2023")
    parser.add_argument("--slips", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    from pipeline.config import Config
    from pipeline.run.batch import Options, run
    from pipeline.synth import synthesize
    from pipeline.synth.slips import score_flags

    first, _, last = args.years.partition("-")
    years = range(int(first), int(last or first) + 1)
    name = f"flags-{args.communes}-{args.years}-{args.slips}-{args.seed}"
    archive, dataset = CACHE / f"{name}-synth", CACHE / f"{name}-out"
    started = time.perf_counter()
    shutil.rmtree(archive, ignore_errors=True)
    synthesize(archive, args.communes, years, seed=args.seed, formats=("txt", "docx"), slips=args.slips)
    run([archive / "docs"], dataset, Config.load(), Options(workers=2))
    scores = score_flags(dataset, archive)
    print(f"plausibility flags on {args.communes} communes x {len(years)} years, slips {args.slips} "
          f"(seed {args.seed}), {time.perf_counter() - started:.0f} s")
    print(f"{'flag':<20}{'injected':>9}{'flagged':>9}{'found':>7}{'precision':>11}{'recall':>8}")
    for s in scores:
        print(f"{s.flag:<20}{s.injected:>9}{s.flagged:>9}{s.found:>7}{_ratio(s.precision):>11}{_ratio(s.recall):>8}")
    injected, flagged, found = (sum(getattr(s, k) for s in scores) for k in ("injected", "flagged", "found"))
    print(f"{'all':<20}{injected:>9}{flagged:>9}{found:>7}{_ratio(found / flagged if flagged else None):>11}"
          f"{_ratio(found / injected if injected else None):>8}")


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


if __name__ == "__main__":
    main()
