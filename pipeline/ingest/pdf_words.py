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
"""
from __future__ import annotations

import ctypes
from array import array

import pypdfium2.raw as pdfium_c

WORD_GAP = 0.22  # font sizes of empty space that separate two words with no space character
BACKSTEP = 0.5  # font sizes: a glyph this far left of the previous one starts a new word (a new run)
BASELINE_SHIFT = 0.3  # font sizes between glyph bottoms: another baseline (superscript, other line)
ASCENT = 0.75  # share of the font size above the baseline in a word's box
_SPACES = frozenset(" \u00a0\t\u3000\u2002\u2003\u2009")
_ENDS_WORD = _SPACES | {chr(code) for code in range(32)}  # spaces, line breaks, control characters
_END_CODES = sorted(ord(c) for c in _ENDS_WORD)


def _by_address(function, *argtypes):
    """`function` of pypdfium2.raw called with plain addresses: its own prototype converts and
    type-checks every pointer argument, which is most of a call's cost in a loop over characters."""
    return ctypes.CFUNCTYPE(ctypes.c_int, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


_LOOSE_BOX = _by_address(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
_IS_GENERATED = _by_address(pdfium_c.FPDFText_IsGenerated, ctypes.c_void_p, ctypes.c_int)
_FONT_SIZE = ctypes.CFUNCTYPE(ctypes.c_double, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetFontSize, ctypes.c_void_p).value)
_MATRIX = _by_address(pdfium_c.FPDFText_GetMatrix, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
_ORIGIN = _by_address(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
_RECT_BYTES = ctypes.sizeof(pdfium_c.FS_RECTF)  # left, top, right, bottom as 4-byte floats


def _loose_boxes(raw_address: int, count: int) -> tuple[list[int], array]:
    """Every character's loose box in one sweep: (found?, [left, top, right, bottom, ...]).

    The boxes are written by pdfium straight into one array of 4-byte floats (the same float32
    values a `FS_RECTF` field gives)."""
    boxes = array("f", bytes(_RECT_BYTES * count))
    base = boxes.buffer_info()[0]
    loose_box = _LOOSE_BOX
    found = [loose_box(raw_address, i, base + _RECT_BYTES * i) for i in range(count)]
    return found, boxes


def _font_size(address: int, i: int, matrix, top: float, bottom: float) -> float:
    """The font size of character i: pdfium's size times its text matrix' scale (or the glyph's
    own box height where pdfium knows no usable size)."""
    size = _FONT_SIZE(address, i)
    if _MATRIX(address, i, ctypes.addressof(matrix)):
        size *= abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
    return size if size >= 1.0 else max(top - bottom, 1.0)


def _baseline(address: int, i: int, origin, bottom: float) -> float:
    """The y of character i's origin (its baseline), else its box' bottom."""
    at = ctypes.addressof(origin)
    return origin[1] if _ORIGIN(address, i, at, at + 8) else bottom


class _Words:
    """The words of one page, built run by run (a run: the characters between two spaces or
    line breaks). A run's characters are joined one by one (`scan`) unless `_clean_runs` showed
    that the run is one word whatever its font size turns out to be below limits (`whole`)."""

    def __init__(self, textpage, height: float, text: str, found: list[int], boxes: array) -> None:
        self.raw, self.height, self.text, self.found, self.array = textpage.raw, height, text, found, boxes
        self.address = ctypes.cast(self.raw, ctypes.c_void_p).value
        self._boxes: list[float] | None = None
        self.words: list[tuple[float, float, float, float, str]] = []
        self.chars: list[str] = []
        self.x0 = self.x1 = self.prev_bottom = self.baseline = self.size = 0.0
        self.matrix, self.origin = pdfium_c.FS_MATRIX(), (ctypes.c_double * 2)()

    @property
    def boxes(self) -> list[float]:
        if self._boxes is None:
            self._boxes = self.array.tolist()
        return self._boxes

    def flush(self, space: bool) -> None:
        words = self.words
        if self.chars:
            baseline, size = self.baseline, self.size
            words.append((self.x0, self.x1, self.height - baseline - ASCENT * size,
                          self.height - baseline + (1 - ASCENT) * size, "".join(self.chars) + (" " if space else "")))
            self.chars.clear()
        elif space and words and not words[-1][4].endswith(" "):
            words[-1] = (*words[-1][:4], words[-1][4] + " ")

    def font(self, i: int, top: float, bottom: float) -> float:
        """The font size of character i (pdfium's size times its text matrix' scale)."""
        return _font_size(self.address, i, self.matrix, top, bottom)

    def begin(self, i: int, left: float, right: float, bottom: float, size: float) -> None:
        """A word starts at character i: its baseline and font size."""
        self.size = size
        self.baseline = _baseline(self.address, i, self.origin, bottom)
        self.x0, self.x1 = left, right

    def end(self, i: int) -> None:
        """Character i ends a word: a space (a written one is part of its width) or a line break."""
        if self.text[i] in _SPACES:
            if self.chars and self.found[i]:
                right = self.boxes[4 * i + 2]
                if right > self.x1 and not _IS_GENERATED(self.address, i):
                    self.x1 = right
            self.flush(space=True)
        else:  # a line break (pdfium's own) or a control character: the word ends, no space
            self.flush(space=False)

    def scan(self, start: int, stop: int) -> None:
        """Characters start..stop-1 joined one by one: a gap, a step back or a change of baseline
        ends a word; characters without a box are passed over."""
        found, boxes, text, chars = self.found, self.boxes, self.text, self.chars
        max_gap = max_backstep = max_shift = 0.0  # the current word's limits, in points
        for i in range(start, stop):
            if not found[i]:
                continue
            k = 4 * i
            left, top, right, bottom = boxes[k:k + 4]
            if right <= left and top <= bottom:
                continue
            if chars:
                gap = left - self.x1
                if gap > max_gap or gap < max_backstep or abs(bottom - self.prev_bottom) > max_shift:
                    self.flush(space=False)
                elif right > self.x1:
                    self.x1 = right
            if not chars:
                size = self.font(i, top, bottom)
                max_gap, max_backstep, max_shift = WORD_GAP * size, -BACKSTEP * size, BASELINE_SHIFT * size
                self.begin(i, left, right, bottom, size)
            self.prev_bottom = bottom
            chars.append(text[i])


def _clean_runs(text: str, found: list[int], boxes: array):
    """The runs of a page (start, stop, end character or -1) and, for each, the limits a font
    size must satisfy for it to be one word: (first box, largest gap, smallest gap, largest
    baseline shift), or None where the run must be scanned character by character (a character
    without a box, a right edge that steps back).

    Computed with numpy over the whole page at once; the comparisons are those of `_Words.scan`
    on the same float values, so both ways give the same words."""
    import numpy as np

    count = len(text)
    box = np.frombuffer(boxes, dtype=np.float32).reshape(count, 4).astype(np.float64)
    left, top, right, bottom = box[:, 0], box[:, 1], box[:, 2], box[:, 3]
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    ends = np.isin(codes, _END_CODES)
    bad = ~np.asarray(found, dtype=bool) | ((right <= left) & (top <= bottom))
    bad_before = np.concatenate(([0], np.cumsum(bad)))
    # pair j: character j-1 then j
    gap = np.empty(count + 1)
    gap[0] = gap[count] = 0.0
    gap[1:count] = left[1:] - right[:-1]
    shift = np.zeros(count + 1)
    shift[1:count] = np.abs(bottom[1:] - bottom[:-1])
    back = np.zeros(count + 1, dtype=np.int64)
    back[1:count] = right[1:] < right[:-1]
    back_before = np.concatenate(([0], np.cumsum(back)))
    end_at = np.flatnonzero(ends)
    starts = np.concatenate(([0], end_at + 1))
    stops = np.concatenate((end_at, [count]))
    multi = np.flatnonzero(stops - starts >= 2)
    limits: dict[int, tuple[float, float, float]] = {}
    if len(multi):
        bounds = np.empty(2 * len(multi), dtype=np.int64)
        bounds[0::2], bounds[1::2] = starts[multi] + 1, stops[multi]
        largest = np.maximum.reduceat(gap, bounds)[0::2].tolist()
        smallest = np.minimum.reduceat(gap, bounds)[0::2].tolist()
        shifts = np.maximum.reduceat(shift, bounds)[0::2].tolist()
        limits = dict(zip(multi.tolist(), zip(largest, smallest, shifts)))
    clean = ((bad_before[stops] - bad_before[starts]) == 0) & \
        ((back_before[stops] - back_before[np.minimum(starts + 1, stops)]) == 0)
    return starts.tolist(), stops.tolist(), clean.tolist(), limits, left.tolist(), top.tolist(), right.tolist(), \
        bottom.tolist()


def page_words(textpage, height: float) -> list[tuple[float, float, float, float, str]]:
    """(x0, x1, top, bottom, text) per word, top-down coordinates; a word followed by a space
    character keeps it as a trailing " " (a written space's width counts in x1).

    The boxes of all characters are read first, in bulk (`_loose_boxes`), and sized up page-wide
    (`_clean_runs`): a run between two spaces whose characters sit side by side on one baseline
    is one word, known from its first character's font size without a Python step per character
    (most runs); the others are joined character by character (`_Words.scan`)."""
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return []
    text = textpage.get_text_range()
    if len(text) != count:  # pdfium left chars out of its text view: ask char by char
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))
    found, boxes = _loose_boxes(ctypes.cast(raw, ctypes.c_void_p).value, count)
    builder = _Words(textpage, height, text, found, boxes)
    starts, stops, clean, limits, lefts, tops, rights, bottoms = _clean_runs(text, found, boxes)
    address, matrix, origin, words, spaces = builder.address, builder.matrix, builder.origin, builder.words, _SPACES
    for run, (start, stop, whole) in enumerate(zip(starts, stops, clean)):
        if start < stop:
            if whole:  # likely one word: unless its font is too small for its gaps
                size = _font_size(address, start, matrix, tops[start], bottoms[start])
                if stop - start > 1:
                    largest, smallest, shift = limits[run]
                    whole = largest <= WORD_GAP * size and smallest >= -BACKSTEP * size and shift <= BASELINE_SHIFT * size
            if not whole:
                builder.scan(start, stop)
                if stop < count:
                    builder.end(stop)
                continue
            # the run is one word; a written space after it is part of its width
            x1 = rights[stop - 1]
            space = stop < count and text[stop] in spaces
            if space and found[stop] and rights[stop] > x1 and not _IS_GENERATED(address, stop):
                x1 = rights[stop]
            baseline = _baseline(address, start, origin, bottoms[start])
            words.append((lefts[start], x1, height - baseline - ASCENT * size, height - baseline + (1 - ASCENT) * size,
                          text[start:stop] + " " if space else text[start:stop]))
        elif stop < count:
            builder.end(stop)
    builder.flush(space=False)
    return words
