"""Each report once (issue 18, point 6): copies of one report in other formats, encodings or
with a line more are flagged `duplicate_of` and left out of the views and comparisons."""
from pathlib import Path

import docx
import duckdb
import pandas as pd
import pytest

from pipeline.config import Config
from pipeline.dataset.catalog import compare, connect
from pipeline.dataset.duplicates import Duplicates, fingerprint, words
from pipeline.dataset.reader import read_table
from pipeline.run.batch import run

REPORT = """Số: 45/BC-UBND
{place}, ngày 22 tháng 12 năm {year}
BÁO CÁO
Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {year}
I. KẾT QUẢ ĐẠT ĐƯỢC
1. Kinh tế
UBND xã {place} báo cáo kết quả thực hiện nhiệm vụ năm {year} như sau.
Tổng thu ngân sách trên địa bàn xã đạt {revenue} tỷ đồng, đạt 112,4% kế hoạch huyện giao.
Tổng sản lượng lương thực có hạt ước đạt 6.215 tấn, bằng 101,3% so với cùng kỳ.
Diện tích gieo trồng vụ đông đạt 318 ha, tăng 12 ha so với năm trước.
2. Văn hóa - xã hội
Tỷ lệ hộ nghèo còn {poverty}%, giảm 0,5% so với đầu năm; tỷ lệ người dân tham gia bảo hiểm y tế đạt 93,6%.
Công tác giáo dục được duy trì, cơ sở vật chất trường học từng bước được đầu tư, đội ngũ giáo viên được bồi dưỡng thường xuyên.
Phong trào toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư tiếp tục được đẩy mạnh.
II. PHƯƠNG HƯỚNG NHIỆM VỤ
Tiếp tục lãnh đạo, chỉ đạo thực hiện tốt các chỉ tiêu kinh tế, giữ vững an ninh chính trị và trật tự an toàn xã hội.
"""


def _report(place="Yên Trường", year=2023, revenue="7,82", poverty="2,9") -> str:
    return REPORT.format(place=place, year=year, revenue=revenue, poverty=poverty)


def _docx(path: Path, text: str) -> None:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    text = _report()
    _docx(root / "a-yentruong-2023.docx", text)
    (root / "b-yentruong-2023.txt").write_text(text, encoding="utf-8")
    (root / "c-yentruong-2023-utf16.txt").write_text(text, encoding="utf-16")
    # the same report with a line more: a near copy
    (root / "d-yentruong-2023-draft.txt").write_text(text + "Đề nghị UBND huyện quan tâm hỗ trợ kinh phí.\n",
                                                       encoding="utf-8")
    # the same template for another year and for another commune: other reports
    (root / "e-yentruong-2022.txt").write_text(_report(year=2022, revenue="6,95", poverty="3,4"), encoding="utf-8")
    (root / "f-yenthinh-2023.txt").write_text(_report(place="Yên Thịnh", revenue="5,10", poverty="4,1"),
                                              encoding="utf-8")
    return root


def test_copies_are_flagged_and_kept(archive, tmp_path):
    out = tmp_path / "out"
    run([archive], out, Config.load())
    docs = read_table(out, "documents").set_index("source_path")
    canonical = docs.loc["a-yentruong-2023.docx", "doc_id"]
    assert pd.isna(docs.loc["a-yentruong-2023.docx", "duplicate_of"])
    for copy in ("b-yentruong-2023.txt", "c-yentruong-2023-utf16.txt", "d-yentruong-2023-draft.txt"):
        assert docs.loc[copy, "duplicate_of"] == canonical, copy
        assert docs.loc[copy, "status"] == "ok" and docs.loc[copy, "n_indicators"] > 0
    for other in ("e-yentruong-2022.txt", "f-yenthinh-2023.txt"):
        assert pd.isna(docs.loc[other, "duplicate_of"]), other
    # the same words give the same fingerprint whatever the format or encoding
    fps = docs["text_fingerprint"]
    assert fps["a-yentruong-2023.docx"] == fps["b-yentruong-2023.txt"] == fps["c-yentruong-2023-utf16.txt"]
    assert fps["d-yentruong-2023-draft.txt"] != fps["b-yentruong-2023.txt"]
    # the copies' figures are in the dataset, flagged like their document
    figures = read_table(out, "indicators")
    flagged = figures[figures["duplicate_of"].notna()]
    assert set(flagged["source_path"]) == {"b-yentruong-2023.txt", "c-yentruong-2023-utf16.txt",
                                           "d-yentruong-2023-draft.txt"}


def test_views_and_compare_count_each_report_once(archive, tmp_path):
    out = tmp_path / "out"
    run([archive], out, Config.load())
    con = connect(out)
    sql = "SELECT count(DISTINCT doc_id) FROM {} WHERE indicator = 'budget_revenue' AND measure = 'value'"
    assert con.execute(sql.format("indicators")).fetchone()[0] == 3  # 2023, 2022, Yên Thịnh
    assert con.execute(sql.format("all_indicators")).fetchone()[0] == 6
    total = con.execute("SELECT sum(value) FROM indicators WHERE indicator = 'budget_revenue' AND measure = 'value' "
                        "AND period_year = 2023").fetchone()[0]
    assert total == pytest.approx(7.82e9 + 5.10e9)
    result = compare(out, "budget_revenue")
    values = {row[2]: row[4:] for row in result.rows}
    assert values["Yên Trường"] == (6.95e9, 7.82e9)


def test_the_fingerprint_ignores_layout_case_and_page_furniture():
    text = "TRANG 1\nTổng thu  ngân sách: 7,82 tỷ.\nTRANG 1"
    blocks = [("page_header", 0, 7), ("paragraph", 8, 36), ("page_footer", 37, 44)]
    assert words(text, blocks) == ["tổng", "thu", "ngân", "sách", "7", "82", "tỷ"]
    assert fingerprint(words(text, blocks)) == fingerprint(words("tổng thu ngân sách 7,82 tỷ"))
    assert fingerprint([]) is None


def test_a_near_copy_that_disagrees_about_its_year_is_another_report():
    seen = Duplicates()
    base = words(_report())
    assert seen.canonical_of("a", {"period_year": 2023, "locality": "Yên Trường"}, base) is None
    edited = base + ["đề", "nghị", "hỗ", "trợ"]
    assert seen.canonical_of("b", {"period_year": 2023, "locality": None}, edited) == "a"
    assert seen.canonical_of("c", {"period_year": 2024, "locality": "Yên Trường"}, edited + ["x"]) is None


def test_duplicates_in_the_catalog_file(archive, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run([archive], out, Config.load())
    from pipeline.dataset.catalog import write_catalog

    write_catalog(out)
    monkeypatch.chdir(out)
    con = duckdb.connect("catalog.duckdb", read_only=True)
    n, n_all = con.execute("SELECT (SELECT count(*) FROM awards), (SELECT count(*) FROM all_awards)").fetchone()
    assert n <= n_all
    assert con.execute("SELECT count(*) FROM indicators WHERE duplicate_of IS NOT NULL").fetchone()[0] == 0


def test_the_sketch_is_made_with_the_rows_and_travels_with_them(tmp_path):
    """The fingerprint and MinHash are made in the worker (`process_to_rows`) and survive the trip
    through a process pool and the cache (pickling), so the writing process and a cached re-run
    only look them up; marking from the sketch gives what marking from the text gives."""
    import pickle

    from pipeline.run.discover import discover
    from pipeline.run.results import process_to_rows

    (tmp_path / "a.txt").write_text(_report(), encoding="utf-8")
    rows = process_to_rows(discover([tmp_path])[0], Config.load())
    assert rows.sketch is not None and rows.sketch[1] is not None
    again = pickle.loads(pickle.dumps(rows))
    assert again.sketch == rows.sketch
    from_sketch = Duplicates().mark(again).document
    again.sketch = None
    from_text = Duplicates().mark(again).document
    assert from_sketch["text_fingerprint"] == from_text["text_fingerprint"] == rows.sketch[0]
