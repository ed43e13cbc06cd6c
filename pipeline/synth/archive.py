"""A synthetic archive of commune reports and plans with exact truth, for benchmarks and tests.

`synthesize(out, communes, years, seed)` invents communes (real province and district names,
invented commune names of common syllables; xã, phường or thị trấn) and writes for each commune
and year a year-end report ("BÁO CÁO tổng kết ... năm YYYY"), a plan for the next year
("KẾ HOẠCH ... năm YYYY+1") and sometimes a half-year report ("sơ kết 6 tháng đầu năm"), in
.txt, .docx and .pdf in turn. Every figure and award count a template writes is recorded as
truth, with the columns of the shared gold (`../shared/corpus/dev/gold/*.tsv`):

    out/docs/<province>/<district>/<commune>/<commune>-<year>-<kind>.<ext>
    out/truth_indicators.parquet   file, indicator, measure, value, unit, denominator,
                                   comparator, is_estimate, quote
    out/truth_awards.parquet       file, award, recipient, count, grantor_level, status, quote
    out/synth.json                 the parameters and counts of the run

`file` is the path under `out/docs/`; stems are unique, so rows match the pipeline's
`source_path` by stem (`score()`). Values are in canonical units (VND, ha, tonne,
quintal_per_ha, percent, count).

Only sentence shapes whose figures map to codes of lexicons/indicators.tsv are written, and
the narrative around them (narrative.py) holds no figure; non-figures (dates,
document numbers, anniversaries, "giai đoạn 2021-2025", "19/19 tiêu chí") are written on purpose.
The writing varies as archives do: both number styles ("1.234,5", and "55.76%" with two
decimals only), glued units ("652ha", "101,5%KH"), estimates, comparators and ranges, counts in
words in award sentences, old tone placement ("hoá", "thuỷ"), Markdown or plain .txt in UTF-8,
UTF-8 with BOM, UTF-16 or Windows-1258, and now and then a decomposed (NFD) .docx.

Deterministic for a seed: one `random.Random(seed)`, fixed .docx core properties and zip times,
reportlab's invariant mode. Fast: the renderers of `render/` (shared with scripts/build_samples.py)
write .docx as WordprocessingML and lay .pdf out directly on a reportlab canvas.

The rooms of this package: places (communes and people), writing (number styles, old tone
placement), narrative (number-free sentences), context (one document's commune, year and
styles), figures / awards / targets (the templates, each recording its truth), truth (truth rows,
quotes, the truth tables), documents (report, half-year report, plan), document (the Block/Doc
model), render/ (txt, docx, pdf), archive (this: the run), score (truth against a dataset).
"""
from __future__ import annotations

import json
import random
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .context import Ctx
from .documents import build_half_year, build_plan, build_report, finish
from .places import Commune, make_communes, slug
from .render import pdf_available, render_docx, render_pdf, render_txt
from .slips import SLIP_COLUMNS, inject, slip_rng
from .truth import TruthTables

FORMATS = ("txt", "docx", "pdf")


@dataclass
class SynthSummary:
    out: Path
    documents: Counter = field(default_factory=Counter)  # format -> documents written
    kinds: Counter = field(default_factory=Counter)  # report / plan / half_year -> documents
    figures: int = 0
    awards: int = 0
    pages: int = 0  # PDF pages written
    seconds: float = 0.0
    skipped: str | None = None  # why a format was left out (e.g. no DejaVu font for PDFs)
    slips: int = 0  # slips injected (synth/slips.py), listed in truth_slips.parquet

    @property
    def total(self) -> int:
        return sum(self.documents.values())


def _doc_plan(rng: random.Random, communes: list[Commune], years: range) -> list[tuple[Commune, int, str]]:
    """(commune, year, kind) of every document, in a fixed order."""
    out = []
    for c in communes:
        for y in years:
            if rng.random() < 0.4:
                out.append((c, y, "half_year"))
            out.append((c, y, "report"))
            out.append((c, y, "plan"))
    return out


def _prepare_out(out: Path) -> None:
    if out.exists():
        if not out.is_dir():
            raise FileExistsError(f"{out} is a file")
        entries = [p for p in out.iterdir()]
        if entries and not (out / "synth.json").exists():
            raise FileExistsError(f"{out} holds files synth did not write: choose an empty or new folder")
        for name in ("docs",):
            if (out / name).exists():
                shutil.rmtree(out / name)
        for name in ("truth_indicators.parquet", "truth_awards.parquet", "truth_slips.parquet", "synth.json"):
            (out / name).unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)


def _write_slips(path: Path, rows: list[tuple]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = [pa.string(), pa.string(), pa.string(), pa.string(), pa.float64()]
    columns = list(zip(*rows)) if rows else [[] for _ in SLIP_COLUMNS]
    pq.write_table(pa.table({name: pa.array(list(col), type=t) for name, col, t in zip(SLIP_COLUMNS, columns, types)}),
                   path)


def synthesize(out: Path, communes: int, years: range, seed: int = 0,
               formats: tuple[str, ...] | list[str] = FORMATS,
               on_start=None, on_document=None, slips: float = 0.0) -> SynthSummary:
    """Write a synthetic archive under `out` (see the module doc) and its truth.

    `years`: the years reported on (each year's plan is for the year after). `formats` are
    taken in turn, document by document. `on_start(total)` and `on_document(path)` report
    progress. Without reportlab or the DejaVu fonts PDFs are left out (`summary.skipped` says
    why) and the other formats take their turn. `slips`: the share of year-end reports given one
    slip for the plausibility flags (synth/slips.py; 0: none, the archive is unchanged)."""
    started = time.perf_counter()
    out = Path(out)
    formats = tuple(f for f in formats if f)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"unknown formats {unknown}: choose among {', '.join(FORMATS)}")
    summary = SynthSummary(out)
    if "pdf" in formats and (why := pdf_available()):
        summary.skipped = f"pdf skipped: {why}"
        formats = tuple(f for f in formats if f != "pdf")
        if not formats:
            raise RuntimeError(summary.skipped)
    _prepare_out(out)
    docs_root = out / "docs"
    rng = random.Random(seed)
    units = make_communes(rng, communes)
    plan = _doc_plan(rng, units, years)
    if on_start:
        on_start(len(plan))
    truth = TruthTables(out)
    slipping, injected = slip_rng(seed), []
    first_year = years[0] if len(years) else 0
    for i, (c, y, kind) in enumerate(plan):
        fmt = formats[i % len(formats)]
        old = rng.random() < 0.25
        ctx = Ctx(rng, c, y + 1 if kind == "plan" else y, kind, y - first_year + (1 if kind == "plan" else 0),
                  p_en=rng.choice([0.0, 0.1, 0.25]), p_glued=rng.choice([0.1, 0.3, 0.5]))
        label = {"report": "bc-tongket", "plan": "kh", "half_year": "bc-6thang"}[kind]
        stem = f"{c.slug}-{y}-{label}"
        builder = {"report": build_report, "plan": build_plan, "half_year": build_half_year}[kind]
        doc = builder(ctx, stem)
        doc.page_label = rng.choice(["Trang {n}", "{n}", "- {n} -"])
        doc.running_header = (f"UBND {c.full} - {doc.title[0].rstrip(',;')}"[:90] if rng.random() < 0.3 else None)
        doc.txt_markdown = rng.random() < 0.6
        doc.txt_crlf = rng.random() < 0.2
        doc.txt_encoding = rng.choices(["utf-8", "utf-8-sig", "utf-16", "cp1258"], weights=[80, 10, 5, 5])[0]
        doc.docx_nfd = rng.random() < 0.1
        slip = inject(doc, slipping, slips, len(injected))
        finish(doc, old)
        folder = docs_root / slug(c.province) / slug(f"{c.district_kind} {c.district}") / c.slug
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{stem}.{fmt}"
        if fmt == "txt":
            path.write_bytes(render_txt(doc))
        elif fmt == "docx":
            path.write_bytes(render_docx(doc))
        else:
            data, pages = render_pdf(doc)
            path.write_bytes(data)
            summary.pages += pages
        rel = path.relative_to(docs_root).as_posix()
        truth.add(rel, doc)
        if slip:
            injected.append((rel, slip.flag, slip.indicator, slip.measure, slip.value))
        summary.documents[fmt] += 1
        summary.kinds[kind] += 1
        if on_document:
            on_document(rel)
    summary.figures, summary.awards = truth.close()
    if slips > 0:
        _write_slips(out / "truth_slips.parquet", injected)
    summary.slips = len(injected)
    summary.seconds = time.perf_counter() - started
    manifest = {"generator": "chitieu synth", "seed": seed, "communes": communes,
                "years": [years[0], years[-1]] if len(years) else [], "formats": list(formats),
                "documents": dict(sorted(summary.documents.items())), "kinds": dict(sorted(summary.kinds.items())),
                "figures": summary.figures, "awards": summary.awards, "pdf_pages": summary.pages,
                "skipped": summary.skipped, "slips": {"rate": slips, "injected": len(injected)}}
    (out / "synth.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return summary
