/* The per-character loop of pdf_words.page_words, in C (optional: pdf_words falls back to its
 * Python loop when this module is not built).
 *
 * That loop makes one or more ctypes calls per character (~2,000 a page) and was most of the
 * PDF reader's time. This module does not link pdfium: Python passes it the addresses of the
 * pdfium functions pypdfium2 has loaded and the text page's handle, so it works with whichever
 * pdfium build pypdfium2 ships. It must give exactly the words the Python loop gives (the same
 * float operations in the same order, in double precision: compiled with -ffp-contract=off so
 * no multiply-add is fused); tests/test_pdf_words.py compares the two.
 *
 * GPL-3.0-or-later, like the rest of chitieu.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct { float left, top, right, bottom; } FS_RECTF;
typedef struct { float a, b, c, d, e, f; } FS_MATRIX;
typedef void *FPDF_TEXTPAGE;

typedef int (*loose_box_fn)(FPDF_TEXTPAGE, int, FS_RECTF *);
typedef int (*is_generated_fn)(FPDF_TEXTPAGE, int);
typedef double (*font_size_fn)(FPDF_TEXTPAGE, int);
typedef int (*matrix_fn)(FPDF_TEXTPAGE, int, FS_MATRIX *);
typedef int (*origin_fn)(FPDF_TEXTPAGE, int, double *, double *);

typedef struct {
    double x0, x1, top, bottom;
    Py_ssize_t start, length;  /* the word's characters in the shared buffer */
    int space;                 /* followed by a space character: text gets a trailing " " */
} Word;

typedef struct {
    Word *items;
    Py_ssize_t n, cap;
} Words;

static int push_word(Words *words, Word word) {
    if (words->n == words->cap) {
        Py_ssize_t cap = words->cap ? 2 * words->cap : 256;
        Word *items = realloc(words->items, (size_t)cap * sizeof(Word));
        if (items == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        words->items = items;
        words->cap = cap;
    }
    words->items[words->n++] = word;
    return 0;
}

static int in_string(PyObject *set, Py_UCS4 ch) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(set);
    int kind = PyUnicode_KIND(set);
    const void *data = PyUnicode_DATA(set);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyUnicode_READ(kind, data, i) == ch) return 1;
    }
    return 0;
}

static PyObject *words_list(const Words *words, const Py_UCS4 *chars) {
    PyObject *out = PyList_New(words->n);
    if (out == NULL) return NULL;
    for (Py_ssize_t k = 0; k < words->n; k++) {
        const Word *w = &words->items[k];
        /* the narrowest string kind that holds the word, as "".join() gives */
        Py_UCS4 widest = w->space ? ' ' : 0;
        for (Py_ssize_t j = 0; j < w->length; j++) {
            if (chars[w->start + j] > widest) widest = chars[w->start + j];
        }
        PyObject *text = PyUnicode_New(w->length + (w->space ? 1 : 0), widest);
        if (text == NULL) goto fail;
        int kind = PyUnicode_KIND(text);
        void *data = PyUnicode_DATA(text);
        for (Py_ssize_t j = 0; j < w->length; j++) PyUnicode_WRITE(kind, data, j, chars[w->start + j]);
        if (w->space) PyUnicode_WRITE(kind, data, w->length, ' ');
        PyObject *item = Py_BuildValue("(ddddN)", w->x0, w->x1, w->top, w->bottom, text);
        if (item == NULL) goto fail;
        PyList_SET_ITEM(out, k, item);
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* page_words(textpage, text, height, functions, spaces, controls, word_gap, backstep, baseline_shift, ascent)
 *   textpage: the FPDF_TEXTPAGE handle's address; text: the page's characters, one per char index;
 *   functions: addresses of FPDFText_GetLooseCharBox, FPDFText_IsGenerated, FPDFText_GetFontSize,
 *   FPDFText_GetMatrix, FPDFText_GetCharOrigin; spaces: the characters that are spaces; controls:
 *   characters below this code end a word without a space. */
static PyObject *page_words(PyObject *self, PyObject *args) {
    unsigned long long handle, f_box, f_generated, f_size, f_matrix, f_origin;
    PyObject *text, *spaces;
    unsigned int controls;
    double height, word_gap, backstep, baseline_shift, ascent;
    (void)self;
    if (!PyArg_ParseTuple(args, "KUd(KKKKK)UIdddd", &handle, &text, &height, &f_box, &f_generated, &f_size,
                          &f_matrix, &f_origin, &spaces, &controls, &word_gap, &backstep, &baseline_shift, &ascent))
        return NULL;
    if (handle == 0 || !f_box || !f_generated || !f_size || !f_matrix || !f_origin) {
        PyErr_SetString(PyExc_ValueError, "null text page or pdfium function");
        return NULL;
    }
    FPDF_TEXTPAGE raw = (FPDF_TEXTPAGE)(uintptr_t)handle;
    loose_box_fn loose_box = (loose_box_fn)(uintptr_t)f_box;
    is_generated_fn is_generated = (is_generated_fn)(uintptr_t)f_generated;
    font_size_fn font_size = (font_size_fn)(uintptr_t)f_size;
    matrix_fn text_matrix = (matrix_fn)(uintptr_t)f_matrix;
    origin_fn char_origin = (origin_fn)(uintptr_t)f_origin;

    Py_ssize_t count = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_UCS4 *chars = PyMem_Malloc((size_t)(count > 0 ? count : 1) * sizeof(Py_UCS4));
    if (chars == NULL) return PyErr_NoMemory();
    Words words = {NULL, 0, 0};
    PyObject *result = NULL;

    Py_ssize_t n_chars = 0, start = 0;  /* the current word: chars[start:n_chars] */
    double x0 = 0, x1 = 0, prev_bottom = 0, baseline = 0, size = 0;
    double max_gap = 0, max_backstep = 0, max_shift = 0;
    FS_RECTF rect;
    FS_MATRIX matrix;
    double origin_x, origin_y;

#define FLUSH(with_space)                                                                              \
    do {                                                                                               \
        if (n_chars > start) {                                                                         \
            Word w = {x0, x1, height - baseline - ascent * size, height - baseline + (1 - ascent) * size, \
                      start, n_chars - start, (with_space)};                                           \
            if (push_word(&words, w) < 0) goto done;                                                   \
            start = n_chars;                                                                           \
        } else if ((with_space) && words.n && !words.items[words.n - 1].space) {                       \
            words.items[words.n - 1].space = 1;                                                        \
        }                                                                                              \
    } while (0)

    for (Py_ssize_t i = 0; i < count; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        int index = (int)i;
        int is_space = in_string(spaces, ch);
        if (is_space || ch < controls) {
            if (is_space) {
                if (n_chars > start && !is_generated(raw, index) && loose_box(raw, index, &rect) &&
                    (double)rect.right > x1)
                    x1 = rect.right;
                FLUSH(1);
            } else {
                FLUSH(0);
            }
            continue;
        }
        if (!loose_box(raw, index, &rect)) continue;
        double left = rect.left, right = rect.right, bottom = rect.bottom, top = rect.top;
        if (right <= left && top <= bottom) continue;
        if (n_chars > start) {
            double gap = left - x1;
            if (gap > max_gap || gap < max_backstep || fabs(bottom - prev_bottom) > max_shift) {
                FLUSH(0);
            } else if (right > x1) {
                x1 = right;
            }
        }
        if (n_chars == start) {  /* a word starts: its baseline and font size */
            size = font_size(raw, index);
            if (text_matrix(raw, index, &matrix)) {
                double a = matrix.a, b = matrix.b, c = matrix.c, d = matrix.d;
                size *= pow(fabs(a * d - b * c), 0.5);
            }
            if (size < 1.0) {
                double own = top - bottom;
                size = 1.0 > own ? 1.0 : own;  /* max(own, 1.0) as Python's max picks */
            }
            max_gap = word_gap * size;
            max_backstep = -backstep * size;
            max_shift = baseline_shift * size;
            baseline = char_origin(raw, index, &origin_x, &origin_y) ? origin_y : bottom;
            x0 = left;
            x1 = right;
        }
        prev_bottom = bottom;
        chars[n_chars++] = ch;
    }
    FLUSH(0);
    result = words_list(&words, chars);
#undef FLUSH
done:
    free(words.items);
    PyMem_Free(chars);
    return result;
}

static PyMethodDef methods[] = {
    {"page_words", page_words, METH_VARARGS,
     "(x0, x1, top, bottom, text) per word of a pdfium text page, as pdf_words.page_words builds them."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_pdfchars", NULL, -1, methods};

PyMODINIT_FUNC PyInit__pdfchars(void) { return PyModule_Create(&module); }
