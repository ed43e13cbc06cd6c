"""The sample archive that ships in data/raw/ runs end to end."""
from pathlib import Path

import pytest

from pipeline.config import Config
from pipeline.dataset import read_table
from pipeline.run import run

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
