"""The synthetic archive (pipeline/synth/): realistic files, exact truth, and the pipeline's score on it."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow.parquet as pq
import pypdfium2 as pdfium
import pytest

from pipeline.config import Config
from pipeline.run.batch import run
from pipeline.synth import AWARD_COLUMNS, INDICATOR_COLUMNS, score, synthesize
from pipeline.synth.render import pdf as synth_pdf

CATALOGUE = Path(__file__).resolve().parents[1] / "lexicons" / "indicators.tsv"
# Floors of the pipeline against the truth of a 6 communes x 2 years archive.
FIGURES_P, FIGURES_R, AWARDS_P, AWARDS_R = 0.9, 0.9, 0.9, 0.9


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "archive"
    summary = synthesize(out, communes=6, years=range(2022, 2024), seed=0)
    assert summary.skipped is None, summary.skipped
    return out


@pytest.fixture(scope="module")
def scored(archive, tmp_path_factory) -> dict:
    dataset = tmp_path_factory.mktemp("synth-run") / "out"
    summary = run([archive / "docs"], dataset, Config.load())
    assert summary.statuses.get("ok", 0) == summary.documents, summary.problems
    return score(dataset, archive, details=30)


def _codes() -> set[str]:
    lines = CATALOGUE.read_text(encoding="utf-8").splitlines()
    return {ln.split("\t")[0] for ln in lines[1:] if ln and not ln.startswith("#")} - {"code"}


def test_the_archive_holds_reports_plans_and_a_third_of_each_format(archive):
    files = sorted((archive / "docs").rglob("*.*"))
    by_format = {ext: [f for f in files if f.suffix == f".{ext}"] for ext in ("txt", "docx", "pdf")}
    assert all(abs(len(v) - len(files) / 3) <= 1 for v in by_format.values()), {k: len(v) for k, v in by_format.items()}
    names = [f.stem for f in files]
    assert len(set(names)) == len(names), "stems must be unique: truth matches by stem"
    assert sum(n.endswith("-bc-tongket") for n in names) == 12
    assert sum(n.endswith("-kh") for n in names) == 12
    for pdf in by_format["pdf"]:
        assert 5 <= len(pdfium.PdfDocument(pdf)) <= 10, pdf.name
    text = next(f for f in by_format["txt"] if f.stem.endswith("-bc-tongket")).read_bytes()
    for encoding in ("utf-8", "utf-16", "cp1258"):
        try:
            text = text.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    assert "BÁO CÁO" in text and "Nơi nhận" in text and "| Chỉ tiêu |" in text


def test_the_truth_uses_the_gold_columns_and_catalogue_codes(archive):
    figures = pq.read_table(archive / "truth_indicators.parquet")
    awards = pq.read_table(archive / "truth_awards.parquet")
    assert figures.column_names == INDICATOR_COLUMNS
    assert awards.column_names == AWARD_COLUMNS
    rows = figures.to_pylist()
    assert set(r["indicator"] for r in rows) <= _codes() - {"other"}
    assert set(r["unit"] for r in rows) <= {"VND", "ha", "tonne", "quintal_per_ha", "percent", "count"}
    assert set(r["measure"] for r in rows) <= {"value", "target", "pct_of_plan", "pct_of_prior", "change_pct", "change"}
    assert all(r["quote"] for r in rows)
    files = {p.relative_to(archive / "docs").as_posix() for p in (archive / "docs").rglob("*.*")}
    assert {r["file"] for r in rows} <= files
    aw = awards.to_pylist()
    assert {r["status"] for r in aw} <= {"received", "proposed", "planned"}
    assert {r["grantor_level"] for r in aw} <= {"province", "district", "commune"}
    # plans: every figure is a target, every award planned
    assert all(r["measure"] == "target" for r in rows if Path(r["file"]).stem.endswith("-kh"))
    assert all(r["status"] == "planned" for r in aw if Path(r["file"]).stem.endswith("-kh"))


def test_the_same_seed_writes_the_same_bytes(tmp_path):
    def digest(folder: Path) -> dict[str, str]:
        return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file()}

    synthesize(tmp_path / "a", communes=2, years=range(2023, 2024), seed=5)
    synthesize(tmp_path / "b", communes=2, years=range(2023, 2024), seed=5)
    synthesize(tmp_path / "c", communes=2, years=range(2023, 2024), seed=6)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a") != digest(tmp_path / "c")


def test_without_the_font_pdfs_are_skipped_with_a_reason(tmp_path, monkeypatch):
    monkeypatch.setattr(synth_pdf, "FONT_DIR", tmp_path / "no-fonts")
    summary = synthesize(tmp_path / "out", communes=1, years=range(2023, 2024), formats=("txt", "pdf"))
    assert summary.skipped and "DejaVu" in summary.skipped
    assert summary.documents.get("pdf", 0) == 0 and summary.documents["txt"] == summary.total
    with pytest.raises(RuntimeError, match="DejaVu"):
        synthesize(tmp_path / "out2", communes=1, years=range(2023, 2024), formats=("pdf",))


def test_a_folder_synth_did_not_write_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        synthesize(tmp_path, communes=1, years=range(2023, 2024))
    assert (tmp_path / "notes.txt").exists()


def test_the_pipeline_finds_the_truth(scored):
    print()
    print(f"figures: precision {scored['figures_p']:.3f} recall {scored['figures_r']:.3f} f1 {scored['figures_f1']:.3f} "
          f"(tp {scored['figures_tp']}, fp {scored['figures_fp']}, fn {scored['figures_fn']}); "
          f"indicator code {scored['indicator_acc']:.3f}")
    print(f"awards:  precision {scored['awards_p']:.3f} recall {scored['awards_r']:.3f} f1 {scored['awards_f1']:.3f} "
          f"(tp {scored['awards_tp']}, fp {scored['awards_fp']}, fn {scored['awards_fn']}); "
          f"grantor level and status {scored['awards_attr_acc']:.3f}")
    for name in ("misses", "false_positives", "wrong_code", "award_misses", "award_false_positives"):
        for row in scored[name][:10]:
            print(f"  {name}: {row}")
    assert scored["failed"] == 0
    assert scored["figures_p"] >= FIGURES_P
    assert scored["figures_r"] >= FIGURES_R
    assert scored["awards_p"] >= AWARDS_P
    assert scored["awards_r"] >= AWARDS_R


def test_the_synth_command_writes_an_archive_and_refuses_bad_options(tmp_path):
    import typer
    from typer.testing import CliRunner

    from pipeline.commands.synth import synth_command

    app = typer.Typer()
    app.command("synth")(synth_command)
    app.command("other")(lambda: None)  # a group, as on the chitieu app
    runner = CliRunner()
    result = runner.invoke(app, ["synth", "--communes", "1", "--years", "2023", "--out", str(tmp_path / "s"),
                                 "--formats", "txt,docx", "-q"])
    assert result.exit_code == 0, result.output
    assert "figures" in result.output and (tmp_path / "s" / "truth_indicators.parquet").exists()
    assert not list((tmp_path / "s" / "docs").rglob("*.pdf"))
    for bad in (["--years", "2024-2020"], ["--formats", "odt"]):
        result = runner.invoke(app, ["synth", "--out", str(tmp_path / "t"), *bad])
        assert result.exit_code == 2, result.output
