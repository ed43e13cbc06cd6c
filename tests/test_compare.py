"""Comparisons an analyst can trust (issue 18, points 4, 5 and 7): rows keyed by the unit,
districts from district reports or documented sums of communes, one period at a time, targets
under the year they are for."""
from pathlib import Path

import pytest

from pipeline.config import Config
from pipeline.dataset.catalog import compare
from pipeline.dataset.comparison import additive
from pipeline.run.batch import run

COMMUNE = """Số: {n}/BC-UBND
{name}, ngày 20 tháng {month} năm {year}
BÁO CÁO
Kết quả thực hiện nhiệm vụ {period}năm {year}
UBND xã {name} báo cáo; UBND huyện {district} chỉ đạo; tỉnh {province}.
Thu ngân sách trên địa bàn xã đạt {revenue} tỷ đồng.
Tỷ lệ hộ nghèo của xã còn {poverty}%.
"""

DISTRICT = """Số: 9/BC-UBND
Yên Định, ngày 25 tháng 12 năm 2023
BÁO CÁO
Kết quả thực hiện nhiệm vụ năm 2023
UBND huyện Yên Định báo cáo kết quả của toàn huyện; tỉnh Thanh Hóa.
Thu ngân sách trên địa bàn huyện đạt 120 tỷ đồng.
"""

PLAN = """Số: 3/KH-UBND
Yên Trường, ngày 5 tháng 1 năm 2024
KẾ HOẠCH
Phát triển kinh tế - xã hội năm 2024
UBND xã Yên Trường; UBND huyện Yên Định; tỉnh Thanh Hóa.
Thu ngân sách trên địa bàn xã đạt 11 tỷ đồng.
"""

REPORT_WITH_TARGETS = """Số: 41/BC-UBND
Yên Thịnh, ngày 22 tháng 12 năm 2023
BÁO CÁO
Kết quả thực hiện nhiệm vụ năm 2023
UBND xã Yên Thịnh báo cáo; UBND huyện Yên Định; tỉnh Thanh Hóa.
Thu ngân sách trên địa bàn xã đạt 6 tỷ đồng.
II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024
Phấn đấu thu ngân sách trên địa bàn xã đạt 7 tỷ đồng.
"""


def _commune(n, name, district, province, year, revenue, poverty, period="", month=12):
    return COMMUNE.format(n=n, name=name, district=district, province=province, year=year, revenue=revenue,
                          poverty=poverty, period=period, month=month)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("in")
    files = {
        "yt-2022.txt": _commune(1, "Yên Trường", "Yên Định", "Thanh Hóa", 2022, "8", "3,1"),
        "yt-2023.txt": _commune(2, "Yên Trường", "Yên Định", "Thanh Hóa", 2023, "9", "2,5"),
        "yt-2023-h1.txt": _commune(3, "Yên Trường", "Yên Định", "Thanh Hóa", 2023, "4", "2,8",
                                   period="6 tháng đầu ", month=6),
        "yth-2022.txt": _commune(4, "Yên Thịnh", "Yên Định", "Thanh Hóa", 2022, "5", "4,2"),
        "yth-2023.txt": REPORT_WITH_TARGETS,
        # two communes of one name, in two provinces
        "qp-thanhhoa-2023.txt": _commune(6, "Quảng Phú", "Thọ Xuân", "Thanh Hóa", 2023, "10", "1,9"),
        "qp-bacninh-2023.txt": _commune(7, "Quảng Phú", "Lương Tài", "Bắc Ninh", 2023, "12", "1,4"),
        "yendinh-2023.txt": DISTRICT,
        "yt-kh-2024.txt": PLAN,
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("out") / "ds"
    run([root], out, Config.load())
    return out


def _rows(result, key_columns):
    years = [c for c in result.columns if c.isdigit()]
    keys = [result.columns.index(c) for c in key_columns]
    return {tuple(r[i] for i in keys): dict(zip(years, r[len(result.columns) - len(years):])) for r in result.rows}


def test_two_communes_of_one_name_stay_two_rows(dataset):
    rows = _rows(compare(dataset, "budget_revenue"), ["province", "commune", "unit_code"])
    assert rows[("Thanh Hóa", "Quảng Phú", "15571")]["2023"] == 10e9
    assert rows[("Bắc Ninh", "Quảng Phú", "09514")]["2023"] == 12e9


def test_a_district_report_is_not_one_of_its_communes(dataset):
    result = compare(dataset, "budget_revenue")
    assert "Yên Định" not in {r[2] for r in result.rows}  # the district's own report is no commune


def test_a_district_row_comes_from_its_report_or_the_sum_of_its_communes(dataset):
    result = compare(dataset, "budget_revenue", by="district")
    assert result.columns[:4] == ["province", "district", "unit_code", "from"]
    row = next(r for r in result.rows if r[1] == "Yên Định")
    cells = dict(zip(result.columns[4:], row[4:]))
    assert cells["2023"] == 120e9  # the district's own report, not Yên Trường's 9 tỷ
    assert cells["2022"] == 13e9  # no district report: Yên Trường 8 + Yên Thịnh 5
    assert row[3] == "2022: sum of 2 communes; 2023: district report"
    assert row[2] == "394"  # the district's code
    assert any("sum of N communes" in note for note in result.notes)


def test_rates_never_add_up(dataset):
    result = compare(dataset, "poverty_rate", by="district")
    assert all(cell is None for r in result.rows for cell in r[4:])
    assert any("does not add up" in note for note in result.notes)
    assert not additive("poverty_rate", "value", {"percent"}) and not additive("income_per_capita", "value", {"VND"})
    assert additive("budget_revenue", "value", {"VND"}) and not additive("budget_revenue", "pct_of_plan", {"percent"})


def test_a_half_year_report_is_never_mixed_into_the_year(dataset):
    year = compare(dataset, "budget_revenue", province="Thanh Hóa", district="Yên Định")
    rows = _rows(year, ["commune"])
    assert rows[("Yên Trường",)]["2023"] == 9e9
    assert any("H1: 1" in note and "--period H1 (or any) shows them" in note for note in year.notes)
    half_year = compare(dataset, "budget_revenue", period="H1")
    assert _rows(half_year, ["commune"]) == {("Yên Trường",): {"2023": 4e9}}
    assert any("--period year (or any) shows them" in note for note in half_year.notes)  # what H1 left out
    every = compare(dataset, "budget_revenue", period="any", district="Yên Định")
    assert "period" in every.columns
    periods = {(r[2], r[every.columns.index("period")]) for r in every.rows}
    assert {("Yên Trường", "year"), ("Yên Trường", "H1")} <= periods
    with pytest.raises(ValueError):
        compare(dataset, "budget_revenue", period="half")


def test_targets_are_compared_under_the_year_they_are_for(dataset):
    result = compare(dataset, "budget_revenue", measure="target")
    rows = _rows(result, ["commune"])
    assert rows[("Yên Thịnh",)] == {"2024": 7e9}  # stated in the 2023 report, for 2024
    assert rows[("Yên Trường",)] == {"2024": 11e9}  # the 2024 plan


def test_a_province_row_sums_its_communes_and_says_so(dataset):
    result = compare(dataset, "budget_revenue", by="province", years=(2023, 2023))
    assert result.columns == ["province", "unit_code", "from", "2023"]
    rows = {r[0]: r for r in result.rows}
    assert rows["Bắc Ninh"][3] == 12e9 and rows["Bắc Ninh"][2] == "2023: sum of 1 commune"
    assert rows["Thanh Hóa"][3] == (9 + 6 + 10) * 1e9 and rows["Thanh Hóa"][2] == "2023: sum of 3 communes"


def test_a_target_in_percent_of_the_plan_is_no_amount(tmp_path):
    """'Phấn đấu thu ngân sách đạt 100% dự toán' is a target of budget_revenue in percent: beside
    another commune's 8 tỷ đồng it would read as 100 đồng. It is left out, and the note says so."""
    root = tmp_path / "in"
    root.mkdir()
    for n, (name, aim) in enumerate([("Yên Trường", "100% dự toán huyện giao"), ("Yên Thịnh", "8 tỷ đồng")]):
        (root / f"{n}.txt").write_text(
            f"Số: {n + 1}/BC-UBND\n{name}, ngày 15 tháng 12 năm 2023\nBÁO CÁO\nKết quả thực hiện nhiệm vụ năm 2023\n"
            f"UBND xã {name} báo cáo; UBND huyện Yên Định; tỉnh Thanh Hóa.\n"
            f"II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024\nPhấn đấu thu ngân sách trên địa bàn xã đạt {aim}.\n",
            encoding="utf-8")
    out = tmp_path / "ds"
    run([root], out, Config.load())
    result = compare(out, "budget_revenue", measure="target")
    assert _rows(result, ["commune"]) == {("Yên Thịnh",): {"2024": 8e9}}
    assert result.unit == "VND"
    assert any("in percent: 1" in note for note in result.notes)
    district = compare(out, "budget_revenue", by="district", measure="target")
    assert _rows(district, ["district"]) == {("Yên Định",): {"2024": 8e9}}  # one unit, so it adds up
