"""Every `documents` field read from headers and texts written for these tests."""
import pytest

from extractors.metadata.period import period_of

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


# --- Header rules of Nghị định 30/2020/NĐ-CP as documents really write them ---------------------


def _meta(text: str, ocr: bool = False):
    """Metadata of a text written here; `ocr` marks its page as read by OCR."""
    from pipeline import components
    from pipeline.config import Config
    from pipeline.ingest import assemble, read

    doc = assemble(read(text.encode("utf-8"), ".txt"), "x", "doc.txt")
    if ocr:
        doc.ocr_pages = (1,)
    for component in Config.load().components:
        components.get(component)(doc)
    return doc.meta


@pytest.mark.parametrize(
    "number_line, expected",
    [
        ("Số: 253/SNV-TCBC", "253/SNV-TCBC"),
        ("Số 36-HD/VPTW", "36-HD/VPTW"),  # Party documents: no colon, the kind code before the slash
        ("Số: 779 /QĐ-UBND", "779/QĐ-UBND"),  # a number typed into the blank before the code
        ("Số :  41 / TTr-STP", "41/TTr-STP"),
        ("Số:        /QĐ-UBND", "/QĐ-UBND"),  # a draft's blank number: kept as printed
        ("Số: ........../KH-UBND", "/KH-UBND"),
        ("Số: …/TB-UBND", "/TB-UBND"),
        ("Số       -QC/ĐU", "-QC/ĐU"),
        ("Số: 15/2024/NQ-HĐND", "15/2024/NQ-HĐND"),
        ("Số: 12/QĐ–UBND", "12/QĐ-UBND"),  # a dash put for the hyphen
        ("SỐ: 08/BC-UBND.", "08/BC-UBND"),
    ],
)
def test_number_as_headers_write_it(number_line, expected):
    meta = _meta(f"UBND XÃ AN PHÚ\n{number_line}\nAn Phú, ngày 4 tháng 6 năm 2024\nTHÔNG BÁO\nVề lịch tiếp công dân\n")
    assert meta.doc_number == expected


def test_number_on_the_line_after_its_label():
    meta = _meta("UBND XÃ AN PHÚ\nSố:\n/KH-UBND\nAn Phú, ngày 4 tháng 6 năm 2024\nKẾ HOẠCH\nTổ chức hội thi\n")
    assert (meta.doc_number, meta.issued_date) == ("/KH-UBND", "2024-06-04")


def test_no_number_where_none_is_printed():
    meta = _meta("BAN CHỈ ĐẠO XÃ AN PHÚ\nAn Phú, ngày 4 tháng 6 năm 2024\nBÁO CÁO\nSố liệu 2024-2025 của xã\n")
    assert meta.doc_number is None


@pytest.mark.parametrize(
    "date_line, expected",
    [
        ("An Phú, ngày 12 tháng 3 năm 2025", "2025-03-12"),
        ("An Phú, ngày 05 tháng 01 năm 2025", "2025-01-05"),
        ("An Phú, ngày      tháng 3 năm 2025", "2025-03"),
        ("An Phú, ngày ... tháng ... năm 2025", "2025"),
        ("Thị trấn An Phú, ngày 12/3/2025", "2025-03-12"),  # figures, slashes
        ("An Phú, ngày 12.03.2025", "2025-03-12"),  # figures, dots
        ("An Phu, ngay 9 thang 12 nam 2024", "2024-12-09"),  # no tone marks (OCR, old archives)
        ("Ngày 20 tháng 10 năm 2023", "2023-10-20"),  # no place
    ],
)
def test_issue_date_as_headers_write_it(date_line, expected):
    meta = _meta(f"UBND XÃ AN PHÚ\nSố: 14/BC-UBND\n{date_line}\nBÁO CÁO\nTình hình tháng 3\n")
    assert meta.issued_date == expected


def test_a_date_in_figures_without_its_place_is_a_received_stamp():
    meta = _meta("VĂN PHÒNG UBND HUYỆN\nĐẾN\nNgày 13/03/2025\nUBND XÃ AN PHÚ\nSố: 14/BC-UBND\nBÁO CÁO\nTình hình quý I\n")
    assert meta.issued_date is None


def test_a_date_inside_a_sentence_belongs_to_another_document():
    slip = (
        "VĂN PHÒNG UBND TỈNH\nSố: /PT-TH\nPHIẾU TRÌNH\nKính gửi: Lãnh đạo UBND tỉnh.\n"
        "1. Văn bản trình: Tờ trình số 88/TTr-STC ngày 3 tháng 7 năm 2025 của Sở Tài chính.\n"
        "Chuyên viên\nNgày 9 tháng 7 năm 2025\nLê Văn Tư\n"
    )
    meta = _meta(slip)
    assert (meta.doc_type, meta.doc_kind, meta.doc_number, meta.issued_date) == ("other", "submission_slip", "/PT-TH", None)


def test_header_flattened_into_one_line():
    meta = _meta("HỘI NÔNG DÂN XÃ AN PHÚ\nSố: 07/NQ-HND An Phú, ngày 3 tháng 6 năm 2024\nNGHỊ QUYẾT\nVề kế hoạch năm\n")
    assert (meta.doc_number, meta.issued_date, meta.place) == ("07/NQ-HND", "2024-06-03", "An Phú")


def test_an_attached_charter_takes_the_date_of_the_decision_issuing_it():
    charter = ("ỦY BAN NHÂN DÂN\nTỈNH HÒA AN\nĐIỀU LỆ\nHỘI CỰU GIÁO CHỨC TỈNH HÒA AN\n"
               "(Kèm theo Quyết định số /QĐ-UBND ngày tháng 10 năm 2025 của Chủ tịch UBND tỉnh)\n"
               "Chương I\nQUY ĐỊNH CHUNG\n")
    meta = _meta(charter)
    assert (meta.doc_type, meta.doc_kind, meta.doc_number, meta.issued_date) == ("other", "charter", None, "2025-10")
    minutes = ("HỘI CỰU GIÁO CHỨC TỈNH\nBIÊN BẢN HỌP BAN CHẤP HÀNH\nVề việc sửa đổi Điều lệ Hội\n"
               "(ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 3/2/2020)\nHôm nay, ban chấp hành họp.\n")
    meta = _meta(minutes)  # minutes are not issued attached to anything: the decision's date is not theirs
    assert (meta.doc_kind, meta.issued_date) == ("minutes", None)


@pytest.mark.parametrize(
    "kind, doc_type, doc_kind",
    [
        ("TỜ TRÌNH", "other", "submission"), ("QUYẾT ĐỊNH", "decision", "decision"),
        ("THÔNG BÁO", "other", "notice"), ("NGHỊ QUYẾT", "other", "resolution"),
        ("BIÊN BẢN", "other", "minutes"), ("ĐIỀU LỆ", "other", "charter"),
        ("HƯỚNG DẪN", "other", "guidance"), ("GIẢI TRÌNH", "other", "explanation"),
        ("PHIẾU TRÌNH", "other", "submission_slip"), ("QUY CHẾ", "other", "regulation"),
        ("BÁO CÁO", "report", "report"), ("KẾ HOẠCH", "plan", "plan"),
    ],
)
def test_kinds_of_documents(kind, doc_type, doc_kind):
    meta = _meta(f"SỞ TƯ PHÁP\nSố: 5/XX-STP\nHòa An, ngày 2 tháng 5 năm 2025\n{kind}\nVề việc tổ chức hội nghị\n")
    assert (meta.doc_type, meta.doc_kind) == (doc_type, doc_kind)


def test_a_letter_is_known_by_its_subject_line():
    meta = _meta("UBND XÃ AN PHÚ\nSố: /UBND-VP\nV/v tổ chức ngày hội đại đoàn kết\nAn Phú, ngày tháng 11 năm 2024\n"
                 "Kính gửi: Các thôn.\n")
    assert (meta.doc_type, meta.doc_kind, meta.doc_number, meta.issued_date) == ("other", "letter", "/UBND-VP", "2024-11")


def test_ocr_readings_of_the_header():
    text = ("HỘI NÔNG DÂN XÃ AN PHÚ\nS6: 03/BC-HND\nAn Phú, ngày 3 tháng 6 nam 2024\n"
            "BIỂN BẢN HỌP BAN THƯỜNG VỤ\nVề công tác hội\n")
    meta = _meta(text, ocr=True)
    assert (meta.doc_number, meta.issued_date, meta.doc_kind) == ("03/BC-HND", "2024-06-03", "minutes")
    meta = _meta(text)  # a text layer is taken as written: "S6:" is no number there
    assert meta.doc_number is None
    for printed, read in (("Số: 01NQ-HĐQL", "01/NQ-HĐQL"), ("Số: KH-UBND", "/KH-UBND")):
        # the slash OCR dropped before a known kind code is put back (a text layer keeps its typo)
        assert _meta(f"UBND XÃ AN PHÚ\n{printed}\nKẾ HOẠCH\nVề hội thi\n", ocr=True).doc_number == read
        assert _meta(f"UBND XÃ AN PHÚ\n{printed}\nKẾ HOẠCH\nVề hội thi\n").doc_number == printed.split(" ")[1]


def test_ocr_noise_in_the_signers_name():
    text = ("UBND XÃ AN PHÚ\nSố: 03/BC-UBND\nAn Phú, ngày 3 tháng 6 năm 2024\nBÁO CÁO\nVề công tác quý II\n"
            "UBND xã báo cáo như trên.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nTrÑần Văn Lực\n")
    assert _meta(text, ocr=True).signer == "Trần Văn Lực"  # a stroke of the signature read as a letter
