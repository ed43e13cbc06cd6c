from .conftest import document_from_text

REPORT = """BÁO CÁO
Tổng kết công tác năm 2024

Phần thứ nhất
KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2024
I. LĨNH VỰC KINH TẾ
1. Sản xuất nông nghiệp
Trong lĩnh vực trồng trọt: diện tích lúa cả năm đạt 640 ha.
Giá trị sản xuất ngành ước đạt 85,3 tỷ đồng.
1.1. Chăn nuôi: tổng đàn lợn 2.150 con.
a) Thủy sản
Sản lượng nuôi trồng đạt 120 tấn.
2. Công nghiệp - xây dựng
Giá trị sản xuất công nghiệp đạt 140 tỷ đồng.
II. VĂN HÓA - XÃ HỘI
Tỷ lệ hộ nghèo còn 1,9%.
"""


def _section_of(doc, needle):
    block = next(b for b in doc.blocks if needle in doc.block_text(b))
    return block.section


def test_blocks_know_their_heading_path():
    doc = document_from_text(REPORT)
    assert _section_of(doc, "Giá trị sản xuất ngành") == (
        "Phần thứ nhất KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2024",
        "I. LĨNH VỰC KINH TẾ",
        "1. Sản xuất nông nghiệp",
        "Trong lĩnh vực trồng trọt",
    )
    assert _section_of(doc, "Sản lượng nuôi trồng")[-2:] == ("1.1. Chăn nuôi", "a) Thủy sản")


def test_a_heading_closes_the_deeper_ones():
    doc = document_from_text(REPORT)
    assert _section_of(doc, "Giá trị sản xuất công nghiệp")[-1] == "2. Công nghiệp - xây dựng"
    assert _section_of(doc, "Tỷ lệ hộ nghèo") == (
        "Phần thứ nhất KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2024",
        "II. VĂN HÓA - XÃ HỘI",
    )


def test_heading_levels_are_recorded():
    doc = document_from_text(REPORT)
    levels = {doc.block_text(b): b.heading_level for b in doc.blocks if b.heading_level}
    assert levels["I. LĨNH VỰC KINH TẾ"] == 2
    assert levels["1. Sản xuất nông nghiệp"] == 3
    assert levels["a) Thủy sản"] == 6
