"""Scoring a processed dataset against the synthetic archive's truth (the matching rules of
../shared/eval/score.py)."""
from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path

_TONES = {0x300, 0x301, 0x303, 0x309, 0x323}


def fold(text) -> str:
    """Case-fold and move tone marks to the end of each syllable (old and new placement equal)."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    out = []
    for word in re.split(r"(\s+)", str(text).strip().casefold()):
        d = unicodedata.normalize("NFD", word)
        tones = "".join(sorted(ch for ch in d if ord(ch) in _TONES))
        base = "".join(ch for ch in d if ord(ch) not in _TONES)
        out.append(unicodedata.normalize("NFC", base) + tones)
    return re.sub(r"\s+", " ", "".join(out))


def _close(a, b) -> bool:
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    if math.isnan(a) or math.isnan(b):
        return False
    return abs(a - b) <= max(1e-9, 1e-6 * max(abs(a), abs(b)))


def _stem(path: str) -> str:
    name = str(path).replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def _pair(gold_by: dict[str, list], pred_by: dict[str, list], same) -> tuple[list, list, list]:
    """Match each truth row to a processed row of the same file (`same(truth, row)`), each processed
    row used once, preferring one whose sentence holds the truth's quote, as score.py does.
    Returns (matches as (file, truth, row), misses as (file, truth), unused as (file, row))."""
    matches, misses, unused = [], [], []
    for key in sorted(set(gold_by) | set(pred_by)):
        rows = pred_by.get(key, [])
        used: set[int] = set()
        for g in gold_by.get(key, []):
            cands = [i for i, r in enumerate(rows) if i not in used and same(g, r)]
            if not cands:
                misses.append((key, g))
                continue
            cands.sort(key=lambda i: not (g["quote"] and fold(g["quote"]) in fold(rows[i]["sentence"])))
            used.add(cands[0])
            matches.append((key, g, rows[cands[0]]))
        unused += [(key, r) for i, r in enumerate(rows) if i not in used]
    return matches, misses, unused


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _read(root: Path, name: str):
    import pyarrow.dataset as ds
    folder = Path(root) / name
    if not folder.exists():
        return None
    return ds.dataset(str(folder), format="parquet", partitioning="hive").to_table().to_pylist()


def score(dataset_dir: Path, truth_dir: Path, details: int = 0) -> dict:
    """Precision, recall and F1 of a processed dataset against synth truth.

    Figures: a truth row is found by a processed row of the same file stem with the same
    measure, unit and value (relative tolerance 1e-6), each processed row used once; the rest
    of the processed rows are false positives. Awards: same stem, award, recipient and count.
    Also the share of found figures with the truth's indicator code (`indicator_acc`), and of
    found awards with its grantor level and status (`awards_attr_acc`). Only documents the
    truth knows are scored. Comparator, estimate and denominator are judged on found figures as
    score.py does (`comparator_acc`, `is_estimate_acc`, `denominator_acc`). With `details` > 0, up
    to that many of each are listed (`misses`, `false_positives`, `wrong_code`, `wrong_attributes`,
    `award_misses`, `award_false_positives`).
    """
    import pyarrow.parquet as pq
    truth_dir, dataset_dir = Path(truth_dir), Path(dataset_dir)
    t_fig = pq.read_table(truth_dir / "truth_indicators.parquet").to_pylist()
    t_aw = pq.read_table(truth_dir / "truth_awards.parquet").to_pylist()
    stems = {_stem(r["file"]) for r in t_fig} | {_stem(r["file"]) for r in t_aw}
    docs = _read(dataset_dir, "documents") or []
    scored = {d["doc_id"] for d in docs if _stem(d["source_path"]) in stems}
    result: dict = {"documents": len(scored), "failed": sum(1 for d in docs if d["doc_id"] in scored and d["status"] != "ok")}

    def group(rows, key):
        out: dict[str, list] = {}
        for r in rows:
            out.setdefault(key(r), []).append(r)
        return out

    def pair(name: str, truth: list, same) -> tuple[list, list, list]:
        preds = [r for r in (_read(dataset_dir, name) or []) if r["doc_id"] in scored]
        return _pair(group(truth, lambda r: _stem(r["file"])), group(preds, lambda r: _stem(r["source_path"])), same)

    matches, missed, unused = pair(
        "indicators", t_fig,
        lambda g, r: r["measure"] == g["measure"] and r["unit"] == g["unit"] and _close(r["value"], g["value"]))
    tp, fn, fp = len(matches), len(missed), len(unused)
    misses = [(key, g["indicator"], g["measure"], g["value"], g["quote"]) for key, g in missed]
    fps = [(key, r["indicator"], r["measure"], r["value"], r["unit"], str(r["sentence"])[:120]) for key, r in unused]
    code_ok = code_n = 0
    wrong_code, wrong_attr = [], []
    attr = {"comparator": [0, 0], "is_estimate": [0, 0], "denominator": [0, 0]}
    for key, g, r in matches:
        if g["indicator"] != "other":
            code_n += 1
            if r["indicator"] == g["indicator"]:
                code_ok += 1
            else:
                wrong_code.append((key, g["indicator"], r["indicator"], g["quote"]))
        for col in ("comparator", "is_estimate", "denominator"):
            want, got = g.get(col), r.get(col)
            if col == "is_estimate":
                if g["measure"] != "value":
                    continue  # only the amount itself is judged as estimate or not
                ok = bool(want) == bool(got)
            elif col == "denominator":
                if want is None or (isinstance(want, float) and math.isnan(want)):
                    continue
                ok = _close(want, got)
            else:
                ok = want == got
            attr[col][0] += ok
            attr[col][1] += 1
            if not ok:
                wrong_attr.append((key, col, want, got, g["quote"]))
    pr, rc, f1 = _prf(tp, fp, fn)
    result.update(figures_tp=tp, figures_fp=fp, figures_fn=fn, figures_p=pr, figures_r=rc, figures_f1=f1,
                  indicator_acc=code_ok / code_n if code_n else 1.0)
    for col, (ok, n) in attr.items():
        if n:
            result[f"{col}_acc"] = ok / n

    amatches, amissed, aunused = pair(
        "awards", t_aw,
        lambda g, r: r["award"] == g["award"] and r["recipient"] == g["recipient"] and _close(r["count"], g["count"]))
    atp, afn, afp = len(amatches), len(amissed), len(aunused)
    amiss = [(key, g["award"], g["recipient"], g["count"], g["quote"]) for key, g in amissed]
    afps = [(key, r["award"], r["recipient"], r["count"], str(r["sentence"])[:120]) for key, r in aunused]
    attr_ok = attr_n = 0
    for _, g, r in amatches:
        for col in ("grantor_level", "status"):
            if g.get(col):
                attr_n += 1
                attr_ok += r.get(col) == g[col]
    ap, ar, af = _prf(atp, afp, afn)
    result.update(awards_tp=atp, awards_fp=afp, awards_fn=afn, awards_p=ap, awards_r=ar, awards_f1=af,
                  awards_attr_acc=attr_ok / attr_n if attr_n else 1.0)
    if details:
        result.update(misses=misses[:details], false_positives=fps[:details], wrong_code=wrong_code[:details],
                      wrong_attributes=wrong_attr[:details],
                      award_misses=amiss[:details], award_false_positives=afps[:details])
    return result
