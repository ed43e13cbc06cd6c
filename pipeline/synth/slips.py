"""Injected slips (`chitieu synth --slips RATE`): figures that cannot be right, for the plausibility flags.

With `--slips RATE`, each year-end report gets, with probability RATE, one paragraph holding one
slip of a kind taken in turn (SLIP_KINDS), put before its "tồn tại, hạn chế" part. The slips
come from a random stream of their own (seeded from `--seed`), so an archive with slips is the
archive without them plus these paragraphs, and the same seed gives the same slips:

- `rate_over_100`: a clean-water rate over 100%.
- `pct_of_plan_bound`: a retail total at 600-900% of its plan.
- `scale_slip`: the report's own production value again, 1,000 times too large (tỷ for triệu).
- `change_mismatch`: an income going from X to Y "tăng Z%", Z far from Y/X - 1.

Each slip is a figure of the truth like any other (the extraction's score is unaffected) and a
row of `truth_slips.parquet` (file, flag, indicator, measure, value): the figure that should be
flagged and the flag it should get. OCR digit slips (`ocr_doubtful`) are not injected: the
archive has no scanned pages.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .document import Block, Doc
from .truth import Writer
from .writing import dec, vn

SLIP_KINDS = ("rate_over_100", "pct_of_plan_bound", "scale_slip", "change_mismatch")
SLIP_COLUMNS = ["file", "flag", "indicator", "measure", "value"]
BEFORE = "III. TỒN TẠI"  # the heading the slip paragraph goes before


@dataclass(frozen=True, slots=True)
class Slip:
    flag: str
    indicator: str
    measure: str
    value: float


def slip_rng(seed: int) -> random.Random:
    return random.Random(f"chitieu-slips-{seed}")


def _paragraph(kind: str, rng: random.Random, doc: Doc) -> tuple[Block, Slip] | None:
    w = Writer()
    if kind == "rate_over_100":
        x = dec(rng, 101, 140, 1)
        w.t("Tỷ lệ hộ gia đình sử dụng nước sạch đạt ").f(vn(x, 1), "%", "clean_water_rate", "value", float(x), "percent")
        w.t(".")
        slip = Slip(kind, "clean_water_rate", "value", float(x))
    elif kind == "pct_of_plan_bound":
        v, p = dec(rng, 20, 90, 1), dec(rng, 600, 900, 1)
        w.t("Tổng mức bán lẻ hàng hóa ước đạt ").f(vn(v, 1), " tỷ đồng", "retail_sales", "value", float(v * 10 ** 9),
                                                   "VND", est=True)
        w.t(", đạt ").f(vn(p, 1), "% kế hoạch năm", "retail_sales", "pct_of_plan", float(p), "percent").t(".")
        slip = Slip(kind, "retail_sales", "pct_of_plan", float(p))
    elif kind == "scale_slip":
        own = next((f.value for b in doc.blocks for f in b.figures
                    if f.indicator == "production_value" and f.measure == "value"), None)
        if own is None:
            return None
        slipped = (Decimal(repr(own)) / Decimal("1e9") * 1000).quantize(Decimal(1))
        w.t("Tổng giá trị sản xuất trên địa bàn ước đạt ").f(vn(slipped), " tỷ đồng", "production_value", "value",
                                                             float(slipped * 10 ** 9), "VND", est=True)
        w.t(".")
        slip = Slip(kind, "production_value", "value", float(slipped * 10 ** 9))
    else:
        a = dec(rng, 40, 70, 1)
        b = a + dec(rng, 2, 6, 1)
        true_pct = (b / a - 1) * 100
        wrong = (true_pct + dec(rng, 12, 30, 1)).quantize(Decimal("0.1"))
        w.t("Thu nhập bình quân đầu người tăng từ ").f(vn(a, 1), " triệu đồng", "income_per_capita", "value",
                                                       float(a * 10 ** 6), "VND")
        w.t(" lên ").f(vn(b, 1), " triệu đồng", "income_per_capita", "value", float(b * 10 ** 6), "VND")
        w.t(", tăng ").f(vn(wrong, 1), "%", "income_per_capita", "change_pct", float(wrong), "percent").t(".")
        slip = Slip(kind, "income_per_capita", "change_pct", float(wrong))
    return w.block("para"), slip


def inject(doc: Doc, rng: random.Random, rate: float, turn: int) -> Slip | None:
    """With probability `rate`, put one slip (kind number `turn` of SLIP_KINDS, in turn) into a
    year-end report's body; returns it, or None."""
    if doc.kind != "report" or rate <= 0 or rng.random() >= rate:
        return None
    made = _paragraph(SLIP_KINDS[turn % len(SLIP_KINDS)], rng, doc)
    if made is None:
        return None
    block, slip = made
    at = next((i for i, b in enumerate(doc.blocks) if b.text.startswith(BEFORE)), len(doc.blocks))
    doc.blocks.insert(at, block)
    return slip


@dataclass(frozen=True, slots=True)
class FlagScore:
    flag: str
    injected: int
    flagged: int
    found: int  # injected slips whose figure carries their flag

    @property
    def precision(self) -> float | None:
        """None when nothing was flagged (no precision to speak of)."""
        return self.found / self.flagged if self.flagged else None

    @property
    def recall(self) -> float | None:
        """None when nothing of this kind was injected (ocr_doubtful: no scanned pages)."""
        return self.found / self.injected if self.injected else None


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def score_flags(dataset: Path, archive: Path) -> list[FlagScore]:
    """Per flag: the slips injected, the figures flagged, and the slips found (the figure of the
    slip's file, indicator, measure and value carries the slip's flag). Flagged figures are read
    from the catalog's `indicator_flags` view (the dataset-wide `scale_slip` included)."""
    import pyarrow.parquet as pq

    from ..dataset.catalog import connect
    from ..dataset.flags import CODES

    slips = pq.read_table(Path(archive) / "truth_slips.parquet").to_pylist()
    flagged: dict[str, list[tuple]] = {code: [] for code in CODES}
    for path, indicator, measure, value, flags in connect(Path(dataset)).execute(
            "SELECT source_path, indicator, measure, value, flags FROM indicator_flags WHERE len(flags) > 0 "
            "ORDER BY source_path, char_start, indicator, measure").fetchall():
        for code in flags:
            flagged.setdefault(code, []).append((path, indicator, measure, value))
    out = []
    for code in sorted(flagged):
        mine = [s for s in slips if s["flag"] == code]
        found = sum(any(p == s["file"] and i == s["indicator"] and m == s["measure"] and _same(v, s["value"])
                        for p, i, m, v in flagged[code]) for s in mine)
        out.append(FlagScore(code, len(mine), len(flagged[code]), found))
    return out
