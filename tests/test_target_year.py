"""Every target carries the year it is for (issue 18, point 5)."""
import pytest

from extractors.figures.target_year import heading_year, sentence_year

from .conftest import document_from_text


@pytest.mark.parametrize("sentence, year", [
    ("Phấn đấu đến năm 2026, tỷ lệ hộ nghèo còn dưới 1,5%", 2026),
    ("Năm 2025 thu ngân sách trên địa bàn đạt 11 tỷ đồng", 2025),
    ("Thu ngân sách đạt 11 tỷ đồng vào năm 2027", 2027),
    # the baseline year is not the target's
    ("Phấn đấu thu ngân sách đạt 11 tỷ đồng, tăng 8% so với năm 2024", None),
    ("Tổng sản lượng đạt 6.000 tấn, bằng cùng kỳ năm 2023", None),
    ("Phấn đấu giảm 14 hộ nghèo so với cuối năm 2024", None),
    ("Phấn đấu đến cuối năm 2026 có 1 thôn đạt chuẩn", 2026),
    # the year a law was issued is not a target's
    ("Phổ biến Luật Đất đai năm 2024 đến 100% hộ dân", None),
])
def test_the_year_of_a_target_sentence(sentence, year):
    assert sentence_year(sentence, sentence.find("1") if "1" in sentence else 0) == year


def test_the_innermost_heading_with_a_year_wins():
    assert heading_year(("BÁO CÁO KẾT QUẢ NĂM 2024", "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025", "1. Kinh tế")) == 2025
    assert heading_year(("II. PHƯƠNG HƯỚNG NHIỆM VỤ",)) is None


REPORT = """Số: 88/BC-UBND
Yên Trường, ngày 20 tháng 12 năm 2024
BÁO CÁO
Kết quả thực hiện nhiệm vụ năm 2024
I. KẾT QUẢ THỰC HIỆN NĂM 2024
Thu ngân sách trên địa bàn đạt 9,4 tỷ đồng.
II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025
Phấn đấu thu ngân sách trên địa bàn đạt 10,2 tỷ đồng.
Phấn đấu đến năm 2026, tỷ lệ hộ nghèo còn 1,2%.
"""

PLAN = """Số: 12/KH-UBND
Yên Trường, ngày 5 tháng 1 năm 2025
KẾ HOẠCH
Phát triển kinh tế - xã hội năm 2025
Thu ngân sách trên địa bàn đạt 10,5 tỷ đồng.
"""


def test_a_reports_targets_are_filed_under_the_year_they_are_for():
    doc = document_from_text(REPORT)
    assert doc.meta.period_year == 2024
    by_value = {f.value: f for f in doc.figures if f.indicator in ("budget_revenue", "poverty_rate")}
    assert by_value[9.4e9].measure == "value" and by_value[9.4e9].target_year is None
    assert by_value[10.2e9].measure == "target" and by_value[10.2e9].target_year == 2025
    assert by_value[1.2].measure == "target" and by_value[1.2].target_year == 2026


def test_a_plans_targets_are_for_the_plans_year():
    doc = document_from_text(PLAN)
    targets = [f for f in doc.figures if f.measure == "target"]
    assert targets and {f.target_year for f in targets} == {2025}
