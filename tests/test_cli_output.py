"""Output for people and for pipes (issue 18, point 9)."""
import csv
import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.commands.output import clean, common_scale, render, vi_amount, vi_number
from pipeline.config import Config
from pipeline.run.batch import run

runner = CliRunner()

REPORT = """Số: {n}/BC-UBND
{place}, ngày 15 tháng 12 năm 2023
BÁO CÁO
Tổng kết năm 2023
UBND xã {place} báo cáo. Tổng thu ngân sách xã đạt {revenue} đồng. Tỷ lệ hộ nghèo còn {rate}%.
"""


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("in")
    for i, (place, revenue, rate) in enumerate([("Yên Trường", "1.068 tỷ 692 triệu", "2,4"),
                                                 ("Định Hòa", "16 tỷ 257 triệu", "3,15")]):
        (root / f"{i}.txt").write_text(REPORT.format(n=i + 1, place=place, revenue=revenue, rate=rate),
                                       encoding="utf-8")
    out = tmp_path_factory.mktemp("out") / "ds"
    run([root], out, Config.load())
    return out


def test_vietnamese_notation():
    assert vi_number(1068.692) == "1.068,692"
    assert vi_number(16257000000.0) == "16.257.000.000"
    assert vi_number(-0.1) == "-0,1" and vi_number(2.0) == "2"
    assert vi_number(1000.0, 0) == "1.000" and vi_number(2500000.4, 0) == "2.500.000"
    assert vi_amount(1.068692e12, "VND") == "1.068,692 tỷ đồng"
    assert vi_amount(215.6e6, "VND") == "215,6 triệu đồng"
    assert vi_amount(2.4, "percent") == "2,4%"
    assert common_scale([1.068692e12, 16.257e9], "VND") == (1e9, "tỷ đồng")


def test_confidence_is_rounded_and_float32_artifacts_dropped():
    rows = clean(["value", "confidence", "share"], [(0.1 + 0.2, 0.8999999761581421, 0.30000001192092896)],
                 ["DOUBLE", "FLOAT", "FLOAT"])
    assert rows == [(0.1 + 0.2, 0.9, 0.3)]


def test_a_compound_amount_keeps_its_whole_phrase(dataset):
    result = runner.invoke(app, ["sql", str(dataset), "SELECT raw_value, value FROM indicators "
                                 "WHERE indicator = 'budget_revenue' ORDER BY value", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"raw_value": "16 tỷ 257 triệu", "value": 16257000000.0},
                                         {"raw_value": "1.068 tỷ 692 triệu", "value": 1068692000000.0}]


def test_compare_for_machines_gives_raw_numbers(dataset):
    result = runner.invoke(app, ["compare", str(dataset), "--indicator", "budget_revenue", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["province", "district", "commune", "unit_code", "2023"]
    assert sorted(r[-1] for r in rows[1:]) == ["1068692000000.0", "16257000000.0"]


def test_compare_for_people_gives_vietnamese_notation(dataset):
    result = runner.invoke(app, ["compare", str(dataset), "--indicator", "budget_revenue", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert "tỷ đồng" in result.stdout and "| 1.068,692 |" in result.stdout and "| 16,257 |" in result.stdout
    table = runner.invoke(app, ["compare", str(dataset), "--indicator", "poverty_rate"])
    assert "3,15" in table.stdout and "3.15" not in table.stdout


def test_a_misspelt_indicator_code_says_did_you_mean(dataset):
    result = runner.invoke(app, ["compare", str(dataset), "--indicator", "povrty_rate"])
    assert result.exit_code == 2
    said = " ".join(result.output.replace("│", " ").split())
    assert "unknown indicator 'povrty_rate': did you mean poverty_rate" in said


def test_an_empty_input_folder_says_no_files_found(tmp_path):
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["run", str(tmp_path / "empty"), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 2
    assert "no files found" in result.output and not (tmp_path / "out").exists()


@pytest.mark.parametrize("width", [40, 60, 100, 200])
def test_tables_stay_readable_at_any_width(width):
    columns = ["source_path", "indicator", "value", "unit", "confidence", "sentence"]
    rows = [("báo cáo năm 2023 của xã.docx", "budget_revenue", 1.068692e12, "VND", 0.9,
             "Tổng thu ngân sách trên địa bàn xã ước đạt 1.068 tỷ 692 triệu đồng, đạt 104% dự toán.")]
    console = Console(width=width, file=io.StringIO(), force_terminal=False)
    render(columns, rows, "table", console)
    text = console.file.getvalue()
    assert max(len(line) for line in text.splitlines()) <= width
    for word in ("budget_revenue", "confidence", "1.068.692.000.000"):
        assert word in text  # whole words: never cut to a letter a line
