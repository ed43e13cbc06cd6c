"""The `figures` component through the whole pipeline: measure, subject, indicator code,
comparator, estimate, reference. Every sentence here is invented for the test."""
from __future__ import annotations

import math

import pytest

from pipeline import lexicon
from pipeline.model import Document, Figure
from tests.conftest import document_from_text

REPORT = "BÁO CÁO\nTổng kết năm 2024\n"
PLAN = "KẾ HOẠCH\nPhát triển kinh tế - xã hội năm 2025\n"


def run(*lines: str, head: str = REPORT) -> Document:
    doc = document_from_text(head + "\n".join(lines) + "\n")
    for f in doc.figures:  # every figure points at its number, and its sentence holds it
        assert doc.text[f.char_start:f.char_end] == f.raw_value, f
        assert f.raw_value in f.sentence, f
    return doc


def figures(*lines: str, head: str = REPORT) -> list[Figure]:
    return run(*lines, head=head).figures


def by_raw(found: list[Figure], raw: str) -> Figure:
    matching = [f for f in found if f.raw_value == raw]
    assert len(matching) == 1, (raw, [(f.raw_value, f.indicator, f.measure) for f in found])
    return matching[0]


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9)


# --- measures -----------------------------------------------------------------------------------

def test_value_pct_of_plan_and_pct_of_prior_of_one_indicator():
    found = figures("Tổng thu ngân sách nhà nước trên địa bàn đạt 14,27 tỷ đồng, đạt 118,6% KH, "
                    "bằng 106,4% so với cùng kỳ.")
    assert [(f.indicator, f.measure) for f in found] == [
        ("budget_revenue", "value"), ("budget_revenue", "pct_of_plan"), ("budget_revenue", "pct_of_prior")]
    value, plan, prior = found
    assert close(value.value, 14.27e9) and value.unit == "VND" and value.raw_unit == "đồng"
    assert (plan.value, plan.unit, plan.reference) == (118.6, "percent", "KH")
    assert (prior.value, prior.reference) == (106.4, "cùng kỳ")


@pytest.mark.parametrize("sentence, indicator, reference", [
    ("Thu ngân sách xã đạt 6,3 tỷ đồng, bằng 112,5% kế hoạch huyện giao.", "budget_revenue",
     "kế hoạch huyện giao"),
    ("Chi ngân sách xã đạt 5,9 tỷ đồng, đạt 97,2% dự toán tỉnh giao.", "budget_expenditure",
     "dự toán tỉnh giao"),
    ("Thu ngân sách xã đạt 4,4 tỷ đồng, đạt 103,8%KH.", "budget_revenue", "KH"),
])
def test_pct_of_plan_keeps_the_plan_as_written(sentence, indicator, reference):
    pct = [f for f in figures(sentence) if f.unit == "percent"]
    assert len(pct) == 1
    assert (pct[0].indicator, pct[0].measure, pct[0].reference) == (indicator, "pct_of_plan", reference)


def test_one_percentage_against_two_baselines():
    found = figures("Thu NSNN trên địa bàn đạt 8,1 tỷ đồng, đạt 180,5% KH huyện giao, "
                    "140,2% Nghị quyết HĐND xã giao.")
    first, second = by_raw(found, "180,5"), by_raw(found, "140,2")
    assert (first.measure, first.value, first.reference) == ("pct_of_plan", 180.5, "KH huyện giao")
    assert (second.measure, second.value, second.reference) == ("pct_of_plan", 140.2, "Nghị quyết HĐND xã giao")
    assert first.indicator == second.indicator == by_raw(found, "8,1").indicator == "budget_revenue"


def test_pct_of_prior():
    f = by_raw(figures("Tổng mức bán lẻ hàng hóa đạt 312,6 tỷ đồng, bằng 106,4% so với cùng kỳ."), "106,4")
    assert (f.indicator, f.measure, f.value, f.reference) == ("retail_sales", "pct_of_prior", 106.4, "cùng kỳ")


def test_change_pct_up_and_down():
    up = by_raw(figures("Tổng mức bán lẻ hàng hóa đạt 312,6 tỷ đồng, tăng 9,3% so với cùng kỳ."), "9,3")
    assert (up.indicator, up.measure, up.value, up.reference) == ("retail_sales", "change_pct", 9.3, "cùng kỳ")
    down = by_raw(figures("Vốn đầu tư phát triển đạt 41,5 tỷ đồng, giảm 3,7% so với cùng kỳ."), "3,7")
    assert (down.indicator, down.measure, down.value) == ("investment_capital", "change_pct", -3.7)


def test_change_in_the_indicator_own_unit():
    found = figures("Số hộ nghèo toàn xã là 42 hộ, tăng 15 hộ so với cùng kỳ.")
    level, change = by_raw(found, "42"), by_raw(found, "15")
    assert (level.indicator, level.measure, level.value, level.unit) == ("poor_households", "value", 42, "count")
    assert (change.indicator, change.measure, change.value, change.unit) == ("poor_households", "change", 15, "count")
    assert change.reference == "cùng kỳ"


def test_a_rate_changes_in_percentage_points():
    found = figures("Tỷ lệ hộ nghèo còn 1,8%, giảm 0,4%.")
    level, change = by_raw(found, "1,8"), by_raw(found, "0,4")
    assert (level.indicator, level.measure, level.value) == ("poverty_rate", "value", 1.8)
    assert (change.indicator, change.measure, change.value, change.unit) == ("poverty_rate", "change", -0.4, "percent")


def test_every_figure_of_a_plan_is_a_target():
    found = figures("Thu ngân sách nhà nước trên địa bàn 9,5 tỷ đồng.",
                    "Tỷ lệ hộ nghèo giảm xuống dưới 1,5%.", head=PLAN)
    assert [(f.indicator, f.measure) for f in found] == [("budget_revenue", "target"), ("poverty_rate", "target")]
    assert close(found[0].value, 9.5e9)
    assert found[1].comparator == "lt"


def test_figures_under_a_tasks_section_of_a_report_are_targets():
    found = figures("I. KẾT QUẢ THỰC HIỆN NĂM 2024",
                    "Thu ngân sách nhà nước trên địa bàn đạt 10,6 tỷ đồng.",
                    "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025",
                    "Thu ngân sách nhà nước trên địa bàn 11 tỷ đồng.")
    assert [(f.raw_value, f.measure) for f in found] == [("10,6", "value"), ("11", "target")]


def test_a_plan_figure_in_brackets_is_a_target():
    found = figures("Trong năm có 14 doanh nghiệp thành lập mới (KH: 20 DN).")
    assert [(f.raw_value, f.indicator, f.measure) for f in found] == [
        ("14", "new_enterprises", "value"), ("20", "new_enterprises", "target")]


def test_phan_dau_before_the_number_is_a_target():
    f = by_raw(figures("Thu ngân sách xã phấn đấu 10,2 tỷ đồng."), "10,2")
    assert (f.indicator, f.measure) == ("budget_revenue", "target")


@pytest.mark.parametrize("sentence, raw, indicator", [
    ("Năm 2025 phấn đấu thu ngân sách xã đạt 10,2 tỷ đồng.", "10,2", "budget_revenue"),
    ("Doanh nghiệp thành lập mới phấn đấu đạt 50 doanh nghiệp.", "50", "new_enterprises"),
])
def test_phan_dau_then_dat_is_a_target(sentence, raw, indicator):
    f = by_raw(figures(sentence), raw)
    assert (f.indicator, f.measure) == (indicator, "target")


# --- estimates ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, raw", [
    ("Chi ngân sách xã ước đạt 7,4 tỷ đồng.", "7,4"),
    ("Chi ngân sách xã ước thực hiện 7,4 tỷ đồng.", "7,4"),
    ("Thu ngân sách xã dự kiến đạt 8,8 tỷ đồng.", "8,8"),
])
def test_estimates(sentence, raw):
    f = by_raw(figures(sentence), raw)
    assert f.is_estimate and f.measure == "value"


@pytest.mark.parametrize("sentence, raw", [
    ("Tỷ lệ hộ dùng nước hợp vệ sinh đạt 98,6%.", "98,6"),  # "nước" holds "ước" but is not one
    ("Chi ngân sách xã đạt 7,4 tỷ đồng.", "7,4"),
])
def test_not_estimates(sentence, raw):
    assert not by_raw(figures(sentence), raw).is_estimate


# --- comparators --------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, raw, comparator", [
    ("Tỷ lệ tham gia bảo hiểm y tế đạt trên 92%.", "92", "gt"),
    ("Tỷ lệ lao động qua đào tạo đạt từ 65% trở lên.", "65", "ge"),
    ("Tỷ lệ trẻ em suy dinh dưỡng dưới 7,5%.", "7,5", "lt"),
    ("Tỷ lệ tăng dân số tự nhiên không quá 1,1%.", "1,1", "le"),
    ("Giải quyết việc làm cho khoảng 320 lao động.", "320", "approx"),
    ("Tỷ lệ hộ dùng nước hợp vệ sinh đạt 98,6%.", "98,6", "eq"),
])
def test_comparators(sentence, raw, comparator):
    assert by_raw(figures(sentence), raw).comparator == comparator


# --- subjects -----------------------------------------------------------------------------------

def test_a_sector_list_takes_the_head_of_the_sentence_before():
    found = figures("Giá trị sản xuất trên địa bàn ước đạt 842,7 tỷ đồng, tăng 7,9% so với cùng kỳ. "
                    "Trong đó nông, lâm nghiệp và thủy sản tăng 4,1%, công nghiệp - xây dựng tăng 11,2%, "
                    "dịch vụ tăng 8,6%.")
    assert [(f.raw_value, f.indicator, f.measure) for f in found] == [
        ("842,7", "production_value", "value"),
        ("7,9", "production_value", "change_pct"),
        ("4,1", "production_value_agriculture", "change_pct"),
        ("11,2", "production_value_industry_construction", "change_pct"),
        ("8,6", "production_value_services", "change_pct"),
    ]
    assert by_raw(found, "842,7").is_estimate
    assert by_raw(found, "11,2").subject == "công nghiệp - xây dựng"


def test_the_section_gives_the_sector():
    found = figures("2. Trong lĩnh vực công nghiệp:",
                    "Giá trị sản xuất ngành ước đạt 96,4 tỷ đồng, tăng 6,1% so với cùng kỳ.")
    assert [(f.raw_value, f.indicator, f.measure) for f in found] == [
        ("96,4", "production_value_industry", "value"), ("6,1", "production_value_industry", "change_pct")]


def test_a_subject_named_after_the_number():
    f = by_raw(figures("Trong năm có 12 doanh nghiệp thành lập mới."), "12")
    assert (f.indicator, f.measure, f.value, f.unit) == ("new_enterprises", "value", 12, "count")
    assert f.subject == "doanh nghiệp thành lập mới"


def test_a_share_after_a_count_is_the_rate():
    found = figures("Toàn xã còn 35 hộ nghèo, chiếm 1,5%.")
    assert [(f.raw_value, f.indicator, f.unit) for f in found] == [
        ("35", "poor_households", "count"), ("1,5", "poverty_rate", "percent")]


def test_a_crop_goes_in_the_qualifier():
    f = by_raw(figures("Năng suất lúa vụ đông xuân đạt 63,2 tạ/ha."), "63,2")
    assert (f.indicator, f.value, f.unit) == ("crop_yield", 63.2, "quintal_per_ha")
    assert "lúa" in f.qualifier


def test_an_unknown_subject_is_other_with_its_words():
    f = by_raw(figures("Số cây xanh trồng mới đạt 1.450 cây."), "1.450")
    assert (f.indicator, f.value, f.unit, f.raw_unit) == ("other", 1450, "count", "cây")
    assert f.subject == "Số cây xanh trồng mới"


def test_award_counts_are_never_figures():
    assert figures("UBND xã tặng giấy khen cho 12 tập thể và 20 cá nhân có thành tích.",
                   "Huyện tặng 02 bằng khen cho các tập thể.",
                   "Chủ tịch UBND tỉnh tặng 03 bằng khen cho 03 cá nhân.") == []


def test_offsets_and_sentences_of_a_longer_report():
    doc = run("I. KẾT QUẢ THỰC HIỆN",
              "1. Về kinh tế",
              "Tổng giá trị sản xuất ước đạt 1.068,69 tỷ đồng, bằng 107,8% so với cùng kỳ; năng suất lúa đạt "
              "58tạ/ha; sản lượng lương thực có hạt đạt 2734,5 tấn.",
              "Thu ngân sách xã đạt 6.318.000.000đ, đạt 102,3%KH; trong năm có 09 doanh nghiệp thành lập mới.",
              "2. Về xã hội",
              "Toàn xã còn 35 hộ nghèo, chiếm 1,5%; có 118/120 học sinh hoàn thành chương trình tiểu học.")
    found = doc.figures
    assert [f.raw_value for f in found] == ["1.068,69", "107,8", "58", "2734,5", "6.318.000.000", "102,3", "09",
                                            "35", "1,5", "118"]
    for f in found:
        assert doc.text[f.char_start:f.char_end] == f.raw_value
        assert f.sentence in doc.text and f.raw_value in f.sentence
    primary = by_raw(found, "118")
    assert (primary.indicator, primary.value, primary.denominator) == ("primary_completion", 118, 120)
    assert by_raw(found, "2734,5").indicator == "grain_output"
    assert close(by_raw(found, "6.318.000.000").value, 6318e6)


# --- an analyst's own synonyms ------------------------------------------------------------------

@pytest.fixture
def extra_lexicons(tmp_path):
    yield tmp_path
    lexicon.use_extra()  # back to the built-in lexicons


def test_an_analyst_adds_an_indicator_and_its_phrase_without_code(extra_lexicons):
    (extra_lexicons / "indicators.tsv").write_text(
        "code\tdomain\tlabel_vi\tunit\tnotes\trate_code\n"
        "trees_planted\tenvironment\tSố cây xanh trồng mới\tcount\tadded by an analyst\t\n", encoding="utf-8")
    (extra_lexicons / "indicator_forms.tsv").write_text(
        "pattern\tcode\tnote\n"
        "số cây xanh trồng mới|cây xanh trồng mới\ttrees_planted\t\n", encoding="utf-8")
    sentence = "Số cây xanh trồng mới đạt 1.450 cây."
    assert by_raw(figures(sentence), "1.450").indicator == "other"
    lexicon.use_extra(extra_lexicons)
    f = by_raw(figures(sentence), "1.450")
    assert (f.indicator, f.indicator_vi, f.value, f.unit) == ("trees_planted", "Số cây xanh trồng mới", 1450, "count")
    lexicon.use_extra()
    assert by_raw(figures(sentence), "1.450").indicator == "other"


def test_an_analyst_maps_a_phrase_to_an_existing_code(extra_lexicons):
    (extra_lexicons / "indicator_forms.tsv").write_text(
        "pattern\tcode\tnote\n"
        "diện tích canh tác bắp\tcrop_area\t'bắp' is the southern word for maize\n", encoding="utf-8")
    lexicon.use_extra(extra_lexicons)
    f = by_raw(figures("Quỹ đất dành cho diện tích canh tác bắp đạt 212,5 ha."), "212,5")
    assert (f.indicator, f.value, f.unit) == ("crop_area", 212.5, "ha")


@pytest.mark.parametrize("text, raw, value", [
    ("Tổng thu ngân sách xã đạt 8,31 tỷ đồng.", "8,31", 8_310_000_000.0),
    ("Sản lượng cá nuôi đạt 17,06 nghìn tấn.", "17,06", 17_060.0),
    ("Thu nhập bình quân đầu người đạt 64,29 triệu đồng.", "64,29", 64_290_000.0),
])
def test_a_scaled_figure_is_the_number_as_written_not_its_float_product(text, raw, value):
    """8,31 × 1e9 is 8310000000.000001 in binary floating point; the row holds 8310000000 exactly,
    so `WHERE value = 8310000000` and a CSV export say what the report says."""
    assert by_raw(figures(text), raw).value == value
