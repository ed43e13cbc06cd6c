"""A worker that dies on one file costs that file only: it becomes an error row, the run goes on."""
import dataclasses
import sys
import textwrap

from pipeline.config import Config
from pipeline.dataset.reader import read_table
from pipeline.run.batch import Options, run

PLUGIN = textwrap.dedent('''
    import os

    from pipeline.components import component


    @component("test_crash_on_marker")
    def crash(doc):
        if "SẬP" in doc.text:
            os._exit(13)  # as a segfault in a native library would end the worker
''')


def test_a_crashing_worker_costs_one_file(tmp_path, monkeypatch):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "crashy_plugin.py").write_text(PLUGIN, encoding="utf-8")
    monkeypatch.syspath_prepend(str(plugins))
    monkeypatch.setenv("PYTHONPATH", str(plugins))  # spawned workers import it too
    archive = tmp_path / "in"
    archive.mkdir()
    for i in range(6):
        (archive / f"{i}.txt").write_text(f"BÁO CÁO\nTổng kết năm 2024\nThu ngân sách đạt {i + 1},5 tỷ đồng.\n",
                                          encoding="utf-8")
    (archive / "3.txt").write_text("BÁO CÁO\nTổng kết năm 2024 SẬP\n", encoding="utf-8")
    base = Config.load()
    config = dataclasses.replace(base, plugins=("crashy_plugin",), components=base.components + ("test_crash_on_marker",))
    summary = run([archive], tmp_path / "out", config, Options(workers=2))
    docs = read_table(tmp_path / "out", "documents").set_index("source_path")
    assert docs.loc["3.txt", "status"] == "error" and "crashed" in docs.loc["3.txt", "error"]
    assert (docs.drop(index="3.txt")["status"] == "ok").all()
    assert summary.statuses["ok"] == 5
    sys.modules.pop("crashy_plugin", None)
