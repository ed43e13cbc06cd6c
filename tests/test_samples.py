"""The sample archive that ships in data/raw/ runs end to end."""
from pathlib import Path

import pytest

from pipeline.config import Config
from pipeline.dataset.reader import read_table
from pipeline.run.batch import run

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def test_every_sample_is_read_with_its_unit_and_year(tmp_path):
    if not any(RAW.glob("*.*")):
        pytest.skip("data/raw is empty")
    run([RAW], tmp_path / "out", Config.load())
    docs = read_table(tmp_path / "out", "documents")
    assert set(docs["status"]) == {"ok"}, docs[docs["status"] != "ok"][["source_path", "error"]]
    assert docs["locality"].notna().all()
    assert docs["period_year"].notna().all()
    assert docs["doc_type"].isin(["report", "plan", "decision"]).all()


def test_the_same_report_gives_the_same_fields_in_every_format(tmp_path):
    """A sample built as .txt, .docx and .pdf reads the same whatever the format (the PDF
    header's narrow gutter must not glue the two columns together)."""
    if not any(RAW.glob("*.pdf")):
        pytest.skip("data/raw has no PDF")
    run([RAW], tmp_path / "out", Config.load())
    docs = read_table(tmp_path / "out", "documents")
    docs["stem"] = docs["source_path"].str.rsplit(".", n=1).str[0]
    fields = ["doc_type", "doc_number", "issued_date", "title", "locality", "commune_kind", "district",
              "province", "period", "period_year", "signer"]
    for stem, group in docs.groupby("stem"):
        if len(group) > 1:
            assert len(group[fields].astype(str).drop_duplicates()) == 1, (stem, group[fields].to_dict("records"))


def test_the_same_report_gives_the_same_figures_in_every_format(tmp_path):
    """Running text and ruled tables read alike from .txt, .docx and .pdf."""
    if not any(RAW.glob("*.pdf")):
        pytest.skip("data/raw has no PDF")
    run([RAW], tmp_path / "out", Config.load())
    figures = read_table(tmp_path / "out", "indicators")
    assert (figures["extractor"] == "rules.table").any(), "the samples hold indicator tables"
    figures["stem"] = figures["source_path"].str.rsplit(".", n=1).str[0]
    figures["fmt"] = figures["source_path"].str.rsplit(".", n=1).str[1]
    for stem, group in figures.groupby("stem"):
        rows = {fmt: sorted(zip(g["indicator"], g["measure"], g["value"].round(6), g["unit"]))
                for fmt, g in group.groupby("fmt")}
        first = next(iter(rows.values()))
        assert all(r == first for r in rows.values()), stem
