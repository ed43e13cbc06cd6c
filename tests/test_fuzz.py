"""Fuzzing (hypothesis): mutated fixtures never break `process_file`; `sentences` keeps its spans sane.

Small budget by default (50 examples per test; set CHITIEU_FUZZ_EXAMPLES for a longer campaign).
Inputs that once broke something are kept in tests/fixtures/fuzz/ and replayed by the tests at
the bottom, so a fixed bug stays fixed (and a known one stays visible until it is).
"""
from __future__ import annotations

import atexit
import dataclasses
import io
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.text.sentences import sentences
from pipeline.config import Config
from pipeline.run.discover import Source
from pipeline.model import Status
from pipeline.run.process import process_file

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REGRESSIONS = FIXTURES / "fuzz"
TXT = (FIXTURES / "markdown_marks.txt").read_bytes()
DOCX = (FIXTURES / "layout_tables.docx").read_bytes()
PDF = (FIXTURES / "wrapped_multipage.pdf").read_bytes()
with zipfile.ZipFile(io.BytesIO(DOCX)) as _archive:
    DOCX_XML = _archive.read("word/document.xml")

EXAMPLES = int(os.environ.get("CHITIEU_FUZZ_EXAMPLES", "50"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CONFIG = dataclasses.replace(Config.load(), seconds_per_file=20)
WORK = Path(tempfile.mkdtemp(prefix="chitieu-fuzz-"))
atexit.register(shutil.rmtree, WORK, True)


# -- mutations ------------------------------------------------------------------------------

@st.composite
def mutated(draw, data: bytes, max_ops: int = 6) -> bytes:
    """`data` with 1..max_ops random edits: flip bits of a byte, insert, delete or overwrite a run."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, max_ops))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "overwrite"]))
        pos = draw(st.integers(0, max(len(out) - 1, 0)))
        if op == "flip" and out:
            out[pos] ^= draw(st.integers(1, 255))
        elif op == "insert":
            out[pos:pos] = draw(st.binary(min_size=1, max_size=32))
        elif op == "delete":
            del out[pos:pos + draw(st.integers(1, 256))]
        else:
            chunk = draw(st.binary(min_size=1, max_size=32))
            out[pos:pos + len(chunk)] = chunk
    return bytes(out)


def rezip(xml: bytes) -> bytes:
    """The fixture .docx with its word/document.xml replaced (a valid zip around broken XML)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(DOCX)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, xml if info.filename == "word/document.xml" else src.read(info.filename))
    return out.getvalue()


# -- the property ---------------------------------------------------------------------------

def check_outcome(doc) -> None:
    """ok / error / skipped; a failure says why in one line, and not as a crash to "please report";
    what an ok document points at lies inside its text."""
    assert doc.status in (Status.OK, Status.ERROR, Status.SKIPPED), doc.status
    if doc.status != Status.OK:
        assert doc.error, "a failed file must say why"
        assert "\n" not in doc.error and "\r" not in doc.error, repr(doc.error)
        assert "took longer than" not in doc.error, doc.error
        assert "please report" not in doc.error, doc.error
        return
    n = len(doc.text)
    for block in doc.blocks:
        assert 0 <= block.start <= block.end <= n
    for figure in doc.figures:
        assert 0 <= figure.char_start <= figure.char_end <= n
        assert doc.text[figure.char_start:figure.char_end] == figure.raw_value
    for award in doc.awards:
        assert 0 <= award.char_start <= award.char_end <= n


def run_one(data: bytes, name: str) -> None:
    """process_file on `data` saved as `name`, then the property. With CHITIEU_FUZZ_DUMP set, an
    input that fails is kept there (to be copied into tests/fixtures/fuzz/ as `process-<what>-<name>`)."""
    path = WORK / name
    path.write_bytes(data)
    try:
        check_outcome(process_file(Source(path, name), CONFIG))  # must not raise: no try/except around it
    except BaseException:
        if dump := os.environ.get("CHITIEU_FUZZ_DUMP"):
            import hashlib

            Path(dump).mkdir(parents=True, exist_ok=True)
            (Path(dump) / f"{hashlib.sha256(data).hexdigest()[:12]}-{name}").write_bytes(data)
        raise
    finally:
        path.unlink(missing_ok=True)


@FUZZ
@given(mutated(TXT))
def test_mutated_txt_never_breaks_process_file(data):
    run_one(data, "fuzz.txt")


@FUZZ
@given(mutated(DOCX))
def test_mutated_docx_bytes_never_break_process_file(data):
    run_one(data, "fuzz.docx")


@FUZZ
@given(mutated(DOCX_XML, max_ops=4))
def test_mutated_docx_xml_never_breaks_process_file(xml):
    run_one(rezip(xml), "fuzz.docx")


@FUZZ
@given(mutated(PDF))
def test_mutated_pdf_never_breaks_process_file(data):
    run_one(data, "fuzz.pdf")


# -- sentences ------------------------------------------------------------------------------

# Letters, digits, every character the splitter looks at, and a few whole tokens of reports.
TOKENS = list("aăâđêôơư AĐÊÔƠƯ 0123456789 .,;:!?…\n\t\"'()-–•*+ ") + ["  ", "TP.", "1.068,692", "đồng.", "; "]
TEXT = st.lists(st.sampled_from(TOKENS), max_size=120).map("".join)


@FUZZ
@given(TEXT, st.integers(0, 10_000))
def test_sentences_spans_are_in_bounds_ordered_and_disjoint(text, offset):
    spans = sentences(text, offset)  # never raises
    last_end = offset
    for s in spans:
        assert offset <= s.start <= offset + len(text) and offset <= s.end <= offset + len(text), s
        assert s.start >= last_end, (s, last_end)  # ordered, no overlap
        if s.start < s.end:
            piece = text[s.start - offset:s.end - offset]
            assert piece == piece.strip() and piece.strip(" ;"), repr(piece)
            last_end = s.end


# -- regressions: inputs that broke something once -----------------------------------------

# Files in tests/fixtures/fuzz/ that still break something outside what this test suite may fix.
KNOWN = {}


def _replays(pattern: str):
    files = sorted(REGRESSIONS.glob(pattern))
    return [pytest.param(f, id=f.name, marks=[pytest.mark.xfail(strict=True, reason=KNOWN[f.name])]
                         if f.name in KNOWN else []) for f in files]


@pytest.mark.parametrize("path", _replays("process-*"))
def test_replay_process_file_regressions(path):
    run_one(path.read_bytes(), path.name.split("-", 2)[-1])  # process-<what>-<name as processed>


@pytest.mark.parametrize("path", sorted(REGRESSIONS.glob("sentences-*.txt")), ids=lambda p: p.name)
def test_replay_sentence_regressions(path):
    text = path.read_text(encoding="utf-8")
    for s in sentences(text):
        assert s.start < s.end, s
        piece = text[s.start:s.end]
        assert piece == piece.strip() and piece.strip(" ;"), repr(piece)
