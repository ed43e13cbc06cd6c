"""Indicator codes of figures: heads narrowed by qualifiers, enumeration items, the catalogue's
project extensions. Every sentence here is invented for the test."""
from __future__ import annotations

import pytest

from extractors.figures import heads
from tests.test_figures import by_raw, figures


def codes(*lines: str) -> dict[str, str]:
    return {f.raw_value: f.indicator for f in figures(*lines)}


# --- heads and qualifiers ----------------------------------------------------------------------

def test_a_crop_named_with_the_sown_area_makes_it_the_crops_area():
    found = figures("Cây ngô gieo trồng 640ha/600ha đạt 106,7%.",
                    "Tổng diện tích gieo trồng vụ mùa ước 3.150 ha.")
    maize = by_raw(found, "640")
    assert (maize.indicator, maize.qualifier) == ("crop_area", "ngô")
    assert by_raw(found, "106,7").indicator == "crop_area"
    whole = by_raw(found, "3.150")
    assert (whole.indicator, whole.qualifier) == ("sown_area", "vụ mùa")


def test_a_crop_after_the_unit_narrows_the_head_too():
    found = figures("Trên địa bàn xã đã gieo trồng được 415 ha cây rau màu các loại.")
    assert by_raw(found, "415").indicator == "crop_area"


def test_enumeration_items_under_a_sown_area_head_are_crop_areas():
    got = codes("Diện tích gieo trồng vụ đông xuân ước 3.150 ha. Trong đó, lúa 2.104 ha, giảm 1,2%; "
                "ngô 512 ha; hoa các loại 75 ha.")
    assert got == {"3.150": "sown_area", "2.104": "crop_area", "1,2": "crop_area",
                   "512": "crop_area", "75": "crop_area"}


def test_a_list_marked_item_names_its_crop_and_the_next_figures_their_own_heads():
    found = figures("+ Lạc xuân 85 ha, năng suất 21,5 tạ/ha, sản lượng đạt 183 tấn.")
    item = by_raw(found, "85")
    assert (item.indicator, item.qualifier) == ("crop_area", "Lạc")
    assert by_raw(found, "21,5").indicator == "crop_yield"
    assert by_raw(found, "183").indicator == "crop_output"


def test_animals_named_alone_are_head_counts():
    got = codes("Tổng đàn trâu trên 3.400 con, tăng 0,1%; bò trên 5.200 con, tăng 0,3%; lợn 41.000 con.",
                "Ước tính toàn xã có 1.234 con dê.")
    assert got == {"3.400": "livestock_head", "0,1": "livestock_head", "5.200": "livestock_head",
                   "0,3": "livestock_head", "41.000": "livestock_head", "1.234": "livestock_head"}


def test_a_crop_word_inside_another_subject_is_no_enumeration_item():
    # "lúa" does not start the clause: converting rice land is no rice area
    assert codes("Chuyển đổi 36 ha đất trồng lúa kém hiệu quả sang trồng cây ăn quả.")["36"] != "sown_area"
    assert heads.enumeration_item("chuyển đổi đất trồng lúa ", "", "ha") is None
    assert heads.enumeration_item(" trong đó, lúa ", "", "ha").code == "crop_area"
    assert heads.enumeration_item("có ", "trâu, ", "count").code == "livestock_head"


def test_planting_forest_is_forest_planting_and_standing_forest_is_not():
    got = codes("Trồng mới 150 ha rừng tập trung, tỷ lệ che phủ rừng đạt 61,5%.",
                "Diện tích rừng hiện có 2.300 ha.")
    assert got["150"] == "forest_planting"
    assert got["61,5"] == "forest_cover_rate"
    assert got["2.300"] == "other"


# --- subjects after the number, carried counts, skipped numbers ---------------------------------

def test_a_list_of_village_words_after_the_number_is_one_subject():
    got = codes("Năm 2024 có 21 thôn, bản văn hóa, đạt tỷ lệ 87%.",
                "Có 19 làng, khu phố được công nhận danh hiệu văn hóa.")
    assert got == {"21": "cultural_villages", "87": "cultural_villages", "19": "cultural_villages"}


def test_cultural_families_are_a_count_whose_share_is_the_rate():
    got = codes("Có 1.850 hộ gia đình đạt danh hiệu gia đình văn hóa, đạt tỷ lệ 93,2%.",
                "12 cơ quan, đơn vị đạt chuẩn văn hóa.")
    assert got == {"1.850": "cultural_families", "93,2": "cultural_family_rate", "12": "cultural_agencies"}


def test_a_count_keeps_its_subject_after_its_share():
    found = figures("Hộ nghèo có 1.200 hộ, chiếm 3,1% so với tổng số hộ (tăng 37 hộ so với đầu năm).")
    assert [f.indicator for f in found] == ["poor_households", "poverty_rate", "poor_households"]


def test_a_percent_change_after_a_share_is_the_shares_change():
    found = figures("Năm nay có 2.150 hộ được công nhận gia đình văn hóa (95%), tăng 1,2% so với năm trước.")
    assert [(f.indicator, f.measure) for f in found] == [
        ("cultural_families", "value"), ("cultural_family_rate", "value"), ("cultural_family_rate", "change")]


def test_a_sentence_opening_with_a_link_word_continues_the_one_before():
    found = figures("Tổng thu ngân sách trên địa bàn đạt 31.000 triệu đồng, đạt 35,1% dự toán; "
                    "bằng 92,4% so với cùng kỳ.")
    assert [f.indicator for f in found] == ["budget_revenue"] * 3
    # a sentence opening with its own figure does not
    assert codes("Tổng thu ngân sách trên địa bàn đạt 31.000 triệu đồng. - 15 hộ được hỗ trợ vốn.")["15"] == "other"


def test_a_bare_number_in_the_subject_does_not_cut_it_off():
    found = figures("Tổng thu ngân sách trên địa bàn xã của quý 2/2024 là 12.345 triệu đồng, đạt 51% dự toán.")
    assert [f.indicator for f in found] == ["budget_revenue", "budget_revenue"]


def test_student_prizes_by_rank():
    got = codes("Trong kỳ thi có 31 giải Nhất, 120 giải Nhì và 14 giải khuyến khích.")
    assert set(got.values()) == {"student_prizes"}


# --- catalogue extensions ------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, raw, code", [
    ("Thu nhập bình quân đầu người đạt 48,6 triệu đồng/năm.", "48,6", "income_per_capita"),
    ("Bình quân thu nhập đầu người 37 triệu đồng.", "37", "income_per_capita"),
    ("Tổng sản phẩm trên địa bàn (GRDP) ước tăng 6,8% so với cùng kỳ.", "6,8", "grdp"),
    ("Chỉ số sản xuất công nghiệp (IIP) tăng 9,4% so với cùng kỳ.", "9,4", "industrial_production_index"),
    ("Bê tông hóa 4,2 km đường thôn, xóm.", "4,2", "roads_built"),
    ("Xây dựng mới 7 km đường giao thông nông thôn.", "7", "roads_built"),
    ("Kiên cố hóa 3,5 km kênh mương nội đồng.", "3,5", "canals_built"),
    ("Diện tích nuôi trồng thủy sản đạt 312 ha.", "312", "aquaculture_area"),
    ("Sản lượng thủy sản nuôi trồng và khai thác đạt 1.450 tấn.", "1.450", "fishery_output"),
    ("Sản lượng thịt hơi xuất chuồng ước đạt 2.870 tấn.", "2.870", "meat_output"),
    ("Sản lượng gỗ khai thác đạt 15.600 m3.", "15.600", "timber_output"),
    ("Tỷ lệ hộ dân sử dụng điện lưới quốc gia đạt 99,6%.", "99,6", "electricity_rate"),
    ("Tỷ lệ huy động trẻ 5 tuổi ra lớp đạt 100%.", "100", "school_enrolment_rate"),
    ("Tỷ lệ học sinh tốt nghiệp THPT đạt 97,8%.", "97,8", "upper_secondary_graduation"),
    ("Có 95% trạm y tế xã có bác sĩ.", "95", "health_station_doctor_rate"),
    ("Tổng vốn đăng ký của các doanh nghiệp mới đạt 820 tỷ đồng.", "820", "registered_capital"),
    ("Thu tiền cấp quyền sử dụng đất đạt 64% dự toán.", "64", "land_use_fee_revenue"),
    ("Giá trị sản xuất trên đơn vị canh tác đạt 128 triệu đồng/ha.", "128", "value_per_hectare"),
    ("Diện tích cây trồng hàng năm tăng 2,4%.", "2,4", "sown_area"),
    ("Vụ hè thu xuống giống 1.320 ha.", "1.320", "sown_area"),
    ("Lúa hè thu đã xuống giống 980 ha.", "980", "crop_area"),
    ("Chi ngân sách: tổng chi ngân sách nhà nước là 412,6 tỷ đồng.", "412,6", "budget_expenditure"),
    ("Có 1.204/1.230 hộ đạt chuẩn GĐVH, đạt tỷ lệ 97,9%.", "97,9", "cultural_family_rate"),
    ("Tốc độ tăng trưởng đàn vật nuôi bình quân 4%/năm.", "4", "livestock_head"),
    ("Bình quân thu nhập/1ha canh tác đạt 210 triệu đồng.", "210", "value_per_hectare"),
    ("Toàn huyện có 9/14 trạm y tế xã đạt chuẩn quốc gia về y tế.", "9", "health_standard_communes"),
    ("Cây gừng 12 ha, thu về 95 tấn.", "95", "crop_output"),
    ("Không kể tiền sử dụng đất, tổng thu ngân sách nhà nước đạt 120 tỷ đồng.", "120", "budget_revenue_excl_land"),
    ("Năng suất lúa vụ xuân đạt 61,2 tạ/ha; vụ hè thu đạt 52,3 tạ/ha.", "52,3", "crop_yield"),
    ("- Tổng diện tích ngô, lúa gieo trồng 3.110 ha.", "3.110", "sown_area"),
])
def test_catalogue_extensions_and_their_forms(sentence, raw, code):
    assert by_raw(figures(sentence), raw).indicator == code


def test_an_index_changes_in_percent_and_a_growth_target_keeps_its_measure():
    iip = by_raw(figures("Chỉ số sản xuất công nghiệp tăng 7,2% so với cùng kỳ."), "7,2")
    assert (iip.indicator, iip.measure) == ("industrial_production_index", "change_pct")


# --- the subject model ---------------------------------------------------------------------------

def test_the_model_answers_a_close_subject_and_other_for_a_far_one():
    from extractors.figures import subject_model as sm
    model = sm.SubjectModel([("aquaculture_area", "diện tích nuôi trồng thủy sản ha"),
                             ("aquaculture_area", "diện tích ao nuôi tôm ha"),
                             ("roads_built", "bê tông hóa km đường thôn"),
                             ("other", "mở lớp tập huấn kỹ thuật")], k=1, threshold=0.3)
    near = model.guess("diện tích ao nuôi cá ha")
    assert near.code == "aquaculture_area" and 0.3 <= near.confidence <= 1
    assert model.guess("xử lý vụ vi phạm").code == "other"
    # a code the figure's unit cannot take is never the answer
    assert model.guess("diện tích ao nuôi cá ha", allowed=lambda code: code != "aquaculture_area").code != \
        "aquaculture_area"
    assert model.guess("diện tích ao nuôi cá ha") == near  # deterministic


def test_the_model_codes_a_subject_the_lexicon_does_not_know_with_a_lower_confidence():
    from extractors.figures import subject_model as sm
    model = sm.SubjectModel([("roads_built", sm.example_query("nhựa hóa {n} km đường liên xã")),
                             ("other", sm.example_query("tổ chức {n} lớp tập huấn"))], k=1, threshold=0.3)
    sentence = "Năm nay đã nhựa hóa 6,5 km đường liên huyện."
    with sm.using(None):
        assert by_raw(figures(sentence), "6,5").indicator == "other"
    with sm.using(model):
        guessed = by_raw(figures(sentence), "6,5")
    assert guessed.indicator == "roads_built" and guessed.confidence < 0.75


def test_the_shipped_model_records_its_data_and_cross_validation():
    import hashlib
    import json
    from importlib.resources import files
    record = json.loads(files("lexicons").joinpath("subject_model.json").read_text(encoding="utf-8"))
    data = files("lexicons").joinpath("subject_examples.tsv").read_bytes()
    assert record["data_sha256"] == hashlib.sha256(data).hexdigest(), "retrain: scripts/train_subject_model.py"
    cv = record["cross_validation"]
    assert cv["lexicon_and_model"]["accuracy"] >= cv["lexicon_alone"]["accuracy"]


# --- more heads and forms ------------------------------------------------------------------------

def test_several_crops_sown_together_are_the_sown_area():
    got = codes("Vụ mùa toàn huyện gieo trồng 6.420 ha lúa và cây rau màu các loại.",
                "Cây lạc gieo trồng 230 ha.")
    assert got == {"6.420": "sown_area", "230": "crop_area"}


def test_a_class_noun_before_the_crop_still_makes_an_item():
    got = codes("Tổng diện tích gieo trồng được 9.800 ha, trong đó cây lương thực khoảng 5.100 ha.",
                "Cây chất bột có củ 640 ha.")
    assert got == {"9.800": "sown_area", "5.100": "crop_area", "640": "crop_area"}


def test_a_revenue_takes_the_sector_the_block_speaks_of():
    found = figures("Hoạt động vận tải ổn định; vận tải ước đạt 410 nghìn tấn hàng hóa; "
                    "doanh thu ước đạt 96,4 tỷ đồng, bằng 47,1% kế hoạch.")
    assert [f.indicator for f in found] == ["freight_volume", "transport_revenue", "transport_revenue"]


def test_a_subject_keeps_its_last_word_when_it_ends_like_a_link_word():
    found = figures("Tổng chi ngân sách nhà nước là 120 tỷ đồng.")
    assert found[0].subject == "Tổng chi ngân sách nhà nước"


def _phrasings() -> list[tuple[str, str]]:
    from tests.conftest import ROOT
    lines = (ROOT / "tests" / "indicator_phrasings.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [tuple(line.split("\t")) for line in lines if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def shipped_model():
    from extractors.figures import subject_model as sm
    p = sm.params()
    return sm.SubjectModel(sm.examples(), p.k, p.threshold) if p.enabled else None


@pytest.mark.parametrize("code, sentence", _phrasings())
def test_common_phrasings_name_their_indicator(code, sentence, shipped_model):
    from extractors.figures import subject_model as sm
    with sm.using(shipped_model):  # the shipped model, whatever CHITIEU_SUBJECT_MODEL says
        found = figures(sentence)
    assert found and found[0].indicator == code, [(f.raw_value, f.indicator) for f in found]


def test_table_rows_take_their_crop_from_the_row_label():
    table = ("| Chỉ tiêu | Đơn vị | Thực hiện |\n|---|---|---|\n"
             "| Diện tích gieo trồng | ha | 3.150 |\n| - Lúa | ha | 2.104 |\n| - Ngô | ha | 512 |\n"
             "| Diện tích gieo trồng lạc | ha | 86 |\n")
    found = figures(table)
    assert {f.raw_value: f.indicator for f in found} == {
        "3.150": "sown_area", "2.104": "crop_area", "512": "crop_area", "86": "crop_area"}


def test_a_sectors_share_after_its_production_value_is_the_economy_share():
    """"Giá trị sản xuất ngành X đạt N tỷ đồng, chiếm Y%": Y is the sector's share of the economy
    (lexicons/indicators.tsv rate_code), not a second production value."""
    found = codes("Giá trị sản xuất ngành nông, lâm nghiệp và thủy sản đạt 210,5 tỷ đồng, chiếm 31,2%; "
                  "ngành công nghiệp - xây dựng đạt 190 tỷ đồng, chiếm 28,1%.")
    assert found == {"210,5": "production_value_agriculture", "31,2": "economy_share_agriculture",
                     "190": "production_value_industry_construction",
                     "28,1": "economy_share_industry_construction"}
