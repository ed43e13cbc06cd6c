#!/usr/bin/env python3
"""Retrain the subject model (extractors/figures/subject_model.py) and record how it does.

    python scripts/train_subject_model.py            # cross-validate, write lexicons/subject_model.json
    python scripts/train_subject_model.py --dry-run  # print the figures only

Data: lexicons/subject_examples.tsv, labelled subjects written for the project (`{n}` marks
the figure). The model is k nearest neighbours over those examples, so "training" is choosing
k and the confidence threshold; both are chosen by 5-fold cross-validation (example i in fold
i mod 5; the file lists each code's examples together, so every code spreads over the folds).

Each held-out example becomes a sentence ({n} -> 125) read by the whole pipeline, once with the
lexicon alone and once with the lexicon and the model trained on the other folds; the figure's
code is compared with the label. The model switches itself on (`enabled`) only when it lifts
the accuracy without lowering the precision of the codes it gives below PRECISION_FLOOR.
The JSON records the data's SHA-256, the grid and the figures: deterministic, no dates.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.figures import subject_model as sm  # noqa: E402
from pipeline import components  # noqa: E402
from pipeline.config import Config  # noqa: E402
from pipeline.ingest import assemble, read  # noqa: E402
from pipeline.lexicon import table  # noqa: E402
from pipeline.run.process import doc_id_of  # noqa: E402

FOLDS = 5
FIGURE = "125"
HEAD = "BÁO CÁO\nKết quả thực hiện nhiệm vụ năm 2024\n"
GRID_K = (1, 2, 3, 5)
GRID_THRESHOLD = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
PRECISION_FLOOR = 0.8


@dataclass(frozen=True)
class Row:
    code: str
    text: str
    fold: int


def rows() -> list[Row]:
    return [Row(r["code"], r["text"], i % FOLDS) for i, r in enumerate(table("subject_examples"))]


def code_read(text: str, config: Config) -> str | None:
    """The code the pipeline gives the figure of one labelled line (None: no figure read)."""
    sentence = text.replace(sm.PLACEHOLDER, FIGURE)
    sentence = sentence[0].upper() + sentence[1:]  # a lower-case line would join the one before
    data = (HEAD + sentence + "\n").encode("utf-8")
    doc = assemble(read(data, ".txt"), doc_id_of(data), "example.txt")
    for name in config.components:
        components.get(name)(doc)
    found = [f for f in doc.figures if f.raw_value == FIGURE]
    return found[0].indicator if found else None


def lexicon_alone(data: list[Row], config: Config) -> list[str | None]:
    with sm.using(None):
        return [code_read(r.text, config) for r in data]


def with_model(data: list[Row], config: Config, k: int, threshold: float) -> list[str | None]:
    got: list[str | None] = [None] * len(data)
    for fold in range(FOLDS):
        train = [(r.code, sm.example_query(r.text)) for r in data if r.fold != fold]
        model = sm.SubjectModel(train, k, threshold)
        with sm.using(model):
            for i, r in enumerate(data):
                if r.fold == fold:
                    got[i] = code_read(r.text, config)
    return got


def figures_of(data: list[Row], got: list[str | None], base: list[str | None]) -> dict:
    """Accuracy over the examples read as a figure; what the model changed, right and wrong."""
    read_ = [(r, g, b) for r, g, b in zip(data, got, base, strict=True) if g is not None and b is not None]
    changed = [(r, g) for r, g, b in read_ if g != b]
    gave = [(r, g) for r, g in changed if g != sm.OTHER]
    right = sum(r.code == g for r, g in gave)
    return {
        "examples_read": len(read_),
        "accuracy": round(sum(r.code == g for r, g, _ in read_) / len(read_), 4),
        "codes_given_by_model": len(gave),
        "model_codes_right": right,
        "model_precision": round(right / len(gave), 4) if gave else None,
        "lexicon_misses": sum(b == sm.OTHER and r.code != sm.OTHER for r, _, b in read_),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dry-run", action="store_true", help="print the figures, write nothing")
    args = ap.parse_args()
    config = Config.load()
    data = rows()
    base = lexicon_alone(data, config)
    lexicon = figures_of(data, base, base)
    print(f"examples {len(data)}, codes {len({r.code for r in data})}; lexicon alone: {lexicon}")
    grid = []
    for k in GRID_K:
        for threshold in GRID_THRESHOLD:
            result = figures_of(data, with_model(data, config, k, threshold), base)
            grid.append({"k": k, "threshold": threshold, **result})
            print(f"k={k} threshold={threshold}: {result}")
    fair = [g for g in grid if (g["model_precision"] or 0) >= PRECISION_FLOOR]
    best = max(fair or grid, key=lambda g: (g["accuracy"], g["threshold"], -g["k"]))
    enabled = bool(fair) and best["accuracy"] > lexicon["accuracy"]
    source = files("lexicons").joinpath("subject_examples.tsv").read_bytes()
    record = {
        "enabled": enabled,
        "k": best["k"],
        "threshold": best["threshold"],
        "data": "lexicons/subject_examples.tsv",
        "data_sha256": hashlib.sha256(source).hexdigest(),
        "examples": len(data),
        "examples_per_code": dict(sorted(Counter(r.code for r in data).items())),
        "cross_validation": {"folds": FOLDS, "precision_floor": PRECISION_FLOOR,
                             "lexicon_alone": lexicon, "lexicon_and_model": best, "grid": grid},
    }
    print(f"chosen: k={best['k']} threshold={best['threshold']} enabled={enabled}")
    if not args.dry_run:
        out = Path(__file__).resolve().parents[1] / "lexicons" / "subject_model.json"
        out.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
