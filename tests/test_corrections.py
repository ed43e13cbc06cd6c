"""Corrections that last: an analyst's TSV laid on every run's rows, cached or not."""
import json

import pandas as pd
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.dataset import corrections

runner = CliRunner()

REPORT = """ỦY BAN NHÂN DÂN
XÃ ĐÔNG TIẾN
BÁO CÁO
Tình hình kinh tế - xã hội năm 2023
Tổng giá trị sản xuất trên địa bàn xã đạt 512,6 tỷ đồng, tăng 7,3% so với năm 2022.
Tỷ lệ hộ nghèo giảm còn 2,15%.
Thu nhập bình quân đầu người đạt 58,4 triệu đồng/người/năm.
"""


def _run(tmp_path, fixes: str | None, *extra: str):
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / "dongtien-2023.txt").write_text(REPORT, encoding="utf-8")
    args = ["run", str(raw), "--out", str(tmp_path / "out"), "-q", "--cache-dir", str(tmp_path / "cache"), *extra]
    if fixes is not None:
        (tmp_path / "fixes.tsv").write_text(fixes, encoding="utf-8")
        args += ["--corrections", str(tmp_path / "fixes.tsv")]
    result = runner.invoke(app, args)
    frame = pd.read_parquet(tmp_path / "out" / "indicators")
    return result, frame


def _offset(frame, indicator, measure="value") -> tuple[str, int]:
    row = frame[(frame.indicator == indicator) & (frame.measure == measure)].iloc[0]
    return row.doc_id, int(row.char_start)


def test_rows_carry_no_correction_without_a_file(tmp_path):
    result, frame = _run(tmp_path, None, "--no-cache")
    assert result.exit_code == 0, result.output
    assert not frame.corrected.any() and frame.original.isna().all()


def test_reject_and_change_apply_on_fresh_and_cached_runs(tmp_path):
    _, plain = _run(tmp_path, None, "--no-cache")
    doc, poverty = _offset(plain, "poverty_rate")
    _, income = _offset(plain, "income_per_capita")
    fixes = ("doc_id\tchar_start\tfield\tvalue\tnote\n"
             f"{doc}\t{poverty}\tstatus\treject\tnot this year's\n"
             f"dongtien-2023.txt\t{income}\tvalue\t58,9\tread from the annex\n")
    for _ in range(2):  # the second run takes every document from the cache
        result, frame = _run(tmp_path, fixes)
        assert result.exit_code == 0, result.output
        assert "poverty_rate" not in set(frame.indicator)
        fixed = frame[frame.indicator == "income_per_capita"].iloc[0]
        assert fixed.value == 58.9 and bool(fixed.corrected)
        assert json.loads(fixed.original) == {"value": 58_400_000.0}
        assert frame.corrected.sum() == 1
        assert "2 applied" in " ".join(result.output.split())
    assert "1 reused" in " ".join(result.output.split())
    documents = pd.read_parquet(tmp_path / "out" / "documents")
    assert documents.n_indicators.iloc[0] == len(frame)


def test_a_code_changes_with_its_name(tmp_path):
    _, plain = _run(tmp_path, None, "--no-cache")
    doc, start = _offset(plain, "income_per_capita")
    _, frame = _run(tmp_path, f"doc_id\tchar_start\tfield\tvalue\n{doc}\t{start}\tindicator\tother\n", "--no-cache")
    row = frame[frame.char_start == start].iloc[0]
    assert row.indicator == "other" and row.indicator_vi != plain[plain.char_start == start].iloc[0].indicator_vi
    assert json.loads(row.original)["indicator"] == "income_per_capita"


def test_a_correction_matching_no_row_is_reported(tmp_path):
    result, _ = _run(tmp_path, "doc_id\tchar_start\tfield\tvalue\nnot-a-doc\t7\tstatus\treject\n", "--no-cache")
    assert result.exit_code == 0
    assert "1 matching no row" in " ".join(result.output.split())
    manifest = json.loads((tmp_path / "out" / "_chitieu.json").read_text(encoding="utf-8"))
    assert manifest["corrections"]["unmatched"] == ["line 2: not-a-doc @7 status=reject"]


def test_a_malformed_file_is_a_usage_error(tmp_path):
    for bad in ("doc_id\tfield\tvalue\nx\tvalue\t1\n",  # no char_start column
                "doc_id\tchar_start\tfield\tvalue\nx\tabc\tvalue\t1\n",  # not an offset
                "doc_id\tchar_start\tfield\tvalue\nx\t3\tvalue\tmany\n",  # value is a number
                "doc_id\tchar_start\tfield\tvalue\nx\t3\tcolour\tred\n"):  # no such column
        (tmp_path / "bad.tsv").write_text(bad, encoding="utf-8")
        result = runner.invoke(app, ["run", str(tmp_path), "--out", str(tmp_path / "o"), "-q",
                                     "--corrections", str(tmp_path / "bad.tsv")])
        assert result.exit_code == 2, bad
        assert "--corrections" in result.output


def test_values_are_typed_by_the_schema(tmp_path):
    path = tmp_path / "c.tsv"
    path.write_text("source_path\tchar_start\tfield\tvalue\ttable\n"
                    "a.txt\t1\tis_estimate\ttrue\t\n"
                    "a.txt\t2\ttarget_year\t2025\t\n"
                    "a.txt\t3\tcount\t12\tawards\n"
                    "a.txt\t4\tstatus\tproposed\tawards\n", encoding="utf-8")
    items = corrections.load(path).items
    assert [c.value for c in items] == [True, 2025, 12, "proposed"]
    assert not items[3].rejects and items[3].table == "awards"


def test_the_report_gives_each_row_a_line_that_rejects_it(tmp_path):
    import html
    import re

    _run(tmp_path, None, "--no-cache")
    result = runner.invoke(app, ["report", str(tmp_path / "out"), "--out", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    page = next((tmp_path / "site" / "docs").glob("*.html")).read_text(encoding="utf-8")
    lines = [html.unescape(m) for m in re.findall(r'<code class="fix"[^>]*>(.*?)</code>', page)]
    _, plain = _run(tmp_path, None, "--no-cache")
    assert len(lines) == len(plain)
    _, frame = _run(tmp_path, "doc_id\tchar_start\tfield\tvalue\ttable\n" + lines[0] + "\n", "--no-cache")
    assert len(frame) == len(plain) - 1
