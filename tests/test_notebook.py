"""The analysis notebook runs on the demo archive, shows its charts, and stops with a clear
message on a dataset path that does not exist."""
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "analysis.ipynb"


def _execute(monkeypatch, dataset: str | None):
    nbformat = pytest.importorskip("nbformat", reason="needs the test extras (nbformat, nbclient, ipykernel)")
    nbclient = pytest.importorskip("nbclient", reason="needs the test extras (nbformat, nbclient, ipykernel)")
    pytest.importorskip("matplotlib", reason="needs the test extras (matplotlib)")
    if dataset is None:
        monkeypatch.delenv("CHITIEU_DATASET", raising=False)
    else:
        monkeypatch.setenv("CHITIEU_DATASET", dataset)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=True,
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]


def test_the_analysis_notebook_runs_and_shows_its_charts(tmp_path, monkeypatch):
    from pipeline.config import Config
    from pipeline.run.batch import run

    dataset = tmp_path / "processed"
    run([NOTEBOOK.parents[1] / "data" / "raw"], dataset, Config.load())
    outputs = _execute(monkeypatch, str(dataset))
    assert not [o for o in outputs if o.get("output_type") == "error"]
    images = [o for o in outputs if o.get("output_type") == "display_data" and "image/png" in o.get("data", {})]
    assert images, "the charts are not shown: is a headless backend left on?"


def test_a_dataset_path_that_does_not_exist_stops_with_a_clear_message(tmp_path, monkeypatch):
    outputs = _execute(monkeypatch, str(tmp_path / "no such folder"))
    errors = [o for o in outputs if o.get("output_type") == "error"]
    assert errors and errors[0]["ename"] == "FileNotFoundError"
    assert "no chitieu dataset there" in errors[0]["evalue"] and "no such folder" in errors[0]["evalue"]


def test_the_notebook_says_how_to_open_it():
    text = NOTEBOOK.read_text(encoding="utf-8")
    assert "jupyter lab notebooks/analysis.ipynb" in text and 'matplotlib.use(\\"Agg\\")' not in text
