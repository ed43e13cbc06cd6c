"""Kind, period and year of texts without an official header: press articles and portal posts,
written for these tests in the shapes such texts take (bylines, council sessions, plans, Party
congresses, school years, commendation rounds)."""
import pytest

from extractors.metadata.doc_content import kind_of
from extractors.metadata.period_mentions import mentions

from .conftest import document_from_text


def _meta(text: str):
    return document_from_text(text).meta


def _fields(text: str) -> tuple[str | None, int | None, str | None]:
    meta = _meta(text)
    return meta.doc_type, meta.period_year, meta.period


YEAR_END_NEWS = """Xã Hòa Lạc: kinh tế tiếp tục tăng trưởng
08:45, 06/01/2021
Ngày 5-1, UBND xã Hòa Lạc tổ chức hội nghị tổng kết tình hình kinh tế - xã hội năm 2020, triển khai nhiệm vụ năm 2021.
Năm 2020, tổng giá trị sản xuất của xã ước đạt 512 tỷ đồng, tăng 7,4% so với năm 2019.
Thu ngân sách đạt 104% dự toán. Năm 2021, xã phấn đấu tổng giá trị sản xuất tăng 8% trở lên.
"""

COUNCIL_SESSION = """HĐND thị trấn Tân Lộc tổ chức kỳ họp thứ 7, khóa XII, nhiệm kỳ 2021 – 2026
Sáng 21/12, HĐND thị trấn Tân Lộc tổ chức kỳ họp thứ 7 để đánh giá kết quả thực hiện nhiệm vụ năm 2023; phương hướng nhiệm vụ năm 2024.
Năm 2023, tổng sản lượng lương thực đạt 3.120 tấn, bằng 101% kế hoạch; hộ nghèo còn 12 hộ, giảm 5 hộ so với năm 2022.
Kỳ họp thông qua báo cáo thu chi ngân sách năm 2023 và phương hướng năm 2024.
"""

PLAN_NEWS = """Năm 2025, huyện Minh Sơn tiếp tục thực hiện mục tiêu của kế hoạch 5 năm (2021-2025) đã đề ra.
Tập trung phát triển nông nghiệp hàng hóa; đẩy mạnh cải cách hành chính.
Các chỉ tiêu chủ yếu năm 2025 là: tốc độ tăng giá trị sản xuất đạt 9% trở lên; thu nhập bình quân đầu người đạt 62 triệu đồng, tăng 6,2% so với năm 2024; tỷ lệ hộ nghèo giảm còn dưới 1,5%.
"""

CONGRESS_NEWS = """Đại hội Đảng bộ xã Phúc Thịnh lần thứ XV, nhiệm kỳ 2025 - 2030
Sáng 14/7, Đảng bộ xã Phúc Thịnh tổ chức Đại hội đại biểu lần thứ XV, nhiệm kỳ 2025 - 2030.
Đại hội đề ra mục tiêu: phấn đấu đến năm 2030 thu nhập bình quân đầu người đạt 95 triệu đồng; tỷ lệ hộ nghèo giảm còn dưới 1%; 100% thôn đạt chuẩn văn hóa.
"""


def test_a_year_end_article_reports_the_year_its_results_are_for():
    assert _fields(YEAR_END_NEWS) == ("report", 2020, "year")


def test_a_council_session_reports_the_year_it_reviews_not_its_term_nor_next_year():
    assert _fields(COUNCIL_SESSION) == ("report", 2023, "year")


def test_a_target_list_without_a_header_is_a_plan_for_its_year():
    assert _fields(PLAN_NEWS) == ("plan", 2025, "year")


def test_a_party_congress_plans_to_the_end_of_its_term_with_no_period():
    assert _fields(CONGRESS_NEWS) == ("plan", 2030, None)


@pytest.mark.parametrize(
    "text, year, period",
    [
        ("Sơn Hà: thu ngân sách tăng khá\nTính chung 6 tháng đầu năm 2023, thu ngân sách trên địa bàn huyện ước đạt 41 tỷ đồng.\n",
         2023, "H1"),
        ("Trong quý 2/2022, huyện Đông Xuân giải quyết việc làm cho 640 lao động, tăng 3% so với cùng kỳ.\n", 2022, "Q2"),
        ("Tính đến tháng 7.2019, toàn huyện có 14 xã đạt chuẩn nông thôn mới, tăng 2 xã so với cuối năm 2018.\n", 2019, "M07"),
        ("Tình hình kinh tế - xã hội tháng 8 và 8 tháng năm 2021 của tỉnh Hòa An\nChỉ số sản xuất công nghiệp tháng 8 ước tăng 2,1%.\n",
         2021, "M08"),
        ("Kết quả 9 tháng đầu năm\nTrong 9 tháng năm 2020, huyện Lâm Hà thu ngân sách ước đạt 212 tỷ đồng, bằng 74% dự toán.\n",
         2020, "9M"),
        ("Theo Chi cục Thống kê, 6 tháng đầu năm, GRDP của tỉnh ước tăng 5,1% so với cùng kỳ năm 2018; "
         "doanh thu bán lẻ tăng 9% so với cùng kỳ năm 2018.\n", 2019, "H1"),
    ],
)
def test_period_phrases_of_the_text(text, year, period):
    meta = _meta(text)
    assert (meta.doc_type, meta.period_year, meta.period) == ("report", year, period)


def test_a_byline_date_is_when_the_article_was_written_not_its_period():
    text = ("Thứ Ba, 12/01/2016, 10:20 (GMT+7)\nKhen thưởng 18 tập thể, 25 cá nhân\n"
            "Hội đồng Thi đua - Khen thưởng huyện xét khen thưởng đợt 2 năm 2015 cho các tập thể, cá nhân.\n")
    assert _fields(text) == ("report", 2015, None)


def test_without_a_year_in_the_text_the_byline_gives_it():
    text = "15:02, 23/05/2017\nBiểu dương 40 gia đình hiếu học\nSáng 22-5, Hội Khuyến học huyện tặng giấy khen cho 40 gia đình.\n"
    assert _fields(text) == ("report", 2017, None)


def test_a_year_end_review_published_in_january_is_about_the_year_before():
    text = ("Ngày 08/01/2022, UBND xã Quỳnh Lâm tổ chức hội nghị\n"
            "Hội nghị tổng kết công tác thi đua cả năm, tặng giấy khen cho 12 tập thể và 30 cá nhân.\n")
    assert _fields(text) == ("report", 2021, "year")


def test_a_school_year_gives_its_last_year_and_no_period():
    text = "Tỷ lệ học sinh tốt nghiệp THCS năm học 2020 - 2021 trên địa bàn huyện đạt 99,2%, tăng 0,3% so với năm học trước.\n"
    assert _fields(text) == ("report", 2021, None)


def test_a_multi_year_review_gives_the_last_year():
    text = "Giai đoạn 2016 – 2020, huyện có 2 tập thể được tặng cờ thi đua của Chính phủ và 35 cá nhân được tặng bằng khen.\n"
    assert _fields(text) == ("report", 2020, None)


def test_a_resolution_on_the_years_tasks_is_a_plan():
    text = ("HỘI ĐỒNG NHÂN DÂN XÃ BÌNH AN\nSố: 09/NQ-HĐND\nBình An, ngày 20 tháng 12 năm 2023\nNGHỊ QUYẾT\n"
            "Về nhiệm vụ phát triển kinh tế - xã hội năm 2024\n"
            "Điều 1. Các chỉ tiêu chủ yếu năm 2024 như sau: tổng giá trị sản xuất tăng 8% trở lên; tỷ lệ hộ nghèo giảm còn dưới 2%.\n")
    meta = _meta(text)
    assert (meta.doc_type, meta.doc_kind, meta.period_year, meta.period) == ("plan", "resolution", 2024, "year")


def test_an_article_publishing_a_decision():
    text = "Quyết định công nhận xã Tân Phong đạt chuẩn nông thôn mới năm 2022\nChủ tịch UBND tỉnh vừa ký quyết định công nhận.\n"
    assert _fields(text)[:2] == ("decision", 2022)


def test_cues_are_whole_words():
    # "Nhà nước đạt" holds the letters of "ước đạt" (an estimate) but is no result cue
    assert kind_of("", "Năm 2016, xã phấn đấu thu ngân sách Nhà nước đạt 11 tỷ đồng; trồng mới 20 ha rừng trở lên.") == "plan"


def test_roles_of_the_years_a_text_names():
    text = "Năm 2022, huyện đạt 8 xã nông thôn mới, tăng 2 xã so với năm 2021; phương hướng nhiệm vụ năm 2023; giá so sánh năm 2010.\n"
    roles = {(m.year, m.role) for m in mentions(text)}
    assert roles == {(2022, "current"), (2021, "prior_next"), (2023, "forward"), (2010, "prior")}


def test_dates_are_not_periods():
    text = "Ngày 01 tháng 3 năm 2023, Hội đồng xét khen thưởng; Kế hoạch số 12/KH-UBND ngày 06/10/2022 của UBND huyện.\n"
    assert mentions(text) == []


def test_a_quarter_end_reporting_point_closes_the_months_so_far():
    text = ("1. Tín dụng: tổng dư nợ ước thực hiện đến 30/9/2021 là 18.400 tỷ đồng, so với 31/12/2020 tăng 1.120 tỷ đồng.\n"
            "Chỉ số giá tiêu dùng tháng 9 năm 2021 tăng 0,4% so với tháng trước.\n")
    assert _fields(text) == ("report", 2021, "9M")


def test_a_june_statistics_report_is_about_the_half_year():
    text = ("Tình hình kinh tế - xã hội tháng 6 năm 2020 tỉnh Hòa An\n"
            "Tổng sản phẩm trong tỉnh 6 tháng đầu năm 2020 ước đạt 9.120 tỷ đồng, tăng 4,2% so cùng kỳ.\n"
            "Sản lượng thủy sản tháng 6/2020 ước đạt 21 nghìn tấn; lũy kế 6 tháng đầu năm 2020 đạt 98 nghìn tấn.\n")
    assert _fields(text) == ("report", 2020, "H1")
    may = text.replace("tháng 6 năm 2020 tỉnh", "tháng 5 năm 2020 tỉnh")
    assert _fields(may) == ("report", 2020, "M05")  # a month that closes no quarter stays the month


def test_the_plan_a_result_is_measured_against_is_of_the_same_period():
    text = "Tổng sản lượng lương thực đạt 3.400 tấn, bằng 102% kế hoạch năm 2022; hộ nghèo giảm 4 hộ so với năm 2021.\n"
    assert [(m.year, m.role) for m in mentions(text)] == [(2022, "current"), (2021, "prior_next")]


def test_the_past_year_named_without_its_number():
    text = "Năm qua, xã Hưng Đạo trồng mới 35 ha rừng, tăng 12% so với năm 2019; 5 năm qua, xã xây dựng 20 km đường.\n"
    assert _fields(text) == ("report", 2020, "year")


def test_a_headed_review_of_the_year_issued_in_january_is_about_the_year_before():
    text = "Số: 04/BC-UBND\nPhú An, ngày 12 tháng 01 năm 2024\nBÁO CÁO\nKết quả công tác thi đua, khen thưởng cả năm\n"
    meta = _meta(text)
    assert (meta.doc_type, meta.period_year, meta.period) == ("report", 2023, "year")


def test_a_headed_five_year_plan_gives_its_last_year():
    text = "Số: 20/KH-UBND\nPhú An, ngày 3 tháng 2 năm 2021\nKẾ HOẠCH\nPhát triển giáo dục giai đoạn 2021 - 2025\n"
    meta = _meta(text)
    assert (meta.doc_type, meta.period_year, meta.period) == ("plan", 2025, None)


def test_a_thematic_resolution_stays_other():
    text = ("TỈNH ỦY HÒA AN\nSố: 11-NQ/TU\nHòa An, ngày 5 tháng 3 năm 2026\nNGHỊ QUYẾT\n"
            "về phát triển du lịch cộng đồng giai đoạn 2026 - 2030\nI. MỤC TIÊU\nPhấn đấu đến năm 2030 đón 2 triệu lượt khách.\n")
    meta = _meta(text)
    assert (meta.doc_type, meta.doc_kind, meta.period_year) == ("other", "resolution", 2026)


def test_a_blank_day_header_date_is_no_month_period():
    text = "SỞ NỘI VỤ\nSố: /TTr-SNV\nHòa An, ngày    tháng 8 năm 2025\nTỜ TRÌNH\nVề việc đổi tên Hội\n"
    meta = _meta(text)
    assert (meta.period_year, meta.period) == (2025, None)
    assert mentions("ngày    tháng 8 năm 2025") == []


def test_a_session_that_passes_the_years_targets_is_a_plan():
    text = ("Hội đồng nhân dân xã Tân Mỹ tổ chức kỳ họp thứ 6\n"
            "Tuần qua, HĐND xã Tân Mỹ khóa V, nhiệm kỳ 2021 – 2026 tổ chức kỳ họp thứ 6.\n"
            "Kỳ họp thông qua Nghị quyết về phát triển kinh tế - xã hội, quốc phòng, an ninh năm 2025 với các chỉ tiêu chủ yếu như: "
            "thu nhập bình quân đầu người đạt 70 triệu đồng; tỷ lệ hộ nghèo giảm còn 1,2%; và Nghị quyết về thu, chi ngân sách năm 2025.\n"
            "Trước đó, đại biểu nghe báo cáo tình hình thực hiện nghị quyết năm 2024.\n")
    assert _fields(text) == ("plan", 2025, "year")


@pytest.mark.parametrize(
    "byline, year",
    [("10:15, 02/04/2021", 2021), ("08:30, 06/01/2022", 2021)],  # December's meeting, published in January
)
def test_a_title_month_takes_the_bylines_year(byline, year):
    month = "3" if year == 2021 and byline.endswith("2021") else "12"
    text = (f"UBND huyện giao ban tháng {month}\n{byline}\n"
            f"UBND huyện tổ chức giao ban đánh giá kết quả thực hiện nhiệm vụ tháng {month}. Trong tháng, thu ngân sách ước đạt 12 tỷ đồng.\n")
    assert _fields(text) == ("report", year, f"M{int(month):02d}")


def test_a_school_years_review_is_no_year_period():
    text = "Tổng kết năm học 2023-2024\nNăm học 2023-2024, toàn huyện có 45 trường đạt chuẩn quốc gia, tăng 3 trường.\n"
    assert _fields(text) == ("report", 2024, None)


def test_a_day_of_a_month_in_a_title_is_no_month():
    text = "15:20, 09/03/2019\nKỷ niệm ngày 8 tháng 3: biểu dương 20 phụ nữ tiêu biểu\nHội LHPN huyện tặng giấy khen cho 20 hội viên.\n"
    assert _fields(text) == ("report", 2019, None)


def test_a_headed_december_report_issued_in_january():
    meta = _meta("Số: 02/BC-UBND\nAn Phú, ngày 4 tháng 1 năm 2025\nBÁO CÁO\nTình hình thực hiện nhiệm vụ tháng 12\n")
    assert (meta.doc_type, meta.period_year, meta.period) == ("report", 2024, "M12")
