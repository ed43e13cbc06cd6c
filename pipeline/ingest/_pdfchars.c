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

/* ---- lines_of: the ordinary words of a page gathered into lines, as pdf._python_lines does ----
 * Words are taken in reading order (rounded top, then x0: the rounded tops come from Python,
 * `round` being Python's), words much smaller than the page's usual ones are set aside (their
 * list returned sorted larger first), and every other word joins the first of the last three
 * lines it sits on (centres closer than 0.35 of the smaller height), else starts a line.
 * Every comparison and sum is the one the Python code makes, on the same doubles. Where a
 * coordinate is not a finite float (OCR gives ints; NaN has no order) it returns None and the
 * Python code does it all. */

typedef struct { double top, bottom, height, centre; Py_ssize_t count; } Band;

/* Stable merge sort of idx[0:n] by (a[i], b[i]) (b may be NULL), using only "<". */
static void merge_sort(Py_ssize_t *idx, Py_ssize_t *tmp, Py_ssize_t n, const double *a, const double *b) {
    for (Py_ssize_t width = 1; width < n; width *= 2) {
        for (Py_ssize_t lo = 0; lo < n; lo += 2 * width) {
            Py_ssize_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
            Py_ssize_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                Py_ssize_t l = idx[i], r = idx[j];
                int right_first = a[r] < a[l] || (b != NULL && !(a[l] < a[r]) && b[r] < b[l]);
                tmp[k++] = right_first ? idx[j++] : idx[i++];
            }
            while (i < mid) tmp[k++] = idx[i++];
            while (j < hi) tmp[k++] = idx[j++];
        }
        memcpy(idx, tmp, (size_t)n * sizeof(Py_ssize_t));
    }
}

static int compare_doubles(const void *p, const void *q) {
    double x = *(const double *)p, y = *(const double *)q;
    return (x > y) - (x < y);
}

static int finite_float(PyObject *item, double *out) {
    if (!PyFloat_CheckExact(item)) return 0;
    *out = PyFloat_AS_DOUBLE(item);
    return isfinite(*out);
}

static PyObject *lines_of(PyObject *self, PyObject *args) {
    PyObject *segments, *keys;
    double small_share;
    (void)self;
    if (!PyArg_ParseTuple(args, "O!O!d", &PyList_Type, &segments, &PyList_Type, &keys, &small_share)) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(segments);
    if (PyList_GET_SIZE(keys) != n) {
        PyErr_SetString(PyExc_ValueError, "one key per segment");
        return NULL;
    }
    PyObject *result = NULL, *groups = NULL, *small = NULL;
    size_t m = (size_t)(n > 0 ? n : 1);
    double *x0 = PyMem_Malloc(m * sizeof(double)), *top = PyMem_Malloc(m * sizeof(double)),
           *bottom = PyMem_Malloc(m * sizeof(double)), *key = PyMem_Malloc(m * sizeof(double)),
           *height = PyMem_Malloc(m * sizeof(double)), *sizes = PyMem_Malloc(m * sizeof(double)),
           *neg = PyMem_Malloc(m * sizeof(double));
    Py_ssize_t *order = PyMem_Malloc(m * sizeof(Py_ssize_t)), *tmp = PyMem_Malloc(m * sizeof(Py_ssize_t)),
               *line_of = PyMem_Malloc(m * sizeof(Py_ssize_t)), *smalls = PyMem_Malloc(m * sizeof(Py_ssize_t));
    Band *lines = PyMem_Malloc(m * sizeof(Band));
    if (!x0 || !top || !bottom || !key || !height || !sizes || !neg || !order || !tmp || !line_of || !smalls || !lines) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *seg = PyList_GET_ITEM(segments, i);
        if (!PyTuple_Check(seg) || PyTuple_GET_SIZE(seg) != 5 || !finite_float(PyTuple_GET_ITEM(seg, 0), &x0[i]) ||
            !finite_float(PyTuple_GET_ITEM(seg, 2), &top[i]) || !finite_float(PyTuple_GET_ITEM(seg, 3), &bottom[i]) ||
            !finite_float(PyList_GET_ITEM(keys, i), &key[i])) {
            result = Py_NewRef(Py_None);
            goto done;
        }
        height[i] = sizes[i] = bottom[i] - top[i];
        neg[i] = top[i] - bottom[i];
        if (!isfinite(height[i]) || !isfinite(neg[i])) {
            result = Py_NewRef(Py_None);
            goto done;
        }
        order[i] = i;
    }
    merge_sort(order, tmp, n, key, x0);
    qsort(sizes, (size_t)n, sizeof(double), compare_doubles);
    double limit = small_share * (n ? sizes[n / 2] : 0.0);

    Py_ssize_t n_lines = 0, n_small = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_ssize_t i = order[k];
        double h = height[i];
        line_of[i] = -1;
        if (h < limit) {  /* (then there are small words: this one) */
            smalls[n_small++] = i;
            continue;
        }
        double centre = (top[i] + bottom[i]) / 2;
        Py_ssize_t found = -1;
        for (Py_ssize_t j = n_lines - 1; j >= 0 && j >= n_lines - 3; j--) {
            double smaller = h < lines[j].height ? h : lines[j].height;
            if (fabs(lines[j].centre - centre) < 0.35 * smaller) {
                found = j;
                break;
            }
        }
        if (found < 0) {
            found = n_lines++;
            lines[found] = (Band){top[i], bottom[i], 0, 0, 0};
        } else {  /* Line.add: min and max as Python's pick them */
            if (top[i] < lines[found].top) lines[found].top = top[i];
            if (bottom[i] > lines[found].bottom) lines[found].bottom = bottom[i];
        }
        lines[found].height = lines[found].bottom - lines[found].top;
        lines[found].centre = (lines[found].top + lines[found].bottom) / 2;
        lines[found].count++;
        line_of[i] = found;
    }
    merge_sort(smalls, tmp, n_small, neg, NULL);  /* larger first, stably */

    groups = PyList_New(n_lines);
    small = PyList_New(n_small);
    if (!groups || !small) goto done;
    for (Py_ssize_t j = 0; j < n_lines; j++) {
        PyObject *members = PyList_New(lines[j].count);
        if (!members) goto done;
        PyObject *group = Py_BuildValue("(ddN)", lines[j].top, lines[j].bottom, members);
        if (!group) goto done;
        PyList_SET_ITEM(groups, j, group);
        lines[j].count = 0;  /* now: how many are filled in */
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_ssize_t i = order[k], j = line_of[i];
        if (j < 0) continue;
        PyObject *members = PyTuple_GET_ITEM(PyList_GET_ITEM(groups, j), 2);
        PyList_SET_ITEM(members, lines[j].count++, Py_NewRef(PyList_GET_ITEM(segments, i)));
    }
    for (Py_ssize_t k = 0; k < n_small; k++) PyList_SET_ITEM(small, k, Py_NewRef(PyList_GET_ITEM(segments, smalls[k])));
    result = PyTuple_Pack(2, groups, small);
done:
    Py_XDECREF(groups);
    Py_XDECREF(small);
    PyMem_Free(x0); PyMem_Free(top); PyMem_Free(bottom); PyMem_Free(key); PyMem_Free(height); PyMem_Free(sizes);
    PyMem_Free(neg); PyMem_Free(order); PyMem_Free(tmp); PyMem_Free(line_of); PyMem_Free(smalls); PyMem_Free(lines);
    return result;
}

static PyMethodDef methods[] = {
    {"page_words", page_words, METH_VARARGS,
     "(x0, x1, top, bottom, text) per word of a pdfium text page, as pdf_words.page_words builds them."},
    {"lines_of", lines_of, METH_VARARGS,
     "((top, bottom, [segments]) per line, small segments) of a page's words, as pdf._python_lines makes them; "
     "None where a coordinate is not a finite float."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_pdfchars", NULL, -1, methods};

PyMODINIT_FUNC PyInit__pdfchars(void) { return PyModule_Create(&module); }
