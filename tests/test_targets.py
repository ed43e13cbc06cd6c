"""Targets against results (pipeline/dataset/targets.py): a commune's plan and its year-end report,
and the synthetic archive, whose truth knows every target and result."""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.config import Config
from pipeline.dataset import targets
from pipeline.dataset.catalog import connect
from pipeline.run.batch import run
from pipeline.synth import synthesize

PLAN = """ỦY BAN NHÂN DÂN XÃ BÌNH LỢI
Số: 71/KH-UBND
Bình Lợi, ngày 22 tháng 12 năm 2023
KẾ HOẠCH
Phát triển kinh tế - xã hội năm 2024
I. CÁC CHỈ TIÊU CHỦ YẾU
1. Tổng giá trị sản xuất đạt 310 tỷ đồng.
2. Tổng thu ngân sách trên địa bàn đạt 7.000 triệu đồng.
3. Tỷ lệ hộ nghèo giảm còn 2,8%.
4. Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể nhẹ cân không quá 8%.
5. Tỷ lệ dân số tham gia bảo hiểm y tế đạt trên 93%.
6. Giải quyết việc làm mới cho 210 lao động.
"""

REPORT = """ỦY BAN NHÂN DÂN XÃ BÌNH LỢI
Số: 152/BC-UBND
Bình Lợi, ngày 16 tháng 12 năm 2024
BÁO CÁO
Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2024
1. Kinh tế
Tổng giá trị sản xuất ước đạt 325,5 tỷ đồng, đạt 105% kế hoạch.
Tổng thu ngân sách trên địa bàn đạt 6.650 triệu đồng, đạt 97% kế hoạch.
2. Xã hội
Tỷ lệ hộ nghèo giảm từ 3,6% xuống còn 2,7%.
Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể nhẹ cân là 8,3%.
Tỷ lệ dân số tham gia bảo hiểm y tế đạt 93%.
"""


EARLIER = """ỦY BAN NHÂN DÂN XÃ BÌNH LỢI
Số: 149/BC-UBND
Bình Lợi, ngày 15 tháng 12 năm 2023
BÁO CÁO
Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2023, phương hướng nhiệm vụ năm 2024
Phần thứ nhất
KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2023
Tổng giá trị sản xuất đạt 296,4 tỷ đồng.
Phần thứ hai
PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024
Tổng giá trị sản xuất đạt 300 tỷ đồng trở lên.
"""


@pytest.fixture(scope="module")
def own(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("targets-raw")
    (raw / "kh-2024.txt").write_text(PLAN, encoding="utf-8")
    (raw / "bc-2024.txt").write_text(REPORT, encoding="utf-8")
    (raw / "bc-2023.txt").write_text(EARLIER, encoding="utf-8")  # its 2024 target gives way to the plan's
    (raw / "bc-2024-copy.txt").write_text(REPORT, encoding="utf-8")  # a copy is never counted twice
    out = tmp_path_factory.mktemp("targets-out") / "out"
    run([raw], out, Config.load())
    return out


def _by_indicator(folder: Path) -> dict[str, dict]:
    con = connect(folder)
    columns = list(targets.COLUMNS)
    return {r[columns.index("indicator")]: dict(zip(columns, r)) for r in targets.rows(con, year=2024)}


def test_each_target_meets_its_result(own):
    got = _by_indicator(own)
    assert set(got) == {"production_value", "budget_revenue", "poverty_rate", "child_malnutrition_rate",
                        "health_insurance_coverage", "jobs_created"}
    assert got["production_value"]["status"] == "met" and got["production_value"]["achieved_pct"] == 105.0
    assert got["production_value"]["target"] == 310e9 and got["production_value"]["comparator"] == "eq"
    assert got["budget_revenue"]["status"] == "not met" and got["budget_revenue"]["achieved_pct"] == 95.0
    # a lower rate is better: "giảm còn 2,8%" is met by 2,7% (never by the prior year's 3,6%)
    assert got["poverty_rate"]["status"] == "met" and got["poverty_rate"]["actual"] == 2.7
    # "không quá 8%" (le) is not met by 8,3%; "trên 93%" (gt) is not met by exactly 93%
    assert got["child_malnutrition_rate"]["comparator"] == "le"
    assert got["child_malnutrition_rate"]["status"] == "not met"
    assert got["health_insurance_coverage"]["status"] == "not met"
    assert got["jobs_created"]["status"] == "no result"


def test_the_reports_own_pct_of_plan_sits_beside_the_ratio(own):
    got = _by_indicator(own)
    assert got["production_value"]["pct_of_plan"] == 105.0 and not got["production_value"]["pct_disagrees"]
    # 6.650 of 7.000 is 95%, the report says 97%: more than a point apart
    assert got["budget_revenue"]["pct_of_plan"] == 97.0 and got["budget_revenue"]["pct_disagrees"]


def test_a_year_without_a_target_is_no_target(own):
    rows = targets.rows(connect(own), indicator="production_value", year=2023)
    assert [(r[targets.COLUMNS.index("actual")], r[targets.COLUMNS.index("status")]) for r in rows] == \
        [(296.4e9, "no target")]


def test_targets_command_summary(own):
    result = CliRunner().invoke(app, ["targets", str(own), "--summary", "-f", "csv"])
    assert result.exit_code == 0, result.output
    header, line = result.output.strip().splitlines()[:2]
    assert header.split(",")[4:] == ["targets", "met", "not met", "no result", "% met"]
    assert line.split(",")[4:] == ["6", "2", "3", "1", "40.0"]


# --- the synthetic archive: the truth's targets and results against the view's -------------------

def _place(path: str) -> str:
    """A synthetic file's district and commune folders."""
    return "/".join(Path(path).parts[-3:-1])


def _truth_outcomes(archive: Path) -> dict[tuple, str]:
    """(commune folder, indicator, year) -> met / not met, from the truth: the plan's target (the
    plan written in year y is for y + 1) and the year-end report's value (final before estimate)."""
    truth = pq.read_table(archive / "truth_indicators.parquet").to_pylist()
    plan: dict[tuple, dict] = {}
    value: dict[tuple, list[dict]] = defaultdict(list)
    for r in truth:
        folder, name = _place(r["file"]), r["file"].rsplit("/", 1)[1]
        year = int(re.search(r"-(\d{4})-(?:kh|bc-)", name).group(1))
        if "-kh." in name and r["measure"] == "target":
            plan.setdefault((folder, r["indicator"], year + 1), r)
        elif "-bc-tongket." in name and r["measure"] == "value":
            value[(folder, r["indicator"], year)].append(r)
    better = targets.directions()
    out = {}
    for key, t in plan.items():
        if key not in value:
            continue
        v = sorted(value[key], key=lambda r: r["is_estimate"])[0]["value"]
        cmp = t["comparator"]
        lower = cmp in ("le", "lt") or (cmp not in ("ge", "gt") and better.get(key[1]) == "lower")
        met = {"le": v <= t["value"], "lt": v < t["value"], "gt": v > t["value"]}.get(
            cmp, v <= t["value"] if lower else v >= t["value"])
        out[key] = "met" if met else "not met"
    return out


@pytest.fixture(scope="module")
def synth_run(tmp_path_factory) -> tuple[Path, Path]:
    archive = tmp_path_factory.mktemp("targets-synth") / "archive"
    synthesize(archive, communes=4, years=range(2022, 2024), seed=3, formats=("txt",))
    out = tmp_path_factory.mktemp("targets-synth-run") / "out"
    run([archive / "docs"], out, Config.load())
    return archive, out


def test_synthetic_targets_agree_with_the_truth(synth_run):
    archive, out = synth_run
    expected = _truth_outcomes(archive)
    assert len(expected) >= 20
    con = connect(out)
    # the view's rows keyed like the truth's: the commune's folder is in the result's path
    got = {(_place(path), indicator, year): status for path, indicator, year, status in con.execute(
        "SELECT actual_source, indicator, year, status FROM targets WHERE status IN ('met', 'not met') "
        "AND target_source LIKE '%-kh.txt'").fetchall()}
    agree = sum(got.get(k) == v for k, v in expected.items())
    assert agree / len(expected) >= 0.9, [(k, v, got.get(k)) for k, v in expected.items() if got.get(k) != v][:10]


def test_report_pages_show_targets_per_commune(own, tmp_path):
    from pipeline.report.site import write_report

    site = tmp_path / "site"
    write_report(own, site)
    summary = (site / "targets.html").read_text(encoding="utf-8")
    assert "Bình Lợi" in summary and 'href="targets/targets.html#u' in summary
    commune = (site / "targets" / "targets.html").read_text(encoding="utf-8")
    assert commune.count("<tr>") >= 7 and "not met" in commune and "no result" in commune
    assert commune.count("≠") == 1  # only the budget's 95% against the report's 97%


def test_two_communes_merged_in_2025_keep_their_own_targets(tmp_path):
    """Xã Vĩnh Hùng and xã Minh Tân of Vĩnh Lộc became one commune in 2025 (one comparison_unit_id).
    Before the reform each had its targets: one commune's plan is never met by the other's report."""
    root = tmp_path / "in"
    root.mkdir()
    head = "UBND HUYỆN VĨNH LỘC\nỦY BAN NHÂN DÂN XÃ {name}\nSố: {n}/{code}-UBND\n{place}, ngày {day} năm {year}\n"
    docs = {
        "mt-kh.txt": head.format(name="MINH TÂN", n=5, code="KH", place="Minh Tân", day="10 tháng 01", year=2024)
        + "KẾ HOẠCH\nPhát triển kinh tế - xã hội năm 2024\nI. CÁC CHỈ TIÊU CHỦ YẾU\n1. Tỷ lệ hộ nghèo giảm còn 3%.\n",
        "mt-bc.txt": head.format(name="MINH TÂN", n=96, code="BC", place="Minh Tân", day="16 tháng 12", year=2024)
        + "BÁO CÁO\nKết quả thực hiện nhiệm vụ năm 2024\nTỷ lệ hộ nghèo của xã còn 3,4%.\n",
        "vh-bc.txt": head.format(name="VĨNH HÙNG", n=97, code="BC", place="Vĩnh Hùng", day="17 tháng 12", year=2024)
        + "BÁO CÁO\nKết quả thực hiện nhiệm vụ năm 2024\nTỷ lệ hộ nghèo của xã còn 2,31%.\n",
    }
    for name, text in docs.items():
        (root / name).write_text(text, encoding="utf-8")
    out = tmp_path / "ds"
    run([root], out, Config.load())
    con = connect(out)
    got = {(r[0], r[1]): r[2:] for r in con.execute(
        "SELECT locality, indicator, comparison_unit_id, target, actual, status FROM targets WHERE year = 2024").fetchall()}
    groups = con.execute("SELECT DISTINCT comparison_unit_id FROM documents").fetchall()
    assert len(groups) == 1 and groups[0][0]  # one group after the reform
    assert got[("Minh Tân", "poverty_rate")] == (groups[0][0], 3.0, 3.4, "not met")
    assert ("Vĩnh Hùng", "poverty_rate") not in got  # it set no target: its 2,31% meets nobody's 3%


def test_a_flagged_result_is_doubtful_never_met(tmp_path):
    """A rate over 100% (rate_over_100) meets a 92% target only by misreading: the view says
    `doubtful`, so a dashboard does not count it as a target met."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "kh.txt").write_text(PLAN.replace("đạt trên 93%", "đạt 92%"), encoding="utf-8")
    (raw / "bc.txt").write_text(REPORT.replace("đạt 93%.", "đạt 193,5%."), encoding="utf-8")
    out = tmp_path / "out"
    run([raw], out, Config.load())
    got = _by_indicator(out)["health_insurance_coverage"]
    assert got["actual"] == 193.5 and got["status"] == "doubtful"
