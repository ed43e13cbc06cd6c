"""Which numbers of real reports are figures, and their value and unit: separators decided per
document, plan pairs, signed changes, glued numbers, units of rates, web-page clutter (issue 17).
Every sentence here is invented for the test; no figure comes from a report."""
from __future__ import annotations

import math

import pytest

from extractors.figures.numbers import Quantity, quantities
from extractors.figures.separators import ENGLISH, VIETNAMESE, Separators, ambiguous, parse_number, separators
from tests.conftest import document_from_text


def only(text: str, seps: Separators = VIETNAMESE) -> Quantity:
    found = quantities(text, seps)
    assert len(found) == 1, (text, found)
    assert text[found[0].start:found[0].end] == found[0].raw
    return found[0]


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


# --- the document's separator convention ------------------------------------------------------

def test_a_text_with_only_english_numbers_groups_with_commas():
    text = "Kim ngạch đạt 1,204,300 USD, tăng 12.5% so với cùng kỳ; vốn 3,415.8 triệu đồng."
    assert separators(text) == ENGLISH


def test_a_vietnamese_text_and_a_text_without_evidence_keep_the_vietnamese_way():
    assert separators("Thu ngân sách đạt 12.450.000.000 đồng, bằng 104,5% dự toán.") == VIETNAMESE
    assert separators("Xã có 1.250 hộ và 3.400 nhân khẩu.") == VIETNAMESE


def test_a_text_that_writes_both_ways_is_mixed():
    seps = separators("Diện tích lúa đạt 98,6% kế hoạch; diện tích ngô đạt 101.4% kế hoạch.")
    assert seps.mixed


def test_section_and_version_numbers_are_no_evidence():
    assert separators("2.1. Kinh tế\nỨng dụng công nghệ 4.0 trong sản xuất đạt 95,5%.") == VIETNAMESE


@pytest.mark.parametrize("raw, yes", [("31,558", True), ("1.618", True), ("0,125", False),
                                      ("1.068,6", False), ("12,5", False), ("1.250.000", False)])
def test_ambiguous_numbers(raw, yes):
    assert ambiguous(raw) is yes


def test_an_ambiguous_number_follows_the_document():
    assert close(only("Sản lượng cá nuôi đạt 12,480 tấn.", ENGLISH).value, 12480)
    assert close(only("Sản lượng cá nuôi đạt 12,480 tấn.", VIETNAMESE).value, 12.48)
    assert close(only("Diện tích trồng mới 2.125 ha.", ENGLISH).value, 2.125)


def test_in_a_mixed_text_a_group_of_three_digits_is_thousands_and_uncertain():
    mixed = Separators(".", mixed=True)
    q = only("Sản lượng lương thực đạt 27,915 tấn.", mixed)
    assert close(q.value, 27915) and q.uncertain
    assert not only("Sản lượng lương thực đạt 27,9 tấn.", mixed).uncertain


def test_counts_and_dong_are_whole_whatever_the_convention():
    assert close(only("Có 2,150 người tham gia hiến máu.").value, 2150)
    assert close(only("Mức hỗ trợ 1,500 đồng mỗi ki-lô-gam.").value, 1500)


def test_a_percentage_keeps_its_decimals_and_a_scale_word_its_decimal_comma():
    assert close(only("Tỷ lệ học sinh lên lớp đạt 99.125%.").value, 99.125)
    assert close(only("Thu ngân sách đạt 46,215 tỷ đồng.", ENGLISH).value, 46.215e9)
    assert close(only("Đàn gia cầm có 2.350 nghìn con.").value, 2.35e6)


def test_a_leading_zero_is_a_decimal():
    assert parse_number("0.375") == 0.375
    assert close(only("Diện tích ao nuôi mới 0.375 ha.").value, 0.375)


# --- plan pairs, periods, signs, glued numbers ------------------------------------------------

@pytest.mark.parametrize("text, value, denominator, unit", [
    ("Diện tích lúa gieo cấy 615/600 ha, vượt kế hoạch.", 615, 600, "ha"),
    ("Sản lượng cá đạt 7,5/7 tấn.", 7.5, 7, "tonne"),
    ("Cây sắn trồng được 1.240ha/1.200ha.", 1240, 1200, "ha"),
    ("Thu ngân sách xã đạt 84.500.000đ/80.000.000đ.", 84.5e6, 80e6, "VND"),
    ("Diện tích khoai lang 36ha/40ha.", 36, 40, "ha"),
])
def test_an_amount_against_its_plan_carries_the_plan(text, value, denominator, unit):
    q = only(text)
    assert (q.unit, q.value, q.denominator) == (unit, value, denominator)


@pytest.mark.parametrize("text", [
    "Trong quý 2/2024, xã đã hoàn thành kế hoạch.",
    "Đến tháng 3/2025, các thôn đã triển khai xong.",
    "Trường THPT Nam Sơn lọt vào top 5 của tỉnh.",
    "Đội tuyển của huyện xếp hạng 12 toàn quốc.",
    "Cập nhật 08:45, 17/06/2021. Lượt xem: 3120",
    "Hội thi lần thứ 4 năm nay có nhiều đổi mới.",
    "Ngày 26/3 hằng năm, đoàn viên ra quân.",
])
def test_periods_rankings_and_page_clutter_are_no_figures(text):
    assert quantities(text) == []


def test_a_signed_number_in_brackets_is_a_change():
    found = quantities("Diện tích ngô 3.260 ha, giảm 6,2% (-215 ha); rau màu tăng 4% (+38 ha).")
    assert [(q.raw, q.sign) for q in found] == [("3.260", 0), ("6,2", 0), ("215", -1), ("4", 0), ("38", 1)]


def test_a_number_glued_to_its_relation_word_is_read():
    q = only("Ngành dệt maytăng2,45% so với tháng trước.")
    assert (q.raw, q.value, q.unit) == ("2,45", 2.45, "percent")


# --- units --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, unit", [
    ("Xã có diện tích tự nhiên 46,5 km2.", 4650, "ha"),
    ("Huyện có diện tích 210 km² đất tự nhiên.", 21000, "ha"),
    ("Lương thực bình quân đạt 462kg/người/năm.", 0.462, "tonne"),
    ("Năng suất đậu tương 14,2 ta/ha.", 14.2, "quintal_per_ha"),
    ("Kim ngạch xuất khẩu đạt 318 triệu USD.", 318e6, "USD"),
    ("Sản lượng thủy sản đạt 12,4 ngàn tấn.", 12400, "tonne"),
])
def test_units_are_canonical(text, value, unit):
    q = only(text)
    assert close(q.value, value) and q.unit == unit


def test_a_change_after_a_yield_is_in_the_yield_unit():
    found = quantities("Năng suất lúa đạt 48,6 tạ/ha, tăng 1,2 tạ so với năm trước.")
    assert [(q.value, q.unit) for q in found] == [(48.6, "quintal_per_ha"), (1.2, "quintal_per_ha")]
    found = quantities("Năng suất lúa đạt 48,6 tạ/ha; sản lượng thóc 3.200 tạ.")
    assert found[1].unit == "tonne"  # an amount of its own, not a change of the yield


# --- through the pipeline -------------------------------------------------------------------------

REPORT = "BÁO CÁO\nTổng kết năm 2024\n"


def test_figures_of_a_text_written_the_english_way():
    doc = document_from_text(REPORT + "Tổng sản lượng lương thực đạt 42,615 tấn, tăng 1,205 tấn so với cùng kỳ.\n"
                             "Kim ngạch xuất khẩu đạt 2,340,000 USD, tăng 8.5%.\n")
    values = sorted((f.measure, f.value) for f in doc.figures)
    assert ("value", 42615) in values and ("change", 1205) in values and ("change_pct", 8.5) in values


def test_an_uncertain_separator_lowers_the_confidence():
    doc = document_from_text(REPORT + "Diện tích lúa đạt 98,6% kế hoạch, diện tích ngô đạt 101.4% kế hoạch.\n"
                             "Tổng sản lượng lương thực đạt 27,915 tấn.\n"
                             "Sản lượng ngô đạt 9.120 tấn.\n")
    output = next(f for f in doc.figures if f.raw_value == "27,915")
    assert output.value == 27915 and output.confidence < 0.7
    sure = next(f for f in doc.figures if f.raw_value == "98,6")
    assert sure.confidence >= 0.75


def test_a_signed_change_in_brackets_keeps_its_sign():
    doc = document_from_text(REPORT + "Tổng diện tích gieo trồng đạt 9.850 ha, giảm 2,1% (-211 ha) so với cùng kỳ.\n")
    change = next(f for f in doc.figures if f.raw_value == "211")
    assert (change.measure, change.value, change.unit) == ("change", -211, "ha")


@pytest.mark.parametrize("text, value, denominator", [
    ("Đến nay xã đã đạt 16/19 tiêu chí nông thôn mới.", 16, 19),
    ("Bình quân mỗi xã trong huyện đạt 17,6 tiêu chí.", 17.6, None),
])
def test_criteria_met_are_figures_as_a_share_or_an_average(text, value, denominator):
    q = only(text)
    assert (q.value, q.denominator, q.unit) == (value, denominator, "count")


@pytest.mark.parametrize("text", ["Huyện có 4 xã đạt đủ 19 tiêu chí.", "Thị trấn thực hiện tốt 6 tiêu chuẩn văn minh."])
def test_a_number_of_criteria_alone_is_no_figure(text):
    assert [q.raw for q in quantities(text)] == (["4"] if "xã" in text else [])


def test_a_glued_relation_word_still_gives_the_measure():
    doc = document_from_text(REPORT + "Chỉ số sản xuất ngành dệt maytăng2,45%; ngành điệngiảm1,2%.\n")
    assert sorted((f.measure, f.value) for f in doc.figures) == [("change_pct", -1.2), ("change_pct", 2.45)]



def test_a_headline_repeating_the_body_gives_one_row():
    doc = document_from_text(REPORT + "Tỷ lệ hộ nghèo toàn huyện còn 2,35%\n"
                             "Theo báo cáo của UBND huyện, tỷ lệ hộ nghèo toàn huyện còn 2,35%.\n"
                             "Thu ngân sách đạt 12 tỷ đồng, bằng 104% dự toán, chi ngân sách bằng 104% dự toán.\n")
    assert [f.raw_value for f in doc.figures].count("2,35") == 1
    assert [f.raw_value for f in doc.figures].count("104") == 2  # two figures of one sentence


def test_a_bound_that_says_which_units_are_counted_is_no_figure():
    found = quantities("Hiện có 4 xã đạt thu nhập bình quân trên 32 triệu đồng/năm, "
                       "12 xã đạt thu nhập bình quân từ 20 đến dưới 32 triệu đồng/năm.")
    assert [q.raw for q in found] == ["4", "12"]
    assert [q.raw for q in quantities("Còn 9 xã thu nhập dưới 18 triệu đồng/năm.")] == ["9"]
    found = quantities("Đã hỗ trợ 30 hộ vay vốn với tổng số tiền trên 1,5 tỷ đồng.")
    assert [q.raw for q in found] == ["30", "1,5"]


# --- units a list or a table states once ------------------------------------------------------

def test_a_list_head_gives_its_unit_to_bare_items_until_the_next_heading():
    doc = document_from_text(REPORT + "I. KẾT QUẢ\n1. Diện tích gieo trồng (ĐVT: ha)\n+ Lúa: 512\n+ Ngô: 36,5\n"
                             "2. Chăn nuôi\nĐàn trâu 212 con, tổ chức 45 buổi tập huấn, đạt 7 trong 9 nội dung.\n")
    got = [(f.raw_value, f.value, f.unit) for f in doc.figures]
    assert ("512", 512, "ha") in got and ("36,5", 36.5, "ha") in got
    assert ("212", 212, "count") in got
    assert all(unit != "ha" for raw, _, unit in got if raw in ("7", "9"))


def test_a_unit_stated_above_a_table_is_the_unit_of_its_rows():
    doc = document_from_text(REPORT + "I. KẾT QUẢ\nMột số chỉ tiêu chủ yếu (Đơn vị tính: tỷ đồng)\n\n"
                             "| Chỉ tiêu | Kế hoạch | Thực hiện |\n|---|---|---|\n"
                             "| Thu ngân sách | 12,5 | 13,1 |\n| Chi ngân sách | 11 | 10,4 |\n")
    got = sorted((f.indicator, f.measure, f.value, f.unit) for f in doc.figures)
    assert ("budget_revenue", "value", 13.1e9, "VND") in got and ("budget_expenditure", "value", 10.4e9, "VND") in got


# --- more shapes of the genre -------------------------------------------------------------------

@pytest.mark.parametrize("text, value, denominator, raw_unit", [
    ("Xã Bình Minh có 13/16 chỉ tiêu đạt và vượt kế hoạch.", 13, 16, "chỉ tiêu"),
    ("Toàn huyện có 21 chỉ tiêu vượt kế hoạch.", 21, None, "chỉ tiêu"),
    ("Toàn tỉnh có 96 trong tổng số 112 xã đạt chuẩn.", 96, 112, "xã"),
    ("Huyện đạt 14 trên tổng số 19 tiêu chí.", 14, 19, "tiêu chí"),
])
def test_counts_of_targets_met_and_n_out_of_m(text, value, denominator, raw_unit):
    q = only(text)
    assert (q.value, q.denominator, q.unit, q.raw_unit) == (value, denominator, "count", raw_unit)


def test_several_group_marks_then_a_decimal_one():
    assert parse_number("2,415,75") == 2415.75
    q = only("Sản lượng vụ mùa đạt 2,415,75 tấn /2,400,5 tấn.")
    assert (q.value, q.denominator, q.unit) == (2415.75, 2400.5, "tonne")


@pytest.mark.parametrize("text, value, unit", [
    ("Sản lượng lương thực ước đạt trên 42,6 vạn tấn.", 426000, "tonne"),
    ("Giá trị sản xuất ước đạt 315 tỷ đạt 92% kế hoạch.", 315e9, "VND"),
    ("Xã có diện tích 18 km2, dân số 9.415 người.", 9415, "count"),
])
def test_scales_and_population(text, value, unit):
    q = [q for q in quantities(text) if q.unit == unit][-1]
    assert close(q.value, value)


def test_a_list_comma_without_a_space_still_separates_numbers():
    assert [(q.raw, q.raw_unit) for q in quantities("Xây mới 4 giếng khoan,2 trạm bơm.")] == [("4", "giếng"), ("2", "trạm")]


@pytest.mark.parametrize("text", [
    "Thực hiện chương trình 135 theo nghị quyết 27a của tỉnh.",
    "Xem thêm ảnh 48213f0c77ab91de.jpg tại cổng thông tin.",
    "Vừa phòng, chống dịch Covid - 19 vừa phát triển kinh tế.",
    "Các sản phẩm đều đạt 4 sao.",
    "Ảnh minh họa (1280 x 720 px, 415 KB).",
    "Tải ảnh gốc 1600x900.",
])
def test_codes_file_names_and_ratings_are_no_figures(text):
    assert [q.raw for q in quantities(text) if q.unit] == []


def test_service_levels_are_no_figures():
    assert [q.raw for q in quantities("Tỷ lệ hồ sơ dịch vụ công mức độ 3, 4 đạt 96,5%.")] == ["96,5"]


def test_numbers_that_count_whole_things_vote_for_their_mark():
    from extractors.figures.numbers import document_separators
    assert separators("Có 1,250 hộ và 3,400 nhân khẩu.") == VIETNAMESE  # nothing unambiguous
    assert document_separators("Có 1,250 hộ và 3,400 nhân khẩu.") == ENGLISH
    seps = document_separators("Giải quyết việc làm cho 12.400 người, đạt 101.25% kế hoạch.")
    assert seps.thousands == "." and seps.mixed


def test_a_decimal_point_alone_does_not_make_dots_decimal():
    seps = separators("Sản lượng đạt 1.250 tấn, tăng 2.5% so với cùng kỳ.")
    assert seps.thousands == "." and seps.mixed
    assert close(only("Sản lượng đạt 1.250 tấn.", seps).value, 1250)


def test_a_related_articles_list_gives_no_figures():
    doc = document_from_text(REPORT + "Thu ngân sách xã đạt 8,2 tỷ đồng.\nTin liên quan\n"
                             "Huyện Đông Sơn: thu ngân sách đạt 125% dự toán\n"
                             "Xã Tân Phú có 12 hộ thoát nghèo\n")
    assert [f.raw_value for f in doc.figures] == ["8,2"]


@pytest.mark.parametrize("text, value", [("Hỗ trợ 150 trđ cho các hộ.", 150e6), ("Kinh phí 35,5 tr.đồng.", 35.5e6)])
def test_abbreviated_million_dong(text, value):
    q = only(text)
    assert close(q.value, value) and q.unit == "VND"


@pytest.mark.parametrize("text", ["Nhà văn hóa ấp 3 được xây mới.", "Trụ sở ở ngõ 25, Tỉnh lộ 8."])
def test_address_numbers_are_no_figures(text):
    assert quantities(text) == []


def test_a_number_ending_a_school_or_plant_name_is_no_figure():
    assert quantities("Trường THPT Yên Thành 2 tiếp tục dẫn đầu toàn tỉnh.") == []
    assert quantities("Nhà máy Thủy điện Bản Vẽ 2 đã hòa lưới điện.") == []
    assert [q.raw for q in quantities("Trường THCS Lê Lợi có 14 học sinh giỏi; Trường Mầm non Hoa Mai: 35 trẻ.")] == ["14", "35"]
