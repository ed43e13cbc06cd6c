import unicodedata

import pytest

from pipeline.normalize import modern_tone_placement, normalize_text


@pytest.mark.parametrize(
    "old, new",
    [
        ("hoá", "hóa"), ("Hoà Bình", "Hòa Bình"), ("uỷ ban", "ủy ban"), ("thuỷ lợi", "thủy lợi"),
        ("khoẻ", "khỏe"), ("xã hội hoá", "xã hội hóa"), ("HOÁ", "HÓA"), ("tuỳ", "tùy"), ("hoạ", "họa"),
    ],
)
def test_old_tone_placement_becomes_modern(old, new):
    assert modern_tone_placement(old) == new


@pytest.mark.parametrize("word", ["quý", "quỷ", "hoàn", "thuyền", "Huỳnh", "ngoài", "của", "giúp", "thuở"])
def test_words_spelled_alike_in_both_styles_are_kept(word):
    assert modern_tone_placement(word) == word


def test_nfd_input_comes_out_nfc():
    decomposed = unicodedata.normalize("NFD", "Báo cáo tổng kết năm 2023")
    assert normalize_text(decomposed) == "Báo cáo tổng kết năm 2023"


def test_spaces_quotes_and_invisible_characters_are_unified():
    assert normalize_text("tăng\u00a0\u00a012%\u200b, “thi đua”\tyêu nước") == 'tăng 12%, "thi đua" yêu nước'


def test_runs_glued_on_export_get_their_line_breaks_back():
    text = normalize_text("KẾ HOẠCHPhát động thi đua năm 2025II. NHIỆM VỤ")
    assert text.split("\n") == ["KẾ HOẠCH", "Phát động thi đua năm 2025", "II. NHIỆM VỤ"]


def test_abbreviations_are_not_split():
    text = "UBND xã, HĐTĐKT thị trấn, MTTQ, Nghị định 98/2023/NĐ-CP"
    assert normalize_text(text) == text
