"""DuckDB over a dataset: the catalog file, `chitieu sql`, `chitieu compare`."""
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline.dataset.catalog import CATALOG, compare, write_catalog
from pipeline.cli import app
from pipeline.config import Config
from pipeline.run.batch import run

runner = CliRunner()
REPORT = """Số: {n}/BC-UBND
{place}, ngày 10 tháng 12 năm {year}
BÁO CÁO
Tổng kết năm {year}
UBND xã {place} báo cáo. Tỷ lệ hộ nghèo còn {rate}%, giảm 0,4% so với cùng kỳ. Thu ngân sách đạt {rev} tỷ đồng, đạt 104,5% kế hoạch.
"""


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("in")
    figures = [("Hòa Lạc", 2022, "2,1", "3,4"), ("Hòa Lạc", 2023, "1,7", "3,9"), ("Tân Xá", 2023, "2,6", "2,8")]
    for i, (place, year, rate, rev) in enumerate(figures):
        (root / f"{i}.txt").write_text(REPORT.format(n=i + 1, place=place, year=year, rate=rate, rev=rev), encoding="utf-8")
    out = tmp_path_factory.mktemp("out") / "ds"
    run([root], out, Config.load())
    write_catalog(out)
    return out


def test_the_catalog_file_holds_views_a_bi_tool_opens(dataset, monkeypatch):
    monkeypatch.chdir(dataset)
    con = duckdb.connect(CATALOG, read_only=True)
    assert con.execute("select count(*) from documents").fetchone()[0] == 3
    row = con.execute("select value, change from indicator_wide where indicator = 'poverty_rate' "
                      "and locality = 'Hòa Lạc' and period_year = 2023").fetchone()
    assert row == (1.7, -0.4)


def test_the_catalog_keeps_working_after_the_folder_is_moved(dataset, tmp_path, monkeypatch):
    moved = tmp_path / "elsewhere" / "copy of dataset"
    shutil.copytree(dataset, moved)
    monkeypatch.chdir(moved)  # opened from inside the folder: the relative paths find its files
    con = duckdb.connect(CATALOG, read_only=True)
    assert con.execute("select count(*) from indicators").fetchone()[0] > 0
    con.close()
    monkeypatch.chdir(tmp_path)  # or from anywhere, with the folder as the search path
    con = duckdb.connect(str(moved / CATALOG), read_only=True)
    con.execute(f"SET file_search_path = '{moved.as_posix()}'")
    assert con.execute("select count(*) from documents").fetchone()[0] == 3


def test_compare_puts_units_in_rows_and_years_in_columns(dataset):
    result = compare(dataset, "poverty_rate")
    assert result.columns[-2:] == ["2022", "2023"]
    assert result.columns[:4] == ["province", "district", "commune", "unit_code"]
    rows = {r[2]: r[4:] for r in result.rows}
    assert rows["Hòa Lạc"] == (2.1, 1.7) and rows["Tân Xá"] == (None, 2.6)


def test_compare_command_saves_csv(dataset, tmp_path):
    out = tmp_path / "poverty.csv"
    result = runner.invoke(app, ["compare", str(dataset), "--indicator", "poverty_rate", "--years", "2023-2023",
                                 "--csv", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines()[0] == "province,district,commune,unit_code,2023"


def test_sql_command_and_its_errors(dataset, tmp_path):
    result = runner.invoke(app, ["sql", str(dataset), "select count(*) as n from awards"])
    assert result.exit_code == 0 and "n" in result.output
    assert runner.invoke(app, ["sql", str(dataset), "select nonsense from nowhere"]).exit_code == 2
    assert runner.invoke(app, ["sql", str(tmp_path), "select 1"]).exit_code == 2


def test_indicator_wide_puts_a_target_beside_the_value_of_its_own_year_only(tmp_path):
    """A 2023 report's "phương hướng năm 2024" target is not this row's target: reading the row as
    value against target would say the commune missed a target set for the next year."""
    root = tmp_path / "in"
    root.mkdir()
    (root / "bc.txt").write_text(
        "Số: 9/BC-UBND\nĐông Xá, ngày 12 tháng 12 năm 2023\nBÁO CÁO\nTổng kết năm 2023\n"
        "I. KẾT QUẢ NĂM 2023\nTỷ lệ hộ nghèo còn 3,05%.\n"
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024\nPhấn đấu tỷ lệ hộ nghèo năm 2024 giảm còn 2,5%.\n", encoding="utf-8")
    out = tmp_path / "ds"
    run([root], out, Config.load())
    from pipeline.dataset.catalog import connect
    con = connect(out)
    assert con.execute("select target_year from indicators where measure = 'target'").fetchall() == [(2024,)]
    row = con.execute("select value, target from indicator_wide where indicator = 'poverty_rate'").fetchone()
    assert row == (3.05, None)
