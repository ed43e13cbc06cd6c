"""Literal prefilters never change what a lexicon pattern finds; they only skip hopeless texts."""
from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.figures import catalogue as cat
from extractors.awards.lexicon import _forms as award_forms, _grantors, _recipients, _statuses
from extractors.text.needles import Filtered, FilteredGroup, lexicon_word_pattern, needles

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "sources"


@pytest.mark.parametrize("pattern, expected", [
    ("tỷ lệ hộ nghèo|hộ nghèo[^,;]{0,25}tỷ lệ", ("hộ nghèo",)),  # the longer needle holds the shorter
    ("thu NSNN|thu ngân sách", ("ngân sách", "nsnn")),  # lowered, as the text is; "thu " is weaker
    (r"\bCN\b", ("cn",)),
    ("(?:huy động )?vốn đầu tư", ("vốn đầu tư",)),  # an optional word is not required
    ("đàn (?:trâu|bò)", ("đàn ",)),
    ("(?:trâu|bò) giống", (" giống",)),
])
def test_needles_are_words_every_match_holds(pattern, expected):
    assert needles(pattern) == expected


@pytest.mark.parametrize("pattern", [
    "(?:số )?hộ|[0-9]+",  # an alternative with no literal: no filter
    r"\d+ ha",  # needle " ha" is blank-edged but fine; "\d+" alone would give none
    "x*",
    "(?<=về )",
])
def test_patterns_without_a_safe_needle_always_run(pattern):
    found = needles(pattern)
    assert found is None or all(n.strip() for n in found)
    assert needles("(?:số )?hộ|[0-9]+") is None


def test_syntax_only_the_regex_module_knows_gives_no_filter_not_an_error():
    assert needles(r"(?:hộ nghèo){e<=1}") is None
    assert Filtered(r"(?:hộ nghèo){e<=1}").needles is None


def _all_forms() -> list[Filtered]:
    forms = [f.pattern for f in (*cat.indicator_forms(), *cat.sector_forms(), *cat.family_forms(),
                                 *cat.qualifier_forms())]
    forms += [p for p, _ in award_forms()] + [p for p, _ in (*_grantors(), *_recipients(), *_statuses())]
    return forms


def _sentences() -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.md")))
    return [line for line in text.splitlines() if line.strip()][:400]


def _same(form: Filtered, text: str) -> bool:
    return [m.span() for m in form.finditer(text)] == [m.span() for m in form.regex.finditer(text)]


def test_every_lexicon_form_has_needles_and_finds_the_same_in_the_sample_reports():
    forms = _all_forms()
    assert sum(f.needles is not None for f in forms) >= 0.9 * len(forms)
    sentences = _sentences()
    assert sentences, "data/sources/ holds the sample reports"
    for text in sentences:
        lowered = text.lower()
        for form in forms:
            assert [m.span() for m in form.finditer(text, lowered)] == [m.span() for m in form.regex.finditer(text)]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["hộ", "nghèo", "Tỷ lệ", "THU", "NSNN", "ngân sách", "vốn", "đầu tư", "CN", "XD",
                                 "bằng khen", "Giấy khen", "UBND", "tỉnh", ",", ";", " ", "12", "%", "đàn", "bò"]),
                max_size=14))
def test_filtered_equals_unfiltered_on_any_mix_of_lexicon_words(words):
    text = " ".join(words)
    for form in _all_forms():
        assert _same(form, text)


def _group_same(group: FilteredGroup, text: str) -> bool:
    expected = [(i, m.span()) for i, form in enumerate(group.patterns) for m in form.regex.finditer(text)]
    return [(i, m.span()) for i, m in group.finditer(text)] == expected


def test_a_group_finds_what_its_patterns_find_one_by_one_in_the_sample_reports():
    group = FilteredGroup(_all_forms() + [Filtered("(?:số )?hộ|[0-9]+")])  # one pattern without needles
    for text in _sentences():
        assert _group_same(group, text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["hộ", "nghèo", "Tỷ lệ", "THU", "NSNN", "ngân sách", "CN", "công nghiệp", "XD",
                                 "bằng khen", "UBND", "lúa", ",", " ", "12", "%"]), max_size=14))
def test_a_group_equals_its_patterns_on_any_mix_of_lexicon_words(words):
    assert _group_same(FilteredGroup(_all_forms()), " ".join(words))


def test_word_pattern_matches_whole_words_only():
    form = lexicon_word_pattern("CN")
    assert [m.group(0) for m in form.finditer("ngành CN và CNTT")] == ["CN"]


def test_lazy_pattern_compiles_on_first_use_and_behaves_as_compiled():
    from extractors.text.patterns import lazy

    pattern = lazy(r"(?<!\p{L})thu ngân sách(?!\p{L})", regex.IGNORECASE)
    assert "search" not in vars(pattern)  # nothing compiled at import
    text = "Năm nay Thu ngân sách đạt 12 tỷ đồng; thu ngân sách xã tăng."
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in regex.finditer(
        r"(?<!\p{L})thu ngân sách(?!\p{L})", text, regex.IGNORECASE)]
    assert "search" in vars(pattern) and pattern.pattern.startswith("(?<!")


def test_filtered_compiles_only_when_a_needle_is_in_the_text():
    form = Filtered(r"hộ nghèo|hộ cận nghèo")
    assert list(form.finditer("Trồng mới 12 ha rừng")) == []
    assert form._compiled is None
    assert [m.group(0) for m in form.finditer("còn 35 hộ nghèo")] == ["hộ nghèo"]


def test_group_finds_short_texts_as_the_patterns_do():
    group = FilteredGroup([Filtered(r"lúa"), Filtered(r"cây ăn quả"), Filtered(r"ngô")])
    for text in ("ngô", "lúa, ngô", "cây ăn quả và lúa", "", "ha"):
        expected = [(i, m.span()) for i, p in enumerate(group.patterns) for m in p.regex.finditer(text)]
        assert [(i, m.span()) for i, m in group.finditer(text)] == expected
