"""Every `documents` field read from headers and texts written for these tests."""
import pytest

from extractors.period import period_of

from .conftest import document_from_text

COMMUNE_REPORT = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ PHÚ LỘC | Độc lập - Tự do - Hạnh phúc
Số: 58/BC-UBND
Phú Lộc, ngày 9 tháng 12 năm 2024
BÁO CÁO
Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2024,
phương hướng nhiệm vụ năm 2025
Kính gửi: UBND huyện Cẩm Thủy.
Thực hiện chỉ đạo của UBND huyện Cẩm Thủy, UBND xã Phú Lộc báo cáo kết quả như sau:
Năm 2024, nhân dân trong xã đã nỗ lực; các chỉ tiêu của xã đều đạt, góp phần cùng tỉnh Thanh Hóa.
Nơi nhận:
- UBND huyện Cẩm Thủy;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trịnh Văn Toàn
"""

TOWN_PLAN = """Số:     /KH-HĐTĐKT
Thị trấn Kim Sơn, ngày    tháng 3 năm 2023
KẾ HOẠCH
Phát động phong trào thi đua năm 2023
Căn cứ Kế hoạch số 12/KH-UBND ngày 10/01/2023 của UBND huyện Kim Sơn, Hội đồng TĐKT thị trấn Kim Sơn xây dựng kế hoạch.
Các cơ quan, đơn vị trong toàn thị trấn tổ chức thực hiện.
TM. HỘI ĐỒNG TĐ-KT
CHỦ TỊCH
NGUYỄN THỊ HẠNH
"""

DISTRICT_REPORT = """Số: 214/BC-UBND
Yên Định, ngày 5 tháng 7 năm 2022
BÁO CÁO
Sơ kết công tác thi đua 6 tháng đầu năm, nhiệm vụ 6 tháng cuối năm 2022
UBND huyện Yên Định báo cáo sơ kết như sau: các xã, thị trấn trong toàn huyện đã tổ chức phát động thi đua.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Thị Mai
"""


@pytest.fixture(scope="module")
def commune():
    return document_from_text(COMMUNE_REPORT.replace(" | ", "\n")).meta


def test_doc_type_number_and_date(commune):
    assert (commune.doc_type, commune.doc_kind) == ("report", "report")
    assert commune.doc_number == "58/BC-UBND"
    assert commune.issued_date == "2024-12-09"


def test_title_spans_its_lines_and_stops_at_the_addressee(commune):
    assert commune.title == ("Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2024, "
                             "phương hướng nhiệm vụ năm 2025")


def test_commune_unit_and_its_parents(commune):
    assert (commune.locality, commune.admin_level, commune.commune_kind) == ("Phú Lộc", "commune", "xa")
    assert commune.district == "Cẩm Thủy"
    assert commune.province == "Thanh Hóa"


def test_period_is_the_first_one_the_title_names(commune):
    assert (commune.period, commune.period_year) == ("year", 2024)


def test_signer_is_the_name_closing_the_signature_block(commune):
    assert commune.signer == "Trịnh Văn Toàn"


def test_blank_day_number_less_plan_of_a_town():
    meta = document_from_text(TOWN_PLAN).meta
    assert (meta.doc_type, meta.doc_number, meta.issued_date) == ("plan", "/KH-HĐTĐKT", "2023-03")
    assert (meta.locality, meta.admin_level, meta.commune_kind) == ("Kim Sơn", "commune", "thi_tran")
    assert meta.district == "Kim Sơn"
    assert meta.period_year == 2023
    assert meta.signer == "Nguyễn Thị Hạnh"


def test_district_report_half_year():
    meta = document_from_text(DISTRICT_REPORT).meta
    assert (meta.locality, meta.admin_level, meta.commune_kind) == ("Yên Định", "district", None)
    assert meta.issuer == "UBND huyện Yên Định"
    assert meta.district is None
    assert (meta.period, meta.period_year) == ("H1", 2022)
    assert meta.signer == "Lê Thị Mai"


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Tổng kết công tác thi đua năm 2023", ("year", 2023)),
        ("Sơ kết 6 tháng đầu năm 2024", ("H1", 2024)),
        ("Kết quả 9 tháng năm 2021", ("9M", 2021)),
        ("Báo cáo quý III năm 2020", ("Q3", 2020)),
        ("Tình hình tháng 5 năm 2024", ("M05", 2024)),
        ("Kế hoạch thực hiện giai đoạn 2021 - 2025", (None, None)),
    ],
)
def test_periods(title, expected):
    assert period_of(title) == expected


def test_decision_and_other_kinds():
    meta = document_from_text("Số: 12/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc khen thưởng thành tích năm 2024\n").meta
    assert (meta.doc_type, meta.doc_kind, meta.title) == ("decision", "decision", "Về việc khen thưởng thành tích năm 2024")
    meta = document_from_text("Số: 45/TTr-UBND\nTỜ TRÌNH\nĐề nghị khen thưởng\n").meta
    assert (meta.doc_type, meta.doc_kind) == ("other", "submission")


def test_kind_from_the_number_when_no_kind_line():
    meta = document_from_text("Số: 33/BC-UBND\nTình hình thực hiện nhiệm vụ tháng 6\n").meta
    assert meta.doc_type == "report"


def test_the_national_motto_is_not_a_commune():
    meta = document_from_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBÁO CÁO\nVề kinh tế - xã hội\n").meta
    assert meta.locality is None and meta.commune_kind is None


def test_a_title_may_begin_like_a_body_paragraph():
    meta = document_from_text(
        "Số: 03/KH-UBND\nKẾ HOẠCH\nThực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2025\n"
        "Thực hiện Nghị quyết của HĐND xã, UBND xã xây dựng kế hoạch như sau:\n"
    ).meta
    assert meta.title == "Thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2025"
    assert (meta.period, meta.period_year) == ("year", 2025)
