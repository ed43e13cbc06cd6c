"""Words of a PDF page, built from pdfium's characters rather than its text segments.

pdfium's own segments (`count_rects`/`get_text_bounded`) follow the PDF's show-text operators.
Word processors that place glyphs one by one (and the signing tools that rewrite such files)
give segments of a letter or two, boxes that overlap, and marks such as a hyphen or a closing
letter in boxes of their own height, so a segment-based reader takes "Về việc" apart as
"Về việ c", repeats letters where boxes overlap ("THUẬNẬN") and drops the hyphen of
"253/TTr-SNV" onto a line of its own.

Here each character is read with its *loose* box (the font's ascent to descent, the same for
every glyph of a font, where the tight box of a hyphen is a sliver), and characters are
joined into words in content order:
- a space character (written or inferred by pdfium) ends a word;
- so does a gap wider than `WORD_GAP` of the font height, a step back, or a change of baseline;
- a word's box is its baseline band at its font size (pdfium's font size times the text matrix'
  scale), so an accented capital or a descender does not make it taller or lower than its
  neighbours (some fonts have no ascent and descent: their "loose" box is the tight one).

That loop runs once per character of every page (about 2,000 a page), with a ctypes call or more
per character: in Python it was most of the PDF reader's time. `_pdfchars`, a small C extension
built with the package where a compiler is there (setup.py, optional), runs the same loop on the
same pdfium functions (it is given their addresses, so it links nothing) and gives the same
words; `python_page_words` is the loop in Python, used where the extension is not built, and
`tests/test_pdf_words.py` checks that both give identical words.
"""
from __future__ import annotations

import ctypes

import pypdfium2.raw as pdfium_c

try:
    from . import _pdfchars
except ImportError:  # built without a C compiler: the Python loop below
    _pdfchars = None
compiled = _pdfchars  # (the layout's line step, `pdf._ordinary_lines`, has a C twin in it too)

WORD_GAP = 0.22  # font sizes of empty space that separate two words with no space character
BACKSTEP = 0.5  # font sizes: a glyph this far left of the previous one starts a new word (a new run)
BASELINE_SHIFT = 0.3  # font sizes between glyph bottoms: another baseline (superscript, other line)
ASCENT = 0.75  # share of the font size above the baseline in a word's box
_SPACES = " \u00a0\t\u3000\u2002\u2003\u2009"
_CONTROLS = 32  # characters below this code (line breaks, control characters) end a word, no space
_ENDS_WORD = frozenset(_SPACES) | {chr(code) for code in range(_CONTROLS)}
# What the C loop calls, by address (pypdfium2 has loaded pdfium; the extension links nothing).
_FUNCTIONS = tuple(ctypes.cast(f, ctypes.c_void_p).value for f in (
    pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_IsGenerated, pdfium_c.FPDFText_GetFontSize,
    pdfium_c.FPDFText_GetMatrix, pdfium_c.FPDFText_GetCharOrigin))

Word = tuple[float, float, float, float, str]


def page_words(textpage, height: float) -> list[Word]:
    """(x0, x1, top, bottom, text) per word, top-down coordinates; a word followed by a space
    character keeps it as a trailing " " (a written space's width counts in x1)."""
    text = _page_text(textpage)
    if not text:
        return []
    if _pdfchars is None:
        return python_page_words(textpage, text, height)
    return _pdfchars.page_words(ctypes.cast(textpage.raw, ctypes.c_void_p).value, text, height, _FUNCTIONS,
                                _SPACES, _CONTROLS, WORD_GAP, BACKSTEP, BASELINE_SHIFT, ASCENT)


def _page_text(textpage) -> str:
    """The page's characters, one per char index of pdfium's text page."""
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return ""
    text = textpage.get_text_range()
    if len(text) != count:  # pdfium left chars out of its text view: ask char by char
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))
    return text


def python_page_words(textpage, text: str, height: float) -> list[Word]:
    """`page_words` in Python: the fallback where `_pdfchars` is not built, and its reference.

    It reads each pdfium value once into a local and compares against limits set when a word
    starts (it runs once per character)."""
    raw = textpage.raw
    rect, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    loose_box, is_generated = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_IsGenerated
    font_size, text_matrix, char_origin = pdfium_c.FPDFText_GetFontSize, pdfium_c.FPDFText_GetMatrix, \
        pdfium_c.FPDFText_GetCharOrigin
    ends_word, spaces = _ENDS_WORD, frozenset(_SPACES)
    words: list[Word] = []
    chars: list[str] = []
    x0 = x1 = prev_bottom = baseline = size = 0.0
    max_gap = max_backstep = max_shift = 0.0  # the current word's limits, in points

    def flush(space: bool) -> None:
        if chars:
            words.append((x0, x1, height - baseline - ASCENT * size, height - baseline + (1 - ASCENT) * size,
                          "".join(chars) + (" " if space else "")))
            chars.clear()
        elif space and words and not words[-1][4].endswith(" "):
            words[-1] = (*words[-1][:4], words[-1][4] + " ")

    for i, char in enumerate(text):
        if char in ends_word:
            if char in spaces:  # a space ends a word; a written one is part of its width
                if chars and not is_generated(raw, i) and loose_box(raw, i, rect) and rect.right > x1:
                    x1 = rect.right
                flush(space=True)
            else:  # a line break (pdfium's own) or a control character: the word ends, no space
                flush(space=False)
            continue
        if not loose_box(raw, i, rect):
            continue
        left, right, bottom = rect.left, rect.right, rect.bottom
        if right <= left and rect.top <= bottom:
            continue
        if chars:
            gap = left - x1
            if gap > max_gap or gap < max_backstep or abs(bottom - prev_bottom) > max_shift:
                flush(space=False)
            elif right > x1:
                x1 = right
        if not chars:  # a word starts: its baseline and font size
            size = font_size(raw, i)
            if text_matrix(raw, i, matrix):
                size *= abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
            if size < 1.0:  # no usable font size: the glyph's own box
                size = max(rect.top - bottom, 1.0)
            max_gap, max_backstep, max_shift = WORD_GAP * size, -BACKSTEP * size, BASELINE_SHIFT * size
            baseline = origin_y.value if char_origin(raw, i, origin_x, origin_y) else bottom
            x0, x1 = left, right
        prev_bottom = bottom
        chars.append(char)
    flush(space=False)
    return words
