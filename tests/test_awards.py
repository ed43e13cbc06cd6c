"""The `awards` and `recipient_lists` components through the whole pipeline: award forms, counted
recipients, grantor and its level, status, rank, evidence, and no leakage between awards and
indicator figures. Every sentence and name here is invented for the test. (Longer than most
modules: one file holds the whole award grammar's cases, the genre's shapes at its end.)"""
from __future__ import annotations

import io

import docx
import pytest

from pipeline import components
from pipeline.config import Config
from pipeline.ingest import assemble, read
from pipeline.lexicon import table
from pipeline.model import Award, Document
from tests.conftest import document_from_text

# A commune report: the place line names the commune, the body speaks as "UBND xã".
COMMUNE = ("Hòa Bình, ngày 5 tháng 12 năm 2024\nBÁO CÁO\n"
           "Tổng kết công tác thi đua, khen thưởng năm 2024\n"
           "UBND xã Hòa Bình báo cáo kết quả công tác thi đua, khen thưởng năm 2024 như sau:\n")
# A district report.
DISTRICT = ("Yên Định, ngày 12 tháng 12 năm 2024\nBÁO CÁO\n"
            "Tổng kết phong trào thi đua yêu nước năm 2024\n"
            "UBND huyện Yên Định báo cáo kết quả như sau:\n")
# A commune plan: every award in it is planned.
PLAN = ("Hòa Bình, ngày 10 tháng 1 năm 2025\nKẾ HOẠCH\n"
        "Tổ chức phong trào thi đua năm 2025\n"
        "UBND xã Hòa Bình xây dựng kế hoạch như sau:\n")

SENTENCE_EXTRACTOR = "rules.award"
LIST_EXTRACTOR = "rules.recipient_list"


def _count_as_written(raw: str) -> int | None:
    if raw.replace(".", "").isdigit():  # "1.205 lượt cá nhân"
        return int(raw.replace(".", ""))
    words = {r["word"]: int(r["value"]) for r in table("number_words")}
    return words.get(raw.casefold())


def check_evidence(doc: Document, a: Award) -> None:
    """A sentence row points at its count as written, and its sentence is the stretch of the
    text that holds that count."""
    raw = doc.text[a.char_start:a.char_end]
    assert _count_as_written(raw) == a.count, (raw, a)
    assert raw in a.sentence, a
    n = len(a.sentence)
    assert any(doc.text[p:p + n] == a.sentence
               for p in range(max(0, a.char_end - n), a.char_start + 1)), a


def run(*lines: str, head: str = COMMUNE) -> Document:
    doc = document_from_text(head + "\n".join(lines) + "\n")
    for a in doc.awards:
        if a.extractor == SENTENCE_EXTRACTOR:
            check_evidence(doc, a)
    return doc


def awards(*lines: str, head: str = COMMUNE) -> list[Award]:
    return run(*lines, head=head).awards


def rows(found: list[Award]) -> list[tuple[str, str, int]]:
    return [(a.award, a.recipient, a.count) for a in found]


def one(found: list[Award]) -> Award:
    assert len(found) == 1, [(a.award, a.recipient, a.count, a.grantor) for a in found]
    return found[0]


@pytest.mark.parametrize("head, doc_type, level", [
    (COMMUNE, "report", "commune"), (DISTRICT, "report", "district"), (PLAN, "plan", "commune")])
def test_the_heads_set_type_and_level(head, doc_type, level):
    meta = run(head=head).meta
    assert (meta.doc_type, meta.admin_level) == (doc_type, level)


# --- forms --------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, grantor", [
    ("Năm 2024, Hợp tác xã dịch vụ nông nghiệp Hòa Bình vinh dự được Chủ tịch nước tặng "
     "01 Huân chương Lao động hạng Ba.", "Chủ tịch nước"),
    ("Trường Trung học cơ sở Hòa Bình được tặng thưởng 01 Huân chương Lao động hạng Ba.", None),
])
def test_medal_labor_third_class_is_central(sentence, grantor):
    a = one(awards(sentence))
    assert (a.award, a.award_vi, a.count, a.rank) == ("medal", "Huân chương", 1, "hạng Ba")
    assert (a.grantor, a.grantor_level, a.status) == (grantor, "central", "received")


def test_medal_recipient_named_after_its_rank():
    a = one(awards("Nhà nước tặng thưởng 01 Huân chương Lao động hạng Ba cho Hợp tác xã dịch vụ "
                   "nông nghiệp Hòa Bình."))
    assert (a.award, a.recipient, a.rank) == ("medal", "collective", "hạng Ba")


def test_certificate_of_merit_of_the_prime_minister_to_a_commune_is_central_and_collective():
    a = one(awards("Thủ tướng Chính phủ tặng 01 bằng khen cho UBND xã Hòa Bình vì đã có thành tích "
                   "xuất sắc trong phong trào xây dựng nông thôn mới."))
    assert (a.award, a.award_vi, a.recipient, a.count) == ("certificate_of_merit", "Bằng khen", "collective", 1)
    assert (a.grantor, a.grantor_level, a.status) == ("Thủ tướng Chính phủ", "central", "received")


def test_certificate_of_merit_of_the_provincial_chair_is_province():
    a = one(awards("Chủ tịch UBND tỉnh tặng 05 bằng khen cho các tập thể có thành tích xuất sắc "
                   "trong công tác phòng, chống thiên tai."))
    assert (a.award, a.count, a.grantor, a.grantor_level) == (
        "certificate_of_merit", 5, "Chủ tịch UBND tỉnh", "province")


def test_emulation_flags_of_the_province_go_to_collectives():
    a = one(awards("UBND tỉnh tặng 3 cờ thi đua cho các đơn vị dẫn đầu phong trào thi đua năm 2024."))
    assert (a.award, a.award_vi, a.recipient, a.count) == ("emulation_flag", "Cờ thi đua", "collective", 3)
    assert (a.grantor, a.grantor_level) == ("UBND tỉnh", "province")


def test_emulation_flag_of_the_province_named_after_it():
    a = one(awards("Năm 2024, Trường Tiểu học Hòa Bình được tặng 01 Cờ thi đua của UBND tỉnh."))
    assert (a.award, a.recipient, a.count) == ("emulation_flag", "collective", 1)
    assert a.grantor_level == "province"


@pytest.mark.parametrize("sentence, grantor, level", [
    ("Chủ tịch UBND huyện tặng giấy khen cho 16 tập thể có thành tích trong công tác dân số.",
     "Chủ tịch UBND huyện", "district"),
    ("Giám đốc Sở Nội vụ tặng giấy khen cho 12 tập thể làm tốt công tác cải cách hành chính.",
     None, "province"),
    ("Chủ tịch UBND xã tặng giấy khen cho 25 tập thể có thành tích trong phong trào khuyến học.",
     "Chủ tịch UBND xã", "commune"),
])
def test_certificate_of_commendation_levels(sentence, grantor, level):
    a = one(awards(sentence))
    assert (a.award, a.award_vi, a.recipient, a.status) == (
        "certificate_of_commendation", "Giấy khen", "collective", "received")
    assert a.grantor_level == level
    if grantor is not None:
        assert a.grantor == grantor


def test_grantor_of_a_department_is_kept_whole():
    a = one(awards("Giám đốc Sở Nội vụ tặng giấy khen cho 12 tập thể làm tốt công tác cải cách hành chính."))
    assert a.grantor == "Giám đốc Sở Nội vụ"


def test_emulation_soldier_at_grassroots_is_individual_of_the_unit():
    a = one(awards("Năm 2024 có 7 cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở."))
    assert (a.award, a.award_vi, a.recipient, a.count) == ("emulation_soldier", "Chiến sĩ thi đua", "individual", 7)
    assert (a.rank, a.grantor_level, a.status) == ("cơ sở", "commune", "received")


def test_emulation_soldier_of_the_province():
    a = one(awards("Có 2 cá nhân đạt danh hiệu Chiến sĩ thi đua cấp tỉnh."))
    assert (a.award, a.recipient, a.count, a.rank, a.grantor_level) == (
        "emulation_soldier", "individual", 2, "cấp tỉnh", "province")


def test_emulation_soldier_recognised_after_the_count():
    a = one(awards("Có 4 cá nhân được công nhận Chiến sĩ thi đua cấp tỉnh."))
    assert (a.award, a.recipient, a.count, a.rank, a.grantor_level) == (
        "emulation_soldier", "individual", 4, "cấp tỉnh", "province")


def test_advanced_laborer_is_individual_conferred_by_the_unit():
    a = one(awards("45 cá nhân đạt danh hiệu Lao động tiên tiến."))
    assert (a.award, a.award_vi, a.recipient, a.count) == (
        "advanced_laborer", "Lao động tiên tiến", "individual", 45)
    assert (a.grantor_level, a.status) == ("commune", "received")


def test_excellent_labor_collective_is_province_by_default():
    a = one(awards("Công nhận 5 tập thể lao động xuất sắc."))
    assert (a.award, a.award_vi, a.recipient, a.count) == (
        "excellent_labor_collective", "Tập thể lao động xuất sắc", "collective", 5)
    assert (a.grantor, a.grantor_level, a.status) == (None, "province", "received")


def test_advanced_labor_collective():
    a = one(awards("Công nhận 9 tập thể lao động tiên tiến năm 2024."))
    assert (a.award, a.award_vi, a.recipient, a.count, a.status) == (
        "advanced_labor_collective", "Tập thể lao động tiên tiến", "collective", 9, "received")


def test_two_collective_titles_in_one_sentence():
    found = awards("Năm 2024, công nhận 6 tập thể lao động xuất sắc, 11 tập thể lao động tiên tiến.")
    assert rows(found) == [("excellent_labor_collective", "collective", 6),
                           ("advanced_labor_collective", "collective", 11)]


@pytest.mark.parametrize("sentence, expected", [
    ("Khen thưởng cho 8 tập thể và 14 cá nhân có thành tích trong phong trào xây dựng nông thôn mới.",
     [("commendation", "collective", 8), ("commendation", "individual", 14)]),
    ("Biểu dương 12 cá nhân có nhiều đóng góp cho quỹ khuyến học của xã.",
     [("commendation", "individual", 12)]),
])
def test_bare_commendation_is_granted_by_the_reporting_commune(sentence, expected):
    found = awards(sentence)
    assert rows(found) == expected
    assert all((a.award_vi, a.grantor, a.grantor_level, a.status) == ("Khen thưởng", None, "commune", "received")
               for a in found)


def test_bare_commendation_in_a_district_report_is_district():
    a = one(awards("Năm 2024, toàn huyện đã khen thưởng cho 15 cá nhân có thành tích trong công tác "
                   "bảo vệ an ninh trật tự.", head=DISTRICT))
    assert (a.award, a.recipient, a.count, a.grantor, a.grantor_level) == (
        "commendation", "individual", 15, None, "district")


# --- counts and recipients -----------------------------------------------------------------------

@pytest.mark.parametrize("recipients", ["cá nhân, tập thể", "tập thể, cá nhân", "tập thể và cá nhân"])
def test_mixed_recipients_counted_together_are_one_row(recipients):
    a = one(awards(f"Chủ tịch UBND huyện tặng giấy khen cho 210 {recipients} có thành tích trong phong trào "
                   "toàn dân bảo vệ an ninh Tổ quốc."))
    assert (a.award, a.recipient, a.count, a.grantor_level) == ("certificate_of_commendation", "mixed", 210, "district")


def test_collectives_and_individuals_are_two_rows():
    found = awards("UBND xã đã khen thưởng cho 8 tập thể và 14 cá nhân có thành tích trong công tác "
                   "phòng, chống dịch bệnh.")
    assert rows(found) == [("commendation", "collective", 8), ("commendation", "individual", 14)]


HOUSEHOLD_LIST = ("Năm 2024, UBND xã đã khen thưởng 18 tập thể, 42 cá nhân và 25 hộ gia đình có thành tích "
                  "trong phong trào xây dựng nông thôn mới.")


def test_a_list_of_collectives_individuals_and_households_is_three_rows():
    found = awards(HOUSEHOLD_LIST)
    assert rows(found) == [("commendation", "collective", 18), ("commendation", "individual", 42),
                           ("commendation", "household", 25)]
    assert {a.status for a in found} == {"received"}


def test_count_before_the_title_it_reached():
    a = one(awards("Trong năm, 45 cá nhân đạt danh hiệu Lao động tiên tiến."))
    assert (a.award, a.recipient, a.count) == ("advanced_laborer", "individual", 45)


def test_titles_each_with_their_counted_recipients():
    found = awards("Công nhận danh hiệu Lao động tiên tiến cho 60 cá nhân, Chiến sĩ thi đua cơ sở cho 7 cá nhân.")
    assert rows(found) == [("advanced_laborer", "individual", 60), ("emulation_soldier", "individual", 7)]
    assert [a.rank for a in found] == [None, "cơ sở"]


def test_explicit_individual_recipient():
    a = one(awards("Chủ tịch UBND huyện tặng 01 bằng khen cho ông Nguyễn Văn Hùng, Trưởng thôn Đông."))
    assert (a.award, a.recipient, a.count, a.grantor_level) == ("certificate_of_merit", "individual", 1, "district")


@pytest.mark.parametrize("sentence, word, count", [
    ("Năm 2024, xã được Chủ tịch UBND huyện tặng hai bằng khen.", "hai", 2),
    ("Chủ tịch UBND tỉnh tặng ba bằng khen cho các tập thể của xã.", "ba", 3),
])
def test_count_in_words(sentence, word, count):
    doc = run(sentence)
    a = one(doc.awards)
    assert (a.award, a.count) == ("certificate_of_merit", count)
    assert doc.text[a.char_start:a.char_end] == word


def test_forms_counted_then_split_by_recipient_are_not_counted_twice():
    found = awards("Chủ tịch UBND tỉnh tặng 02 Bằng khen cho 01 tập thể và 01 cá nhân.")
    assert sum(a.count for a in found) == 2
    assert sorted(rows(found)) == [("certificate_of_merit", "collective", 1),
                                   ("certificate_of_merit", "individual", 1)]


# --- grantors and levels ---------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, grantor, level", [
    ("CT UBND tỉnh tặng 02 bằng khen cho các tập thể có thành tích trong công tác chuyển đổi số.",
     "CT UBND tỉnh", "province"),
    ("GĐ Công an tỉnh Thanh Hóa tặng giấy khen cho 3 cá nhân có thành tích trong phong trào toàn dân "
     "bảo vệ an ninh Tổ quốc.", "GĐ Công an tỉnh Thanh Hóa", "province"),
    ("UBND huyện tặng 6 giấy khen cho các tập thể có thành tích trong công tác dân vận.",
     "UBND huyện", "district"),
    ("Đề nghị cấp trên khen thưởng cho 3 tập thể làm tốt công tác thu ngân sách.", "cấp trên", "district"),
    ("Năm 2024, xã được UBND huyện đề nghị và được tặng 02 bằng khen của Chủ tịch UBND tỉnh.",
     "Chủ tịch UBND tỉnh", "province"),
])
def test_grantor_and_level_in_a_commune_report(sentence, grantor, level):
    a = one(awards(sentence))
    assert (a.grantor, a.grantor_level) == (grantor, level)


def test_above_in_a_district_report_is_the_province():
    a = one(awards("Đề nghị cấp trên khen thưởng cho 4 tập thể có thành tích xuất sắc.", head=DISTRICT))
    assert (a.grantor, a.grantor_level, a.status) == ("cấp trên", "province", "proposed")


def test_of_grantor_after_the_award_wins_over_one_named_before():
    a = one(awards("UBND huyện đã trình tặng 04 bằng khen của Chủ tịch UBND tỉnh cho các tập thể."))
    assert (a.grantor, a.grantor_level) == ("Chủ tịch UBND tỉnh", "province")


# --- status ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Chủ tịch UBND huyện tặng 01 bằng khen cho Trường Mầm non Hòa Bình.",
    "Năm 2024, xã được tặng 01 bằng khen của Chủ tịch UBND huyện.",
    "Công nhận 3 tập thể lao động xuất sắc.",
])
def test_received(sentence):
    assert one(awards(sentence)).status == "received"


@pytest.mark.parametrize("sentence", [
    "Đề nghị Chủ tịch UBND tỉnh tặng 03 bằng khen cho các tập thể có thành tích xuất sắc.",
    "UBND xã đã trình Chủ tịch UBND huyện tặng giấy khen cho 4 tập thể.",
])
def test_proposed(sentence):
    assert one(awards(sentence)).status == "proposed"


@pytest.mark.parametrize("sentence", [
    "Phấn đấu có 20 cá nhân đạt danh hiệu Lao động tiên tiến.",
    "Đề nghị Chủ tịch UBND huyện tặng giấy khen cho 5 tập thể có thành tích xuất sắc.",
    "Chủ tịch UBND xã tặng 02 giấy khen cho các thôn dẫn đầu phong trào.",
])
def test_every_award_of_a_plan_is_planned(sentence):
    assert one(awards(sentence, head=PLAN)).status == "planned"


def test_received_and_proposed_the_earliest_cue_wins():
    found = awards("Đã được và đề nghị cấp trên khen thưởng cho 6 tập thể và 9 cá nhân.")
    assert rows(found) == [("commendation", "collective", 6), ("commendation", "individual", 9)]
    assert [a.status for a in found] == ["received", "received"]


def test_proposed_and_considered_is_proposed():
    a = one(awards("Hội đồng thi đua xã đã đề nghị và bình xét khen thưởng cho 11 cá nhân."))
    assert (a.recipient, a.count, a.status) == ("individual", 11, "proposed")


def test_status_cue_is_not_read_inside_the_council_name():
    a = one(awards("Hội đồng Thi đua - Khen thưởng xã đã trình Chủ tịch UBND huyện tặng giấy khen cho 5 tập thể."))
    assert a.status == "proposed"


# --- evidence --------------------------------------------------------------------------------------

def test_evidence_is_the_count_as_written_in_its_sentence():
    doc = run("Năm 2024, toàn xã có nhiều tập thể và cá nhân được khen thưởng. Chủ tịch UBND huyện tặng "
              "03 bằng khen cho các thôn; khen thưởng cho 8 tập thể và 14 cá nhân.")
    assert [doc.text[a.char_start:a.char_end] for a in doc.awards] == ["03", "8", "14"]
    first, second, third = doc.awards
    assert first.sentence == "Chủ tịch UBND huyện tặng 03 bằng khen cho các thôn"
    assert second.sentence == third.sentence == "khen thưởng cho 8 tập thể và 14 cá nhân."
    for a in doc.awards:
        check_evidence(doc, a)


# --- no leakage -----------------------------------------------------------------------------------

AWARD_SENTENCES = [
    "Năm 2024, Hợp tác xã Hòa Bình được Chủ tịch nước tặng 01 Huân chương Lao động hạng Ba.",
    "Thủ tướng Chính phủ tặng 01 bằng khen cho UBND xã Hòa Bình.",
    "UBND tỉnh tặng 3 cờ thi đua cho các đơn vị dẫn đầu phong trào thi đua.",
    "Chủ tịch UBND huyện tặng giấy khen cho 210 cá nhân, tập thể.",
    "Khen thưởng cho 8 tập thể và 14 cá nhân có thành tích xuất sắc.",
    "45 cá nhân đạt danh hiệu Lao động tiên tiến.",
    "Công nhận danh hiệu Lao động tiên tiến cho 60 cá nhân, Chiến sĩ thi đua cơ sở cho 7 cá nhân.",
    "Công nhận 6 tập thể lao động xuất sắc, 11 tập thể lao động tiên tiến.",
    "Năm 2024, xã được Chủ tịch UBND huyện tặng hai bằng khen.",
]


@pytest.mark.parametrize("sentence", AWARD_SENTENCES)
def test_award_sentences_give_no_figures(sentence):
    doc = run(sentence)
    assert doc.awards
    assert doc.figures == []


def test_a_household_award_count_gives_no_figure():
    doc = run(HOUSEHOLD_LIST)
    assert len(doc.awards) == 3
    assert doc.figures == []


@pytest.mark.parametrize("sentence, raw", [
    ("Hỗ trợ 30 hộ gia đình có hoàn cảnh khó khăn sửa chữa nhà ở.", "30"),
    ("Giải quyết việc làm cho 120 lao động.", "120"),
])
def test_indicator_sentences_give_no_awards(sentence, raw):
    doc = run(sentence)
    assert doc.awards == []
    assert raw in [f.raw_value for f in doc.figures]


def test_indicator_and_award_sentences_side_by_side():
    doc = run("Giải quyết việc làm cho 120 lao động; Chủ tịch UBND huyện tặng giấy khen cho 9 tập thể.")
    assert rows(doc.awards) == [("certificate_of_commendation", "collective", 9)]
    assert [f.raw_value for f in doc.figures] == ["120"]


# --- recipient lists of a decision (.docx) -----------------------------------------------------------

COLLECTIVES = ["Thôn Đông", "Thôn Tây", "Trường Mầm non Hòa Bình", "Chi hội Nông dân thôn Nam"]
INDIVIDUALS = [("Nguyễn Văn An", "Trưởng thôn Đông"), ("Lê Thị Bình", "Giáo viên Trường Mầm non Hòa Bình"),
               ("Trần Văn Cường", "Công an viên"), ("Phạm Thị Dung", "Chi hội trưởng Phụ nữ thôn Tây"),
               ("Hoàng Văn Em", "Chỉ huy trưởng Ban Chỉ huy Quân sự xã"),
               ("Vũ Thị Giang", "Công chức Văn phòng - Thống kê")]
MERIT = "Có thành tích xuất sắc trong phong trào thi đua năm 2024"


def _cell_lines(cell, lines: list[str]) -> None:
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def _table(d, header: list[str], body: list[list[str]]) -> None:
    t = d.add_table(rows=1, cols=len(header))
    for cell, text in zip(t.rows[0].cells, header):
        cell.text = text
    for values in body:
        for cell, text in zip(t.add_row().cells, values):
            cell.text = text


def build_decision_docx(article: str) -> bytes:
    d = docx.Document()
    head = d.add_table(rows=1, cols=2)
    _cell_lines(head.rows[0].cells[0], ["ỦY BAN NHÂN DÂN", "XÃ HÒA BÌNH", "Số: 35/QĐ-UBND"])
    _cell_lines(head.rows[0].cells[1], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                        "Hòa Bình, ngày 27 tháng 12 năm 2024"])
    d.add_paragraph("QUYẾT ĐỊNH")
    d.add_paragraph("Về việc khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua năm 2024")
    d.add_paragraph("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA BÌNH")
    d.add_paragraph("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
    d.add_paragraph("Xét đề nghị của Công chức Văn hóa - Xã hội xã.")
    d.add_paragraph("QUYẾT ĐỊNH:")
    d.add_paragraph(article)
    d.add_paragraph("Điều 2. Văn phòng HĐND và UBND xã, các tập thể và cá nhân có tên tại Điều 1 chịu trách nhiệm "
                    "thi hành Quyết định này.")
    closing = d.add_table(rows=1, cols=2)
    _cell_lines(closing.rows[0].cells[0], ["Nơi nhận:", "- Như Điều 2;", "- Lưu: VT."])
    _cell_lines(closing.rows[0].cells[1], ["CHỦ TỊCH", "Phạm Văn Quang"])
    d.add_paragraph("DANH SÁCH TẬP THỂ ĐƯỢC TẶNG GIẤY KHEN")
    _table(d, ["TT", "Tên tập thể", "Thành tích"],
           [[str(i), name, MERIT] for i, name in enumerate(COLLECTIVES, 1)])
    d.add_paragraph("DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN")
    _table(d, ["TT", "Họ và tên", "Chức vụ, đơn vị", "Thành tích"],
           [[str(i), name, role, MERIT] for i, (name, role) in enumerate(INDIVIDUALS, 1)])
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def decision(article: str) -> Document:
    doc = assemble(read(build_decision_docx(article), ".docx"), "decision", "quyet_dinh.docx")
    for name in Config.load().components:
        components.get(name)(doc)
    return doc


def test_recipient_list_counts_the_rows_of_each_table():
    doc = decision("Điều 1. Tặng Giấy khen của Chủ tịch UBND xã cho các tập thể và cá nhân có tên trong "
                   "danh sách kèm theo.")
    assert (doc.meta.doc_type, doc.meta.admin_level) == ("decision", "commune")
    assert sorted(rows(doc.awards)) == [("certificate_of_commendation", "collective", 4),
                                        ("certificate_of_commendation", "individual", 6)]
    for a in doc.awards:
        assert (a.extractor, a.grantor_level, a.status, a.award_vi) == (
            LIST_EXTRACTOR, "commune", "received", "Giấy khen")
        assert "Tặng Giấy khen của Chủ tịch UBND xã" in a.sentence
    by_kind = {a.recipient: doc.text[a.char_start:a.char_end] for a in doc.awards}
    assert by_kind["collective"].startswith("1 | Thôn Đông")
    assert by_kind["individual"].startswith("1 | Nguyễn Văn An")


def test_recipient_list_does_not_double_count_what_the_article_counts():
    doc = decision("Điều 1. Tặng Giấy khen của Chủ tịch UBND xã cho 4 tập thể và 6 cá nhân có tên trong "
                   "danh sách kèm theo.")
    assert rows(doc.awards) == [("certificate_of_commendation", "collective", 4),
                                ("certificate_of_commendation", "individual", 6)]
    for a in doc.awards:
        assert (a.extractor, a.grantor, a.grantor_level, a.status) == (
            SENTENCE_EXTRACTOR, "Chủ tịch UBND xã", "commune", "received")
        check_evidence(doc, a)


# --- the genre: counted recipients, then their predicate ------------------------------------------

def attrs(found: list[Award]) -> list[tuple[str, str, int, str | None, str]]:
    return [(a.award, a.recipient, a.count, a.grantor_level, a.status) for a in found]


def test_recipients_counted_before_the_form_they_received():
    found = awards("Năm 2024, 5 tập thể, 9 cá nhân được Chủ tịch UBND tỉnh tặng Bằng khen vì có thành tích.")
    assert attrs(found) == [("certificate_of_merit", "collective", 5, "province", "received"),
                            ("certificate_of_merit", "individual", 9, "province", "received")]
    assert {a.grantor for a in found} == {"Chủ tịch UBND tỉnh"}


def test_each_list_takes_the_form_of_its_own_predicate():
    found = awards("Trong đó có 3 tập thể, 6 cá nhân đề nghị tặng thưởng Huân chương Lao động hạng Ba; "
                   "2 tập thể, 4 cá nhân đề nghị tặng Bằng khen của Thủ tướng Chính phủ và 1 tập thể đề nghị "
                   "tặng Cờ thi đua của Chính phủ.", head=DISTRICT)
    assert attrs(found) == [("medal", "collective", 3, "central", "proposed"),
                            ("medal", "individual", 6, "central", "proposed"),
                            ("certificate_of_merit", "collective", 2, "central", "proposed"),
                            ("certificate_of_merit", "individual", 4, "central", "proposed"),
                            ("emulation_flag", "collective", 1, "central", "proposed")]


def test_families_and_villages_in_one_proposed_list():
    found = awards("Ban chỉ đạo đã chọn 9 cơ quan, đơn vị, 40 hộ gia đình văn hóa, 6 làng văn hóa tiêu biểu "
                   "đề nghị Chủ tịch UBND huyện khen thưởng; 1 cơ quan, 3 gia đình văn hóa, 2 khu dân cư "
                   "tiêu biểu để nghị tặng Bằng khen của Chủ tịch UBND tỉnh.", head=DISTRICT)
    assert attrs(found) == [("commendation", "collective", 9, "district", "proposed"),
                            ("commendation", "household", 40, "district", "proposed"),
                            ("commendation", "collective", 6, "district", "proposed"),
                            ("certificate_of_merit", "collective", 1, "province", "proposed"),
                            ("certificate_of_merit", "household", 3, "province", "proposed"),
                            ("certificate_of_merit", "collective", 2, "province", "proposed")]


def test_several_kinds_after_one_form_are_one_row_each():
    found = awards("Tại hội nghị, UBND huyện đã khen thưởng cho 11 tập thể, 7 gia đình, 20 cá nhân.")
    assert attrs(found) == [("commendation", "collective", 11, "district", "received"),
                            ("commendation", "household", 7, "district", "received"),
                            ("commendation", "individual", 20, "district", "received")]


def test_a_form_that_closed_a_predicate_does_not_reach_the_next_count():
    found = awards("Trong năm có 120 gia đình được UBND xã tặng giấy khen, 15 gia đình được mời dự gặp mặt "
                   "cấp huyện và 4 gia đình được UBND huyện tặng giấy khen.")
    assert attrs(found) == [("certificate_of_commendation", "household", 120, "commune", "received"),
                            ("certificate_of_commendation", "household", 4, "district", "received")]


def test_counts_with_an_apposition_share_the_predicate_far_after_them():
    found = awards("Kết quả, có 2 tập thể là Phòng Nội vụ và Phòng Tư pháp, 6 đại biểu HĐND huyện và 12 tập thể "
                   "cấp xã được đánh giá hoàn thành xuất sắc nhiệm vụ được đề nghị Chủ tịch UBND tỉnh tặng Bằng khen.",
                   head=DISTRICT)
    assert attrs(found) == [("certificate_of_merit", "collective", 2, "province", "proposed"),
                            ("certificate_of_merit", "individual", 6, "province", "proposed"),
                            ("certificate_of_merit", "collective", 12, "province", "proposed")]


def test_a_predicate_submitted_upward_is_proposed():
    found = awards("Ngoài 5 tập thể đã được UBND tỉnh trình Thủ tướng Chính phủ tặng Bằng khen, hội đồng còn "
                   "thống nhất đề nghị tặng Cờ thi đua của UBND tỉnh cho 2 tập thể.", head=DISTRICT)
    assert attrs(found) == [("certificate_of_merit", "collective", 5, "central", "proposed"),
                            ("emulation_flag", "collective", 2, "province", "proposed")]


def test_a_weak_cue_does_not_undo_a_proposal():
    found = awards("Hội đồng thống nhất đề nghị UBND xã công nhận danh hiệu Lao động tiên tiến cho 14 cá nhân "
                   "và khen thưởng 6 tập thể, 11 cá nhân có thành tích xuất sắc.")
    assert {a.status for a in found} == {"proposed"}
    assert rows(found) == [("advanced_laborer", "individual", 14), ("commendation", "collective", 6),
                           ("commendation", "individual", 11)]


def test_grouped_thousands_spelling_variants_and_short_title_names():
    found = awards("Năm 2024 có 1.205 lượt cá nhân đạt danh hiệu Chiến sỹ thi đua cơ sở, 48 lượt cá nhân đạt "
                   "danh hiệu thi đua cấp tỉnh.")
    assert attrs(found) == [("emulation_soldier", "individual", 1205, "commune", "received"),
                            ("emulation_soldier", "individual", 48, "province", "received")]


def test_titles_outside_the_named_forms_are_commendations():
    found = awards("Giai đoạn 2015 - 2024, 3 tập thể được phong tặng danh hiệu Anh hùng Lao động; "
                   "15 cá nhân được tặng Kỷ niệm chương vì sự nghiệp giáo dục; 4 đơn vị quyết thắng.")
    assert attrs(found) == [("commendation", "collective", 3, "central", "received"),
                            ("commendation", "individual", 15, "central", "received"),
                            ("commendation", "collective", 4, "commune", "received")]


def test_an_increment_inside_a_total_is_not_counted_apart():
    found = awards("Đối với đề nghị tặng Bằng khen của Thủ tướng Chính phủ, hội đồng thống nhất đề nghị thêm "
                   "3 tập thể, nâng tổng số đề nghị lên 11 tập thể và 14 cá nhân.", head=DISTRICT)
    assert rows(found) == [("certificate_of_merit", "collective", 11), ("certificate_of_merit", "individual", 14)]


def test_union_grantors_and_a_form_with_counts_of_its_own():
    found = awards("Tổng Liên đoàn tặng 3 cờ thi đua cho 3 tập thể, tặng bằng khen cho 06 tập thể và 11 cá nhân; "
                   "Liên đoàn Lao động huyện tặng giấy khen cho 30 tập thể.", head=DISTRICT)
    assert attrs(found) == [("emulation_flag", "collective", 3, "central", "received"),
                            ("certificate_of_merit", "collective", 6, "central", "received"),
                            ("certificate_of_merit", "individual", 11, "central", "received"),
                            ("certificate_of_commendation", "collective", 30, "district", "received")]


def test_a_high_level_proposal_is_central_whoever_chairs_it():
    a = one(awards("Chủ tịch UBND tỉnh, Chủ tịch Hội đồng Thi đua - Khen thưởng tỉnh chủ trì họp xét, đề nghị "
                   "khen thưởng mức cao đối với 18 tập thể, cá nhân.", head=DISTRICT))
    assert (a.award, a.recipient, a.count, a.grantor_level, a.status) == (
        "commendation", "mixed", 18, "central", "proposed")


def test_honourees_counted_in_a_paragraph_about_an_award():
    found = awards("Việc khen thưởng nhằm động viên các tập thể, cá nhân. Qua bình xét, đã chọn được 04 tập thể, "
                   "09 cá nhân có thành tích xuất sắc trong tổ chức lễ hội.")
    assert attrs(found) == [("commendation", "collective", 4, "commune", "proposed"),
                            ("commendation", "individual", 9, "commune", "proposed")]


@pytest.mark.parametrize("sentence", [
    "Căn cứ biên bản họp xét khen thưởng của ban điều hành 05 khu phố, Hội đồng đã thống nhất danh sách.",
    "Năm 2024 toàn xã có 1.850 hộ gia đình đạt danh hiệu gia đình văn hóa, 12 thôn đạt danh hiệu thôn văn hóa.",
    "Kết quả thi đua, khen thưởng: 15 thôn hoàn thành kế hoạch thu ngân sách.",
])
def test_counts_that_are_not_awards(sentence):
    assert awards(sentence) == []


def test_a_headline_that_the_body_repeats_is_not_counted_twice():
    doc = run("10:06, 08/06/2024", "", "Thành phố biểu dương 30 gia đình văn hóa tiêu biểu", "",
              "Tại hội nghị, UBND thành phố đã biểu dương, khen thưởng 30 gia đình văn hóa tiêu biểu năm 2024.",
              head="")
    a = one(doc.awards)
    assert (a.award, a.recipient, a.count) == ("commendation", "household", 30)
    assert a.sentence.startswith("Tại hội nghị")


def test_titles_counted_as_titles_reached_or_named_by_recipients():
    found = awards("UBND huyện công nhận 02 danh hiệu Chiến sỹ thi đua cơ sở; 5 cá nhân đạt chiến sĩ thi đua cấp "
                   "tỉnh; 31 cá nhân chiến sĩ thi đua cấp tỉnh.", head=DISTRICT)
    assert attrs(found) == [("emulation_soldier", "individual", 2, "district", "received"),
                            ("emulation_soldier", "individual", 5, "province", "received"),
                            ("emulation_soldier", "individual", 31, "province", "received")]


def test_leading_unit_flags_and_titles():
    found = awards("Huyện có 4 tập thể được UBND tỉnh tặng Cờ đơn vị dẫn đầu phong trào thi đua, 9 tập thể được "
                   "tặng đơn vị dẫn đầu cụm thi đua cấp huyện.", head=DISTRICT)
    assert rows(found) == [("emulation_flag", "collective", 4), ("commendation", "collective", 9)]
    assert found[0].grantor_level == "province"


def test_abbreviated_union_grantors():
    found = awards("Trong 5 năm, 14 tập thể, cá nhân được Tổng LĐLĐ Việt Nam tặng bằng khen; 52 tập thể, cá nhân "
                   "được LĐLĐ tỉnh tặng bằng khen.", head=DISTRICT)
    assert attrs(found) == [("certificate_of_merit", "mixed", 14, "central", "received"),
                            ("certificate_of_merit", "mixed", 52, "province", "received")]


def test_a_predicate_ends_where_a_new_clause_begins():
    assert awards("Năm 2024 xã có 3 thôn được công nhận đạt chuẩn nông thôn mới kiểu mẫu, đây là kết quả của "
                  "phong trào thi đua, UBND huyện đã biểu dương các thôn.") == []


def test_of_naming_the_grantor_still_reaches_the_count():
    a = one(awards("UBND xã đề nghị tặng Giấy khen của Chủ tịch UBND huyện 7 tập thể có thành tích."))
    assert (a.award, a.recipient, a.count, a.grantor_level, a.status) == (
        "certificate_of_commendation", "collective", 7, "district", "proposed")


@pytest.mark.parametrize("sentence, recipient", [
    ("Trong năm, UBND huyện đã trao 35 giấy khen cho các tập thể, cá nhân có thành tích.", "mixed"),
    ("UBND xã tặng 12 giấy khen cho các hộ gia đình tiêu biểu.", "household"),
    ("UBND huyện tặng 4 giấy khen cho những cá nhân có thành tích.", "individual"),
])
def test_counted_forms_given_to_a_named_kind(sentence, recipient):
    assert one(awards(sentence)).recipient == recipient


def test_an_item_with_words_of_its_own_before_its_count_is_another_matter():
    found = awards("Tặng Giấy khen của Chủ tịch UBND huyện: 12 tập thể; 30 cá nhân; toàn huyện còn 25 hộ nghèo.",
                   head=DISTRICT)
    assert rows(found) == [("certificate_of_commendation", "collective", 12),
                           ("certificate_of_commendation", "individual", 30)]


def test_a_list_item_after_a_semicolon_that_opens_with_its_count_continues_the_award():
    found = awards("UBND xã tặng Giấy khen cho 9 tập thể; 21 cá nhân; 5 hộ gia đình có thành tích trong phong trào.",
                   "UBND xã tặng Giấy khen cho 6 tập thể; 25 hộ nghèo được hỗ trợ làm nhà; còn 4 hộ cận nghèo.")
    assert attrs(found) == [("certificate_of_commendation", "collective", 9, "commune", "received"),
                            ("certificate_of_commendation", "individual", 21, "commune", "received"),
                            ("certificate_of_commendation", "household", 5, "commune", "received"),
                            ("certificate_of_commendation", "collective", 6, "commune", "received")]


def test_one_count_named_with_several_words():
    found = awards("Trong năm, 45 cán bộ, công chức đạt danh hiệu Lao động tiên tiến; 6 cơ quan, đơn vị được "
                   "UBND huyện tặng giấy khen.")
    assert attrs(found) == [("advanced_laborer", "individual", 45, "commune", "received"),
                            ("certificate_of_commendation", "collective", 6, "district", "received")]


# --- summary tables ---------------------------------------------------------------------------------

SUMMARY = ["Kết quả khen thưởng năm 2024 như sau:",
           "| TT | Hình thức khen thưởng | Tập thể | Cá nhân |",
           "|---|---|---|---|",
           "| 1 | Bằng khen của Chủ tịch UBND tỉnh | 3 | 12 |",
           "| 2 | Giấy khen của Chủ tịch UBND huyện | 15 | 40 |",
           "| 3 | Cờ thi đua của UBND tỉnh | 2 | |",
           "| 4 | Danh hiệu Lao động tiên tiến | | 1.120 |"]


def test_a_summary_table_gives_a_row_per_form_and_kind():
    doc = run(*SUMMARY, head=DISTRICT)
    assert attrs(doc.awards) == [("certificate_of_merit", "collective", 3, "province", "received"),
                                 ("certificate_of_merit", "individual", 12, "province", "received"),
                                 ("certificate_of_commendation", "collective", 15, "district", "received"),
                                 ("certificate_of_commendation", "individual", 40, "district", "received"),
                                 ("emulation_flag", "collective", 2, "province", "received"),
                                 ("advanced_laborer", "individual", 1120, "district", "received")]
    for a in doc.awards:
        assert a.extractor == "rules.award_table"
        assert doc.text[a.char_start:a.char_end].replace(".", "") == str(a.count)
    assert not [f for f in doc.figures if f.char_start in {a.char_start for a in doc.awards}]


def test_a_summary_table_under_a_proposal_title_is_proposed():
    doc = run("Danh sách đề nghị khen thưởng:", "| TT | Hình thức | Số lượng |", "|---|---|---|",
              "| 1 | Huân chương Lao động hạng Ba | 2 |", "| 2 | Tập thể lao động xuất sắc | 6 |", head=DISTRICT)
    assert attrs(doc.awards) == [("medal", "unknown", 2, "central", "proposed"),
                                 ("excellent_labor_collective", "collective", 6, "province", "proposed")]


def test_recipients_with_a_clause_of_their_own_after_the_award():
    assert awards("Năm 2024, xã được tặng Bằng khen, có 12 thôn đạt danh hiệu thôn văn hóa.") == []
    found = awards("UBND xã tặng giấy khen cho 10 tập thể, 12 hộ gia đình được công nhận gia đình văn hóa 3 năm liền.")
    assert rows(found) == [("certificate_of_commendation", "collective", 10),
                           ("certificate_of_commendation", "household", 12)]


def test_communes_honoured_and_communes_that_own_the_honoured():
    found = awards("Huyện có 18/20 xã được công nhận đạt chuẩn nông thôn mới; 3 xã được UBND tỉnh tặng Bằng khen.",
                   "UBND huyện khen thưởng 5 tập thể thuộc 2 xã vùng cao.", head=DISTRICT)
    assert attrs(found) == [("certificate_of_merit", "collective", 3, "province", "received"),
                            ("commendation", "collective", 5, "district", "received")]


def test_the_same_recipient_word_twice_is_two_counts_not_one_list():
    a = one(awards("Năm 2024, ngành giáo dục có 35 giáo viên dạy giỏi cấp huyện, 12 giáo viên được tặng giấy khen."))
    assert (a.recipient, a.count) == ("individual", 12)


def test_the_states_honorary_titles_are_central_commendations():
    a = one(awards("Có 15 cá nhân được đề nghị xét tặng danh hiệu Nghệ nhân ưu tú.", head=DISTRICT))
    assert (a.award, a.recipient, a.count, a.grantor_level, a.status) == (
        "commendation", "individual", 15, "central", "proposed")


def test_a_total_the_lead_told_is_not_counted_again_in_the_body():
    doc = run("Xét khen thưởng cấp Nhà nước cho 19 tập thể, cá nhân", "",
              "Chiều 12-4, Hội đồng Thi đua - Khen thưởng tỉnh họp xét, đề nghị khen thưởng mức cao đối với "
              "19 tập thể, cá nhân có thành tích xuất sắc.", "",
              "Sau khi thảo luận, hội đồng đã bỏ phiếu đề nghị khen thưởng đối với 19 tập thể, cá nhân. Trong đó "
              "có 4 tập thể đề nghị tặng Huân chương Lao động hạng Ba.", head="")
    assert attrs(doc.awards) == [("commendation", "mixed", 19, "central", "proposed"),
                                 ("medal", "collective", 4, "central", "proposed")]
    assert doc.awards[0].sentence.startswith("Chiều 12-4")


def test_recipient_words_stop_where_the_next_form_begins():
    found = awards("Xét tặng danh hiệu Lao động tiên tiến cho 66 cá nhân và Tập thể lao động tiên tiến cho 9 tập thể; "
                   "Ban Thường vụ Huyện ủy tặng giấy khen cho 8 tổ chức cơ sở đảng và 26 đảng viên.")
    assert rows(found) == [("advanced_laborer", "individual", 66), ("advanced_labor_collective", "collective", 9),
                           ("certificate_of_commendation", "collective", 8),
                           ("certificate_of_commendation", "individual", 26)]


def test_times_of_collectives_and_individuals_counted_together():
    a = one(awards("Trong năm, các cấp đã khen thưởng 150 lượt tập thể và cá nhân."))
    assert (a.recipient, a.count) == ("mixed", 150)


@pytest.mark.parametrize("sentence, status", [
    ("Phong trào được triển khai sâu rộng, đề nghị UBND huyện khen thưởng 5 tập thể.", "proposed"),
    ("Căn cứ đề nghị của Hội đồng thi đua, UBND xã tặng giấy khen cho 7 cá nhân.", "received"),
    ("Thực hiện chương trình xây dựng nông thôn mới, UBND xã tặng giấy khen cho 4 thôn.", "received"),
    ("Sau khi xem xét, Hội đồng thống nhất đề nghị: tặng giấy khen cho 6 cá nhân.", "proposed"),
])
def test_the_awards_own_clause_speaks_first(sentence, status):
    assert one(awards(sentence)).status == status
