"""The dataset: schemas, partitions, readers, atomic replacement, determinism."""
import hashlib
import json
import os
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from pipeline.dataset import writer
from pipeline.config import Config
from pipeline.dataset.reader import read_table
from pipeline.run.batch import run
from pipeline.dataset.schema import TABLES

REPORT = """Số: 7/BC-UBND
Tân Hòa, ngày 3 tháng 1 năm {year}
BÁO CÁO
Tổng kết công tác năm {year}
UBND xã Tân Hòa báo cáo kết quả thực hiện nhiệm vụ năm {year} của xã.
"""


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "lưu trữ"
    (root / "2023").mkdir(parents=True)
    (root / "2023" / "báo cáo 2023.txt").write_text(REPORT.format(year=2023), encoding="utf-8")
    (root / "2024.txt").write_text(REPORT.format(year=2024), encoding="utf-8")
    (root / "note.txt").write_text("không có năm", encoding="utf-8")
    (root / "empty.pdf").write_bytes(b"")
    (root / "copy.txt").write_text(REPORT.format(year=2024), encoding="utf-8")
    return root


def test_tables_are_folders_by_year_with_the_year_in_every_file(archive, tmp_path):
    out = tmp_path / "out"
    summary = run([archive], out, Config.load())
    assert summary.statuses == {"ok": 3, "error": 1, "skipped": 1}
    assert sorted(p.name for p in (out / "documents").iterdir()) == ["2023", "2024", "no-year"]
    for path in (out / "documents").rglob("*.parquet"):
        assert pq.read_schema(path).field("period_year").type == pa.int32()
    docs = read_table(out, "documents")
    assert len(docs) == 5
    assert set(docs["source_path"]) == {"2023/báo cáo 2023.txt", "2024.txt", "note.txt", "empty.pdf", "copy.txt"}


@pytest.mark.parametrize("table", list(TABLES))
def test_every_table_loads_with_plain_pandas_pyarrow_duckdb_and_polars(archive, tmp_path, table):
    """No partitioning argument, no type given, one file without a year among others: the way
    an analyst types it."""
    out = tmp_path / "out"
    run([archive], out, Config.load())
    folder = out / table
    expected = {"documents": 5, "texts": 3}.get(table, 0)
    frame = pd.read_parquet(folder)
    assert len(frame) == expected and "period_year" in frame
    arrow = ds.dataset(folder).to_table()
    assert arrow.num_rows == expected and arrow.schema.field("period_year").type == pa.int32()
    duck = duckdb.connect().execute(f"SELECT count(*), count(period_year) FROM read_parquet('{folder}/**/*.parquet')").fetchone()
    assert duck[0] == expected
    polars = pytest.importorskip("polars", reason="needs the test extras (polars)")
    assert polars.read_parquet(folder).height == expected
    if table == "documents":
        years = sorted(y for y in frame["period_year"].dropna())
        assert years == [2023, 2024, 2024] and duck[1] == 3
        assert sorted(polars.read_parquet(folder)["period_year"].drop_nulls().to_list()) == [2023, 2024, 2024]


def test_failures_and_duplicates_are_rows_with_reasons(archive, tmp_path):
    out = tmp_path / "out"
    run([archive], out, Config.load())
    docs = read_table(out, "documents").set_index("source_path")
    assert docs.loc["empty.pdf", "status"] == "error" and docs.loc["empty.pdf", "error"] == "empty file (0 bytes)"
    assert docs.loc["copy.txt", "status"] == "skipped"
    assert docs.loc["copy.txt", "error"] == "duplicate of 2024.txt (same content)"


def test_empty_tables_keep_their_schema(archive, tmp_path):
    out = tmp_path / "out"
    run([archive], out, Config.load())
    for name in ("indicators", "awards"):
        table = ds.dataset(out / name).to_table()
        assert table.num_rows == 0
        assert set(TABLES[name].names) <= set(table.schema.names)


def test_texts_hold_the_text_every_offset_points_into(archive, tmp_path):
    out = tmp_path / "out"
    run([archive], out, Config.load())
    texts = read_table(out, "texts")
    row = texts[texts["source_path"] == "2024.txt"].iloc[0]
    for block in row["blocks"]:
        assert 0 <= block["char_start"] <= block["char_end"] <= len(row["text"])
    assert row["text"].startswith("Số: 7/BC-UBND")


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_inputs_give_byte_identical_files(archive, tmp_path):
    run([archive], tmp_path / "a", Config.load())
    run([archive], tmp_path / "b", Config.load())
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")


def test_a_crash_while_writing_keeps_the_previous_dataset(archive, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run([archive], out, Config.load())
    before = _digest(out)
    (archive / "2025.txt").write_text(REPORT.format(year=2025), encoding="utf-8")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(writer.pq, "write_table", crash)
    with pytest.raises(KeyboardInterrupt):
        run([archive], out, Config.load())
    assert _digest(out) == before
    assert not list(tmp_path.glob(".out.staging-*"))


def test_a_crash_between_the_renames_is_repaired_by_the_next_run(archive, tmp_path):
    out = tmp_path / "out"
    run([archive], out, Config.load())
    before = _digest(out)
    out.rename(tmp_path / f".out.previous-{os.getpid() + 1}")  # as if killed after the first rename
    writer.recover(out)
    assert _digest(out) == before


def test_a_folder_chitieu_did_not_write_is_never_replaced(archive, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(writer.OutputError, match="choose an empty or new folder"):
        run([archive], out, Config.load())
    assert (out / "thesis.docx").read_bytes() == b"precious"


def test_manifest_records_the_run(archive, tmp_path):
    out = tmp_path / "out"
    run([archive], out, Config.load())
    manifest = json.loads((out / writer.MANIFEST).read_text())
    assert manifest["generator"] == "chitieu" and manifest["tables"]["documents"] == 5
