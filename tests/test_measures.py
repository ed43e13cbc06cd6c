"""Measures and comparators of figures: the words around a number say what it measures
(value, target, pct_of_plan, pct_of_prior, change_pct, change), its comparator and whether it
is this period's figure or the prior period's. Every sentence here is invented for the test."""
from __future__ import annotations

import math

import pytest

from pipeline.model import Figure
from tests.conftest import document_from_text

REPORT = "BÁO CÁO\nTổng kết năm 2024\n"
PLAN = "KẾ HOẠCH\nPhát triển kinh tế - xã hội năm 2025\n"


def figures(*lines: str, head: str = REPORT) -> list[Figure]:
    doc = document_from_text(head + "\n".join(lines) + "\n")
    for f in doc.figures:
        assert doc.text[f.char_start:f.char_end] == f.raw_value, f
    return doc.figures


def by_raw(found: list[Figure], raw: str) -> Figure:
    matching = [f for f in found if f.raw_value == raw]
    assert len(matching) == 1, (raw, [(f.raw_value, f.indicator, f.measure) for f in found])
    return matching[0]


def shape(f: Figure) -> tuple:
    return f.measure, round(f.value, 9), f.unit, f.comparator


# --- hedges before changes and rates ---------------------------------------------------------------

@pytest.mark.parametrize("sentence, raw, want", [
    ("Giá trị sản xuất ngành dịch vụ ước đạt 412 tỷ đồng, tăng trên 12%.", "12", ("change_pct", 12, "percent", "gt")),
    ("Giá trị sản xuất công nghiệp đạt 95 tỷ đồng, giảm khoảng 3,5% so với cùng kỳ.", "3,5",
     ("change_pct", -3.5, "percent", "approx")),
    ("Sản lượng lương thực đạt 21.300 tấn, tăng gần 6%.", "6", ("change_pct", 6, "percent", "approx")),
    ("Tổng đàn gia cầm có 48.000 con, tăng xấp xỉ 2,1% so với năm trước.", "2,1", ("change_pct", 2.1, "percent", "approx")),
    ("Tỷ lệ hộ nghèo còn 3,1%, giảm hơn 0,8% so với cuối năm trước.", "0,8", ("change", -0.8, "percent", "gt")),
])
def test_a_hedge_between_the_change_word_and_the_number_keeps_the_change(sentence, raw, want):
    assert shape(by_raw(figures(sentence), raw)) == want


# --- percent of plan -----------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, raw, reference", [
    ("Sản lượng lương thực cả năm đạt 9.240 tấn, bằng 103,2% tỉnh giao.", "103,2", "tỉnh giao"),
    ("Sản lượng lương thực cả năm đạt 9.240 tấn, đạt 101,7% huyện giao.", "101,7", "huyện giao"),
    ("Tổng diện tích gieo trồng đạt 3.410 ha, đạt 99,1% so với kế hoạch huyện.", "99,1", "kế hoạch huyện"),
    ("Kim ngạch xuất khẩu đạt 212 triệu USD, đạt 64% so kế hoạch.", "64", "kế hoạch"),
    ("Thu ngân sách trên địa bàn đạt 18.400 triệu đồng, đạt 41,5% so với dự toán tỉnh giao.", "41,5",
     "dự toán tỉnh giao"),
    ("Tổng diện tích gieo trồng năm nay là 615 ha, đạt 100,8% so với Nghị quyết.", "100,8", "Nghị quyết"),
])
def test_a_plan_named_after_the_percent_with_so_or_a_giver(sentence, raw, reference):
    f = by_raw(figures(sentence), raw)
    assert f.measure == "pct_of_plan" and f.reference == reference


def test_a_plan_named_before_the_percent():
    found = figures("So với dự toán năm, thu ngân sách trên địa bàn đạt 46,2%.")
    assert by_raw(found, "46,2").measure == "pct_of_plan"


@pytest.mark.parametrize("sentence, raw", [
    ("Tổng diện tích lúa gieo cấy 2.310ha/2.300ha đạt 100,4%.", "100,4"),
    ("Sản lượng khoai lang đạt 905 tấn, đạt 103,5%.", "103,5"),
    ("Năng suất lạc đạt 21,4 tạ/ha đạt 101,9%.", "101,9"),
    ("Rừng trồng mới được 15 ha, đạt 75%.", "75"),
])
def test_dat_a_percent_after_an_amount_or_a_pair_is_its_percent_of_plan(sentence, raw):
    assert by_raw(figures(sentence), raw).measure == "pct_of_plan"


def test_a_share_after_an_amount_stays_a_share():
    found = figures("Toàn xã có 96 hộ nghèo, chiếm 2,4% tổng số hộ.")
    assert by_raw(found, "2,4").measure == "value"


# --- targets ------------------------------------------------------------------------------------

def test_phan_dau_makes_every_figure_of_its_sentence_a_target():
    found = figures("Phấn đấu năm 2025, tổng diện tích lúa trên 4,2 ngàn ha; sản lượng lương thực đạt 23.500 tấn; "
                    "diện tích ngô 610 ha.")
    assert [f.measure for f in found] == ["target", "target", "target"]
    assert by_raw(found, "4,2").comparator == "gt"


def test_a_growth_target_keeps_its_sign():
    found = figures("Phấn đấu đàn bò tăng 3,2%; đàn lợn giảm 1,5% so với năm trước.")
    assert [shape(f)[:2] for f in found] == [("target", 3.2), ("target", -1.5)]


def test_a_goal_set_in_a_report_is_a_target():
    found = figures("Năm 2025, huyện đặt mục tiêu tăng trưởng giá trị sản xuất 11%; "
                    "giảm tỷ lệ hộ nghèo xuống dưới 8%.")
    assert [shape(f) for f in found] == [("target", 11, "percent", "eq"), ("target", 8, "percent", "lt")]


@pytest.mark.parametrize("sentence, raw, comparator", [
    ("Tỷ lệ học sinh tốt nghiệp THPT đạt 95% trở lên.", "95", "ge"),
    ("Xây dựng ít nhất 2 trường đạt chuẩn quốc gia.", "2", "ge"),
    ("Giảm tỷ lệ trẻ suy dinh dưỡng còn dưới 9%.", "9", "lt"),
    ("Đến năm 2027, tỷ lệ che phủ rừng đạt 48%.", "48", "eq"),
])
def test_target_marks_in_any_document(sentence, raw, comparator):
    f = by_raw(figures(sentence), raw)
    assert (f.measure, f.comparator) == ("target", comparator)


def test_a_national_programme_is_not_a_goal():
    found = figures("Chương trình mục tiêu quốc gia giảm nghèo giải ngân được 4,5 tỷ đồng.")
    assert by_raw(found, "4,5").measure == "value"


def test_a_plan_document_growth_figures_are_signed_targets():
    found = figures("Giá trị sản xuất nông nghiệp đạt 812 tỷ đồng, tăng 6,4% so với năm 2024.", head=PLAN)
    assert [shape(f)[:2] for f in found] == [("target", 812e9), ("target", 6.4)]


def test_new_ones_counted_with_co_them_are_a_value():
    found = figures("Trong năm, có thêm 12 sản phẩm được công nhận đạt chuẩn OCOP.")
    assert by_raw(found, "12").measure == "value"


# --- changes ------------------------------------------------------------------------------------

def test_a_signed_change_in_parentheses_after_a_percent_change_is_in_the_unit():
    """(The number grammar finds "-70" after "(" on the figvalues branch; "+75" is found anyway.)"""
    found = figures("Diện tích rau 1.905 ha, tăng 4,1% (+75 ha).")
    assert shape(by_raw(found, "75"))[:3] == ("change", 75, "ha")


def test_a_signed_percent_in_parentheses_after_an_amount_change_is_a_change_pct():
    found = figures("Tổng dư nợ tín dụng đạt 6.200 tỷ đồng, tăng 410 tỷ đồng (+7,1%).")
    assert shape(by_raw(found, "7,1"))[:2] == ("change_pct", 7.1)


def test_a_rate_changed_by_a_verb_before_it():
    found = figures("Kết quả giảm tỷ lệ hộ nghèo năm 2024 là 0,62%.")
    assert shape(by_raw(found, "0,62"))[:2] == ("change", -0.62)


# --- from X to Y ---------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, prior, current", [
    ("Tỷ lệ hộ nghèo giảm từ 4,15% xuống còn 3,06%.", "4,15", "3,06"),
    ("Thu nhập bình quân đầu người tăng từ 38 triệu đồng lên 42,5 triệu đồng.", "38", "42,5"),
    ("Tỷ lệ hộ nghèo từ 5,2% năm 2023 xuống 4,4%.", "5,2", "4,4"),
    ("Tỷ lệ hộ nghèo: 6,1% → 5,3%.", "6,1", "5,3"),
])
def test_from_x_to_y_the_current_value_is_y_and_x_is_the_prior_period(sentence, prior, current):
    found = figures(sentence)
    x, y = by_raw(found, prior), by_raw(found, current)
    assert (y.measure, y.period_ref, y.comparator) == ("value", "current", "eq")
    assert (x.period_ref, x.comparator) == ("prior", "eq")


def test_a_figure_compared_with_is_the_prior_period():
    found = figures("Thu ngân sách xã đạt 7,4 tỷ đồng, tăng so với 6,9 tỷ đồng năm trước.")
    assert by_raw(found, "7,4").period_ref == "current"
    assert by_raw(found, "6,9").period_ref == "prior"


def test_a_target_list_head_makes_the_rest_of_its_block_targets():
    found = figures("Các chỉ tiêu chủ yếu năm 2025 là: giá trị sản xuất đạt 1.240 tỷ đồng. "
                    "Trong đó, ngành nông nghiệp 410 tỷ đồng, tăng 4,2% so với năm 2024.")
    assert [shape(f)[:2] for f in found] == [("target", 1240e9), ("target", 410e9), ("target", 4.2)]


def test_a_results_head_opens_no_targets():
    found = figures("Kết quả thực hiện các chỉ tiêu chủ yếu: giá trị sản xuất đạt 1.180 tỷ đồng.")
    assert by_raw(found, "1.180").measure == "value"


@pytest.mark.parametrize("sentence", [
    "Kết quả, đến cuối năm 2024, toàn huyện có 21.300 hộ đạt danh hiệu gia đình văn hóa.",
    "Tính đến năm 2024, toàn huyện có 21.300 hộ đạt danh hiệu gia đình văn hóa.",
    "Với sự nỗ lực phấn đấu của cả hệ thống chính trị, toàn huyện có 21.300 hộ đạt danh hiệu gia đình văn hóa.",
])
def test_a_count_up_to_a_date_or_an_effort_is_no_target(sentence):
    assert by_raw(figures(sentence), "21.300").measure == "value"


def test_a_growth_against_the_plan_is_its_percent_of_plan():
    found = figures("Tổng giá trị sản xuất ước đạt 1.530 tỷ đồng, tăng 12% so với kế hoạch.")
    f = by_raw(found, "12")
    assert (f.measure, f.value, f.reference) == ("pct_of_plan", 112.0, "kế hoạch")


def test_the_prior_figure_is_in_the_dataset_but_not_in_comparisons(tmp_path):
    from pipeline.config import Config
    from pipeline.dataset.catalog import compare, connect
    from pipeline.run.batch import run

    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text("Số: 7/BC-UBND\nHòa Lạc, ngày 12 tháng 12 năm 2024\nBÁO CÁO\nTổng kết năm 2024\n"
                                "UBND xã Hòa Lạc báo cáo. Tỷ lệ hộ nghèo giảm từ 3,4% xuống còn 2,6%.\n", encoding="utf-8")
    out = tmp_path / "ds"
    run([root], out, Config.load())
    rows = connect(out).execute("select value, period_ref from indicators where indicator = 'poverty_rate' "
                                "order by char_start").fetchall()
    assert rows == [(3.4, "prior"), (2.6, "current")]
    table = compare(out, "poverty_rate")
    assert [r[table.columns.index("2024")] for r in table.rows] == [2.6]


def test_a_goal_opens_targets_until_a_paragraph_speaks_of_results():
    found = figures("Mục tiêu năm 2025 phấn đấu tổng thu nhập trên địa bàn đạt 540 tỷ đồng. "
                    "Trong đó giá trị thương mại dịch vụ đạt 230 tỷ đồng, chiếm 43%.",
                    "Thu ngân sách trên địa bàn đạt 12,5 tỷ đồng; giải quyết việc làm cho 310 lao động.",
                    "Năm qua, toàn xã đã có 1.204 hộ đạt danh hiệu gia đình văn hóa.")
    assert [f.measure for f in found] == ["target"] * 5 + ["value"]


def test_a_bare_indicators_heading_heads_results():
    found = figures("I. CÁC CHỈ TIÊU KINH TẾ:", "Tổng sản phẩm trên địa bàn 6 tháng đầu năm ước đạt 8.120 tỷ đồng.",
                    head="TÌNH HÌNH KINH TẾ - XÃ HỘI 6 THÁNG ĐẦU NĂM 2024\n")
    assert by_raw(found, "8.120").measure == "value"


def test_a_resolution_that_adopts_a_plan_has_targets():
    found = figures("Tổng giá trị sản xuất đạt 1.320 tỷ đồng.",
                    head="NGHỊ QUYẾT\nVề Kế hoạch phát triển kinh tế - xã hội năm 2025\n")
    assert by_raw(found, "1.320").measure == "target"


def test_a_hedge_free_spread_of_a_change_is_still_a_change():
    found = figures("Tỷ lệ hộ nghèo giảm bình quân 1,8%/năm.")
    assert shape(by_raw(found, "1,8"))[:2] == ("change", -1.8)


def test_a_verb_before_an_amount_makes_its_percent_a_change():
    found = figures("Các cây trồng khác giảm do giảm diện tích trồng khoai 6,2%.")
    assert shape(by_raw(found, "6,2"))[:2] == ("change_pct", -6.2)


def test_reached_and_exceeded_is_a_level():
    found = figures("Phấn đấu tổng sản lượng lương thực đạt và vượt 8.450 tấn.")
    assert shape(by_raw(found, "8.450"))[:2] == ("target", 8450)


def test_a_percent_after_a_per_person_amount_is_its_percent_of_plan():
    found = figures("Thu nhập bình quân đầu người đạt 41 triệu đồng/người/năm, đạt 108%.")
    assert by_raw(found, "108").measure == "pct_of_plan"


@pytest.mark.parametrize("second", [
    "Trong năm 2024, thu ngân sách trên địa bàn đạt 9,7 tỷ đồng.",
    "Ảnh: toàn cảnh hội nghị.\nThu ngân sách trên địa bàn đạt 9,7 tỷ đồng.",
])
def test_an_earlier_year_or_a_paragraph_without_figures_ends_a_target_list(second):
    found = figures("Năm 2025, xã phấn đấu thu ngân sách đạt 10,5 tỷ đồng.", *second.split("\n"))
    assert [f.measure for f in found] == ["target", "value"]


def test_exceeding_the_plan_by_a_percent_is_its_percent_of_plan():
    found = figures("Tổng thu ngân sách ước đạt 412 tỷ đồng, vượt 38% so với tỉnh giao.")
    assert (by_raw(found, "38").measure, by_raw(found, "38").value) == ("pct_of_plan", 138.0)


def test_a_headline_announcing_a_resolution_on_tasks_makes_targets_but_not_of_results():
    found = figures("Tổng thu ngân sách đạt 48.200 triệu đồng; trồng mới 1.500 ha rừng.",
                    "Năm qua, huyện đã trồng được 1.320 ha rừng.",
                    head="Huyện Na Sơn: Nghị quyết của HĐND huyện về nhiệm vụ phát triển kinh tế - xã hội năm 2025\n")
    assert [f.measure for f in found] == ["target", "target", "value"]


def test_a_percent_that_names_what_it_counts_after_a_pair_is_a_share():
    found = figures("Toàn xã có 1.310/1.402 hộ, đạt 93,4% gia đình được công nhận văn hóa.")
    assert by_raw(found, "93,4").measure == "value"


def test_a_change_restated_in_the_amount_keeps_its_sign():
    found = figures("Số hộ nghèo còn 215 hộ, giảm 12% tương đương 29 hộ.")
    assert shape(by_raw(found, "29"))[:2] == ("change", -29)


def test_a_share_in_parentheses_after_a_verb_and_subject_is_no_change():
    found = figures("Huyện tăng tỷ lệ chăn nuôi bò theo hình thức trang trại (trên 40% tổng đàn).")
    assert shape(by_raw(found, "40"))[:2] == ("value", 40)


def test_a_measure_read_from_the_context_is_less_sure():
    named, implied = figures("Sản lượng khoai lang đạt 905 tấn, đạt 103,5% kế hoạch.",
                             "Sản lượng lạc đạt 412 tấn, đạt 101,2%.")[1::2]
    assert named.measure == implied.measure == "pct_of_plan"
    assert implied.confidence < named.confidence


def test_a_resolution_with_its_indicators_opens_a_target_list():
    found = figures("Đại hội thông qua nghị quyết nhiệm kỳ mới với một số chỉ tiêu chủ yếu: thu ngân sách "
                    "tăng bình quân hằng năm 8%; tỷ lệ hộ nghèo còn dưới 1%.",
                    "Chi bộ hoàn thành tốt nhiệm vụ; tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trên 90%.")
    assert [f.measure for f in found] == ["target"] * 3


def test_a_headerless_plan_by_content_keeps_its_results():
    from extractors.figures.measures import plan_document
    assert plan_document("plan", "plan", "Kế hoạch phát triển kinh tế - xã hội năm 2025")
    assert not plan_document("plan", None, None)  # a press text the metadata calls a plan by its content


def test_the_same_period_named_before_the_percent():
    found = figures("So với cùng kỳ năm trước, tổng thu ngân sách trên địa bàn bằng 108,5%.")
    assert by_raw(found, "108,5").measure == "pct_of_prior"
