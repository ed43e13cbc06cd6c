"""Tying reporting units to official units (vietnamadminunits' data), offline."""
import socket

import pytest

from pipeline.gazetteer import comparison_unit, fold, gazetteer, levenshtein

from .conftest import document_from_text


def report(place: str, body: str, header: str = "") -> str:
    return f"{header}Số: 12/BC-UBND\n{place}, ngày 5 tháng 12 năm 2023\nBÁO CÁO\nTổng kết năm 2023\n{body}\n"


def test_fold_ignores_case_marks_and_tone_typos():
    assert fold("Thị trấn Hà Trung") == "thitranhatrung"
    assert fold("Trục Ninh") == fold("Trực Ninh")


def test_levenshtein():
    assert levenshtein("hatrung", "hatung") == 1
    assert levenshtein("", "abc") == 3


@pytest.mark.parametrize("text, expected", [
    # a town named in its place line and in the text, its district named by an addressee
    (report("Thị trấn Quán Lào", "UBND thị trấn Quán Lào báo cáo; UBND huyện Yên Định chỉ đạo."),
     ("Quán Lào", "Yên Định", "Thanh Hóa")),
    # the district written with a tone typo still resolves, and the official spelling replaces it
    (report("Cát Thành", "UBND thị trấn Cát Thành báo cáo theo kế hoạch của UBND huyện Trục Ninh."),
     ("Cát Thành", "Trực Ninh", "Nam Định")),
])
def test_communes_resolve_with_code_and_parents(text, expected):
    meta = document_from_text(text).meta
    assert (meta.locality, meta.district, meta.province) == expected
    assert meta.resolution == "gazetteer" and meta.unit_code and meta.n_candidates == 1
    assert meta.district_source == "gazetteer" and meta.province_source == "gazetteer"


def test_a_district_level_report_gets_its_province():
    meta = document_from_text(report("Triệu Sơn", "UBND huyện Triệu Sơn báo cáo kết quả của toàn huyện.")).meta
    assert (meta.admin_level, meta.province, meta.district) == ("district", "Thanh Hóa", None)
    assert meta.unit_code == "397"


def test_an_ambiguous_name_is_left_unresolved_with_its_count():
    """Two communes named Tân Việt in Hải Dương: the province is shared, the district is not."""
    meta = document_from_text(report("Tân Việt", "UBND xã Tân Việt báo cáo; Đảng bộ tỉnh Hải Dương chỉ đạo.")).meta
    assert meta.resolution == "ambiguous" and meta.n_candidates == 2
    assert meta.district is None and meta.unit_code is None
    assert meta.province == "Hải Dương"


def test_a_former_name_resolves_to_the_unit_it_merged_into():
    meta = document_from_text(report("Đồng Tân", "UBND xã Đồng Tân báo cáo; xây dựng huyện Hiệp Hòa giàu đẹp.")).meta
    assert (meta.district, meta.province, meta.unit_code) == ("Hiệp Hòa", "Bắc Giang", "07816")
    assert meta.locality == "Đồng Tân" and "Đồng Tiến" in meta.unit_note


def test_a_typo_within_the_named_district_is_tolerated():
    meta = document_from_text(report("Hà Tung", "UBND thị trấn Hà Tung báo cáo; UBND huyện Hà Trung chỉ đạo.")).meta
    assert (meta.unit_code, meta.district) == ("15271", "Hà Trung")


def test_a_unit_outside_the_named_district_is_not_taken():
    meta = document_from_text(report("Phú Lộc", "UBND xã Phú Lộc báo cáo; UBND huyện Cẩm Thủy chỉ đạo.")).meta
    assert meta.resolution == "not_found" and meta.unit_code is None
    assert meta.district == "Cẩm Thủy" and meta.district_source == "text"


def test_the_2025_successor_and_a_comparison_unit_across_the_reform():
    meta = document_from_text(report("Cát Thành", "UBND thị trấn Cát Thành báo cáo; UBND huyện Trực Ninh.")).meta
    assert meta.unit_code_2025 and meta.commune_2025 and meta.province_2025 == "Ninh Bình"
    assert meta.comparison_unit_id and meta.comparison_unit_id.startswith("cu")


def test_a_split_commune_lists_every_successor():
    g = gazetteer()
    split = next(key for key, targets in g.successors.items() if len({t.code for t, _ in targets}) > 1)
    commune = next(c for c in g.communes if c.key == split)
    successors = g.successors[split]
    assert sum(1 for _, default in successors if default) >= 1
    # all of them share one comparison unit with every predecessor of theirs
    group = comparison_unit(commune)
    for new, _ in successors:
        for old in g.predecessors[new.code]:
            other = next(c for c in g.communes if c.key == old)
            assert comparison_unit(other) == group


def test_resolution_never_touches_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    meta = document_from_text(report("Cát Thành", "UBND thị trấn Cát Thành báo cáo; UBND huyện Trực Ninh.")).meta
    assert meta.unit_code == "14056"


def test_the_prebuilt_gazetteer_is_the_built_one(tmp_path, monkeypatch):
    """The pickle kept in the cache folder loads back to the same gazetteer the data builds, and
    a later version's pickle replaces an earlier one's."""
    from pipeline import gazetteer as gz

    monkeypatch.setenv(gz.CACHE_ENV, str(tmp_path))
    (tmp_path / "gazetteer-0000000000000000.pickle").write_bytes(b"an earlier version")
    gz.gazetteer.cache_clear()
    try:
        built = gz.gazetteer()
        assert [p.name for p in tmp_path.iterdir()] == [gz._prebuilt_path(gz.data_dir()).name]
        gz.gazetteer.cache_clear()
        loaded = gz.gazetteer()
        assert loaded is not built
        assert loaded.communes == built.communes and dict(loaded.by_name) == dict(built.by_name)
        assert loaded.successors == built.successors and loaded.province_2025 == built.province_2025
    finally:
        gz.gazetteer.cache_clear()


# -- what the text says is a constraint (issue 18, points 2 and 3) --------------------------

def dated_report(place: str, body: str, day: str) -> str:
    return f"Số: 31/BC-UBND\n{place}, ngày {day}\nBÁO CÁO\nKết quả công tác\n{body}\n"


def test_a_post_reform_name_is_looked_up_among_post_reform_units():
    """Written in December 2025: "xã Hoằng Hóa" is the commune formed on 1 July 2025, not the
    pre-reform Hoàng Hoa of another province that the folded name alone would give."""
    text = dated_report("Hoằng Hóa", "UBND xã Hoằng Hóa, tỉnh Thanh Hóa báo cáo kết quả sau sáp nhập.",
                        "12 tháng 12 năm 2025")
    meta = document_from_text(text).meta
    assert (meta.locality, meta.province, meta.province_source) == ("Hoằng Hóa", "Thanh Hóa", "gazetteer")
    assert meta.resolution == "gazetteer" and meta.unit_code == "15865" == meta.unit_code_2025
    assert meta.district is None and "post-reform" in meta.unit_note
    assert meta.comparison_unit_id and meta.comparison_unit_id.startswith("cu")


def test_a_candidate_outside_the_named_province_is_never_taken():
    """Before the reform no commune of Thanh Hóa is called Hoằng Hóa: the one candidate the
    folded name has (in Vĩnh Phúc) is not this one, and the province stays the text's."""
    text = dated_report("Hoằng Hóa", "UBND xã Hoằng Hóa, tỉnh Thanh Hóa báo cáo kết quả năm 2023.",
                        "20 tháng 12 năm 2023")
    meta = document_from_text(text).meta
    assert meta.resolution == "not_found" and meta.unit_code is None
    assert (meta.province, meta.province_source) == ("Thanh Hóa", "text")


@pytest.mark.parametrize("name, code", [("Hoằng Thành", "15961"), ("Hoằng Thanh", "16000")])
def test_accents_tell_two_communes_of_one_district_apart(name, code):
    body = f"UBND xã {name} báo cáo; UBND huyện Hoằng Hóa chỉ đạo sát sao."
    meta = document_from_text(dated_report(name, body, "18 tháng 12 năm 2023")).meta
    assert (meta.resolution, meta.unit_code, meta.locality) == ("gazetteer", code, name)
    assert meta.district == "Hoằng Hóa" and meta.province == "Thanh Hóa"


def test_a_name_written_without_accents_resolves_only_when_it_leaves_one_candidate():
    two = document_from_text(dated_report("Hoang Thanh", "UBND xã Hoang Thanh báo cáo; UBND huyện Hoằng Hóa.",
                                          "18 tháng 12 năm 2023")).meta
    assert (two.resolution, two.n_candidates, two.unit_code) == ("ambiguous", 2, None)
    one = document_from_text(dated_report("Quan Lao", "UBND thị trấn Quan Lao báo cáo; UBND huyện Yên Định.",
                                          "18 tháng 12 năm 2023")).meta
    assert (one.resolution, one.unit_code) == ("gazetteer", "15469")


def test_the_exact_key_keeps_accents_and_drops_case_spacing_and_old_tone_placement():
    from pipeline.gazetteer import _official_key, name_key

    assert name_key("  Hoằng   THÀNH ") == "hoằng thành" != name_key("Hoằng Thanh")
    assert _official_key("Hoà Bình") == name_key("Hòa Bình")


def test_eras_follow_the_date_of_the_reform():
    from extractors.metadata.unit_resolution import eras
    from pipeline.model import DocumentMeta

    assert eras(DocumentMeta(issued_date="2025-08-02")) == ("post", "pre")
    assert eras(DocumentMeta(issued_date="2025-06-30")) == ("pre",)
    assert eras(DocumentMeta(period_year=2026)) == ("post", "pre")
    assert eras(DocumentMeta()) == ("pre", "post")
