"""The PDF reader's C and Python twins agree, and its cheaper reading order is the plain one.

Where the C extension `_pdfchars` is built, `pdf_words.page_words` runs its per-character loop
there (else in Python, `python_page_words`) and `pdf._ordinary_lines` gathers words into lines
there (else `pdf._python_lines`): both ways must give identical words (coordinates to the last
bit, texts to the character) and identical lines on every PDF at hand: the repository's own
fixtures and samples, generated reports, and glyph-by-glyph pages like signed PDFs'.
"""
from __future__ import annotations


import pypdfium2 as pdfium
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.ingest import pdf_words
from pipeline.ingest.pdf import _ordinary_lines, _python_lines, _reading_order

from .conftest import FIXTURES, ROOT
from .test_pdf_reader import SUBMISSION, _glyph_by_glyph_pdf


def _lines_agree(words: list) -> None:
    fast, fast_small = _ordinary_lines(list(words), 1)
    slow, slow_small = _python_lines(list(words), 1)
    assert [(ln.segments, ln.top, ln.bottom, ln.height, ln.centre) for ln in fast] == \
        [(ln.segments, ln.top, ln.bottom, ln.height, ln.centre) for ln in slow]
    assert fast_small == slow_small


def _pages_agree(data: bytes) -> int:
    """Words and lines of every page both ways; returns how many words there were."""
    pdf = pdfium.PdfDocument(data)
    try:
        n = 0
        for page in pdf:
            textpage, height = page.get_textpage(), page.get_height()
            text = pdf_words._page_text(textpage)
            fast = pdf_words.page_words(textpage, height)
            slow = pdf_words.python_page_words(textpage, text, height) if text else []
            assert fast == slow
            _lines_agree(fast)
            n += len(fast)
        return n
    finally:
        pdf.close()


@pytest.fixture(scope="module")
def compiled():
    if pdf_words._pdfchars is None:
        pytest.skip("the C extension _pdfchars is not built (no compiler at install): the Python loop is used")


def test_words_of_the_repository_pdfs_are_the_same_both_ways(compiled):
    paths = sorted([*FIXTURES.rglob("*.pdf"), *(ROOT / "data" / "raw").rglob("*.pdf")])
    if not paths:
        pytest.skip("no PDF fixtures built (make samples)")
    assert sum(_pages_agree(p.read_bytes()) for p in paths) > 1000


def test_words_of_generated_reports_are_the_same_both_ways(compiled, tmp_path):
    from pipeline.synth import synthesize
    from pipeline.synth.render import pdf_available

    if (missing := pdf_available()) is not None:
        pytest.skip(missing)
    synthesize(tmp_path, communes=2, years=range(2022, 2024), seed=13, formats=("pdf",))
    paths = sorted(tmp_path.rglob("*.pdf"))
    assert paths and sum(_pages_agree(p.read_bytes()) for p in paths) > 1000


def test_words_of_glyphs_placed_one_by_one_are_the_same_both_ways(compiled):
    small = [(x, y - 300, text, 7) for x, y, text in SUBMISSION]  # another size and baseline too
    assert _pages_agree(_glyph_by_glyph_pdf(SUBMISSION + small)) > 50


_coordinate = st.floats(min_value=-50, max_value=900, allow_nan=False) | st.sampled_from([10.0, 10.05, 10.15, 10.25])


@given(st.lists(st.tuples(_coordinate, _coordinate), max_size=60))
def test_reading_order_is_the_sort_by_rounded_top_then_x0(points):
    # Ties (equal rounded tops, equal x0) keep their order in both: words carry their index.
    words = [(x0, x0 + 5, top, top + 10, str(i)) for i, (top, x0) in enumerate(points)]
    assert _reading_order(words) == sorted(words, key=lambda s: (round(s[2], 1), s[0]))


_size = st.sampled_from([4.0, 9.5, 10.0, 12.0, 13.0])
_baseline = st.floats(min_value=100, max_value=130, allow_nan=False) | st.sampled_from([100.0, 112.0, 114.0])


@given(st.lists(st.tuples(_coordinate, _baseline, _size), max_size=80))
def test_lines_are_the_same_both_ways_on_crowded_pages(compiled, words):
    # Words of a few sizes on close and overlapping baselines: lines that grow as words join them.
    _lines_agree([(x0, x0 + 5, base - size, base, "w ") for x0, base, size in words])
