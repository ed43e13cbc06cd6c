"""The lexicon-curation loop: subjects left `other` -> an edited TSV -> the analyst's lexicon -> coded."""
import pandas as pd
from typer.testing import CliRunner

from extractors.figures.subject_model import SubjectModel
from pipeline import lexicon
from pipeline.cli import app
from pipeline.dataset import unmapped

runner = CliRunner()

REPORT = """ỦY BAN NHÂN DÂN
XÃ ĐÔNG TIẾN
BÁO CÁO
Tình hình kinh tế - xã hội năm 2023
Toàn xã có 14 câu lạc bộ dưỡng sinh người cao tuổi đang hoạt động.
Trong năm thành lập thêm 3 câu lạc bộ dưỡng sinh người cao tuổi.
Tổng giá trị sản xuất trên địa bàn xã đạt 512,6 tỷ đồng.
"""
CLUBS = "câu lạc bộ dưỡng sinh người"


def _run(tmp_path, *extra: str) -> pd.DataFrame:
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / "dongtien.txt").write_text(REPORT, encoding="utf-8")
    result = runner.invoke(app, ["run", str(raw), "--out", str(tmp_path / "out"), "-q", "--no-cache", *extra])
    assert result.exit_code == 0, result.output
    return pd.read_parquet(tmp_path / "out" / "indicators")


def test_fold_keeps_words_only():
    assert unmapped.fold("Trong đó: Tôm (+") == "trong đó tôm"
    assert unmapped.fold("% (+") == ""


def test_nearest_codes_never_other_whatever_the_threshold():
    model = SubjectModel([("poverty_rate", "tỷ lệ hộ nghèo"), ("other", "hộ nghèo cũ"),
                          ("poor_households", "số hộ nghèo")], k=2, threshold=0.99)
    codes = [g.code for g in model.nearest("hộ nghèo trên địa bàn", 2)]
    assert codes and "other" not in codes and set(codes) <= {"poverty_rate", "poor_households"}


def test_round_trip_codes_the_next_run(tmp_path):
    before = _run(tmp_path)
    assert (before.indicator == "other").sum() == 2
    edit = tmp_path / "edit.tsv"
    result = runner.invoke(app, ["lexicon", "unmapped", str(tmp_path / "out"), "--out", str(edit)])
    assert result.exit_code == 0, result.output
    lines = edit.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == unmapped.COLUMNS
    row = next(ln.split("\t") for ln in lines[1:] if ln.split("\t")[1] == CLUBS)
    assert row[0] == "" and row[2] == "1" and "thành lập thêm 3" in row[5] and row[4]
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "indicators.tsv").write_text("code\tdomain\tlabel_vi\tunit\tnotes\trate_code\n"
                                         "elderly_clubs\tsociety\tCâu lạc bộ dưỡng sinh\tcount\t\t\n", encoding="utf-8")
    edit.write_text("\n".join([lines[0]] + [("elderly_clubs" + ln if ln.split("\t")[1] == CLUBS else ln)
                                            for ln in lines[1:]]) + "\n", encoding="utf-8")
    for _ in range(2):  # adding twice adds once
        result = runner.invoke(app, ["lexicon", "add", str(edit), "--lexicons", str(mine)])
        assert result.exit_code == 0, result.output
    forms = (mine / "indicator_forms.tsv").read_text(encoding="utf-8").splitlines()
    assert forms[0] == "pattern\tcode\tnote" and len(forms) == 2 and forms[1].startswith(f"{CLUBS}\telderly_clubs")
    try:
        after = _run(tmp_path, "--lexicons", str(mine))
    finally:
        lexicon.use_extra()  # back to the built-in lexicons for the other tests
    assert set(after[after.value.isin([14.0, 3.0])].indicator) == {"elderly_clubs"}


def test_an_unknown_code_is_refused(tmp_path):
    edit = tmp_path / "edit.tsv"
    edit.write_text("code\tpattern\tcount\nno_such_code\tcâu lạc bộ\t3\n", encoding="utf-8")
    result = runner.invoke(app, ["lexicon", "add", str(edit), "--lexicons", str(tmp_path / "mine")])
    assert result.exit_code == 2 and "no_such_code" in result.output


def test_add_leaves_the_lexicons_in_use_as_they_were(tmp_path):
    edit = tmp_path / "edit.tsv"
    edit.write_text("code\tpattern\tcount\nno_such_code\tcâu lạc bộ\t3\n", encoding="utf-8")
    before = lexicon.table("indicator_forms")
    runner.invoke(app, ["lexicon", "add", str(edit), "--lexicons", str(tmp_path / "mine")])
    assert lexicon.table("indicator_forms") == before and not (tmp_path / "mine").exists()
