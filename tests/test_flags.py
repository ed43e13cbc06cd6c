"""Plausibility flags (extractors/plausibility.py, extractors/ocr_marks.py, pipeline/dataset/flags.py)
and the slips `chitieu synth --slips` injects for them."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extractors.ocr_marks import ocr_marks
from pipeline.config import Config
from pipeline.dataset.catalog import connect
from pipeline.model import Document, Figure
from pipeline.run.batch import run
from pipeline.synth import synthesize
from pipeline.synth.slips import SLIP_KINDS, score_flags

HEAD = """ỦY BAN NHÂN DÂN XÃ PHÚ LỘC
Số: {n}/BC-UBND
Phú Lộc, ngày 12 tháng 12 năm {y}
BÁO CÁO
Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {y}
1. Kinh tế
"""

SLIPS = HEAD.format(n=97, y=2023) + """Tổng mức bán lẻ hàng hóa ước đạt 61,4 tỷ đồng, đạt 730% kế hoạch năm.
Tổng mức bán lẻ hàng hóa năm trước đạt 48,0 tỷ đồng, đạt 0% kế hoạch.
Tỷ lệ hộ dân dùng nước sạch đạt 118,2%.
Thu nhập bình quân đầu người tăng từ 48,5 triệu đồng lên 52,0 triệu đồng, tăng 27,3%.
Thu nhập bình quân đầu người tăng từ 44,0 triệu đồng năm 2021 lên 48,4 triệu đồng năm 2022, tăng 10%.
Tỷ lệ hộ nghèo giảm từ 5,2% xuống còn 4,4%, giảm 0,8%.
Tổng thu ngân sách đạt 8.400 triệu đồng, tăng 2.900 triệu đồng, tăng 12%.
Tỷ lệ tham gia bảo hiểm y tế đạt 91,5%, đạt 101,2% kế hoạch.
"""


def _flags(folder: Path) -> dict[tuple, list[str]]:
    return {(i, m, v): list(f) for i, m, v, f in connect(folder).execute(
        "SELECT indicator, measure, value, flags FROM indicator_flags ORDER BY char_start").fetchall()}


@pytest.fixture(scope="module")
def slips_run(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("flags-raw")
    (raw / "bc-2023.txt").write_text(SLIPS, encoding="utf-8")
    out = tmp_path_factory.mktemp("flags-out") / "out"
    run([raw], out, Config.load())
    return out


def test_a_documents_own_slips_are_flagged(slips_run):
    got = _flags(slips_run)
    assert got[("retail_sales", "pct_of_plan", 730.0)] == ["pct_of_plan_bound"]
    assert got[("retail_sales", "pct_of_plan", 0.0)] == ["pct_of_plan_bound"]
    assert got[("clean_water_rate", "value", 118.2)] == ["rate_over_100"]
    # 48,5 -> 52,0 is 7.2%, not 27,3%; 44,0 -> 48,4 is the 10% it says
    assert got[("income_per_capita", "change_pct", 27.3)] == ["change_mismatch"]
    assert got[("income_per_capita", "change_pct", 10.0)] == []
    # a rate's change in points agrees: 5,2 -> 4,4 is 0,8 points
    assert got[("poverty_rate", "change", -0.8)] == []
    # 8.400 - 2.900 = 5.500, from which 8.400 is +53%, not +12%
    assert got[("budget_revenue", "change", 2_900_000_000.0)] == ["change_mismatch"]
    assert got[("health_insurance_coverage", "value", 91.5)] == []
    assert got[("health_insurance_coverage", "pct_of_plan", 101.2)] == []


def test_flags_column_is_written_and_never_null(slips_run):
    table = pq.read_table(next((slips_run / "indicators").rglob("*.parquet")))
    assert pa.types.is_list(table.schema.field("flags").type) and table.schema.field("flags").type.value_type == pa.string()
    assert all(isinstance(f, list) for f in table.column("flags").to_pylist())


def _figure(value: float, unit: str, raw: str, page: int) -> Figure:
    return Figure("poverty_rate", "Tỷ lệ hộ nghèo", "tỷ lệ hộ nghèo", "value", value, unit, raw, 0, 4, "s",
                  "rules", 0.9, page=page)


def test_ocr_doubtful_digits_are_flagged():
    doc = Document("d", "scan.pdf", "pdf", ocr_pages=(2,), ocr_confidence=0.9)
    doc.figures = [_figure(3120.0, "percent", "3120", 2), _figure(3.12, "percent", "3,12", 2),
                   _figure(3120.0, "percent", "3120", 1)]
    ocr_marks(doc)
    assert [f.flags for f in doc.figures] == [["ocr_doubtful"], [], []]


def _report(year: int, budget: str) -> str:
    return HEAD.format(n=80 + year % 100, y=year) + f"Tổng thu ngân sách trên địa bàn đạt {budget} triệu đồng.\n"


def test_a_value_1000x_off_the_units_other_years_is_a_scale_slip(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for year, budget in ((2021, "7.150"), (2022, "7.480"), (2023, "7.900.000"), (2024, "8.230")):
        (raw / f"bc-{year}.txt").write_text(_report(year, budget), encoding="utf-8")
    run([raw], tmp_path / "out", Config.load())
    rows = connect(tmp_path / "out").execute(
        "SELECT period_year, flags FROM indicator_flags WHERE indicator = 'budget_revenue' ORDER BY 1").fetchall()
    assert rows == [(2021, []), (2022, []), (2023, ["scale_slip"]), (2024, [])]
    # the stored column holds only what one document shows on its own
    assert connect(tmp_path / "out").execute(
        "SELECT count(*) FROM indicators WHERE len(flags) > 0").fetchone()[0] == 0


def test_injected_slips_are_all_found_and_nothing_else_is_flagged(tmp_path):
    archive = tmp_path / "archive"
    summary = synthesize(archive, communes=4, years=range(2021, 2024), seed=5, formats=("txt",), slips=1.0)
    assert summary.slips >= len(SLIP_KINDS)
    slips = pq.read_table(archive / "truth_slips.parquet").to_pylist()
    assert {s["flag"] for s in slips} == set(SLIP_KINDS)
    run([archive / "docs"], tmp_path / "out", Config.load())
    scores = {s.flag: s for s in score_flags(tmp_path / "out", archive)}
    for kind in SLIP_KINDS:
        assert scores[kind].recall == 1.0 and scores[kind].precision == 1.0, scores[kind]


def test_slips_leave_the_archive_otherwise_unchanged(tmp_path):
    plain = synthesize(tmp_path / "a", communes=2, years=range(2022, 2023), seed=7, formats=("txt",))
    slipped = synthesize(tmp_path / "b", communes=2, years=range(2022, 2023), seed=7, formats=("txt",), slips=1.0)
    assert not (tmp_path / "a" / "truth_slips.parquet").exists() and slipped.slips == 2
    for path in sorted((tmp_path / "a" / "docs").rglob("*.txt")):
        other = tmp_path / "b" / "docs" / path.relative_to(tmp_path / "a" / "docs")
        if "-bc-tongket" not in path.name:
            assert other.read_bytes() == path.read_bytes()
        else:
            assert len(other.read_bytes()) > len(path.read_bytes())
    assert plain.figures + slipped.slips <= slipped.figures


def test_the_review_page_lists_the_flagged_figures(slips_run, tmp_path):
    from pipeline.report.site import write_report

    write_report(slips_run, tmp_path / "site")
    page = (tmp_path / "site" / "flags.html").read_text(encoding="utf-8")
    assert "118,2" in page and "rate_over_100" in page and "change_mismatch" in page
    assert "91,5" not in page  # an unflagged figure is not listed


def test_synth_command_injects_slips(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    result = CliRunner().invoke(app, ["synth", "--out", str(tmp_path / "s"), "--communes", "1", "--years", "2023",
                                      "--formats", "txt", "--slips", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert "1 slips injected" in result.output
    assert pq.read_table(tmp_path / "s" / "truth_slips.parquet").num_rows == 1
