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
