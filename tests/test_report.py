"""The static review site: pages written, grounded highlights, nothing from a document unescaped."""
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.config import Config
from pipeline.report import write_report
from pipeline.run import run

HOSTILE = """Số: 9/BC-UBND
Hòa Lạc, ngày 10 tháng 12 năm 2023
BÁO CÁO
Tổng kết năm 2023 <script>alert("x")</script>
UBND xã Hòa Lạc báo cáo. Tỷ lệ hộ nghèo còn 1,9%. Thu ngân sách đạt 3,2 tỷ đồng <img src=x onerror=alert(1)>.
Chủ tịch UBND huyện tặng giấy khen cho 5 tập thể và 7 cá nhân.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("in")
    (root / "a.txt").write_text(HOSTILE, encoding="utf-8")
    (root / "b.txt").write_text(HOSTILE.replace("2023", "2024").replace("1,9", "1,5"), encoding="utf-8")
    (root / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    dataset = tmp_path_factory.mktemp("ds") / "out"
    run([root], dataset, Config.load())
    out = tmp_path_factory.mktemp("site") / "report"
    write_report(dataset, out)
    return out


def test_pages_are_written(site):
    assert (site / "index.html").exists() and (site / "compare.html").exists()
    assert len(list((site / "docs").glob("*.html"))) == 3


def test_overview_explains_failures(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "broken.pdf" in page and "pdf is damaged" in page


def test_figures_are_highlighted_in_place_with_their_details(site):
    page = next(p for p in (site / "docs").glob("*.html") if "a.txt" in p.read_text(encoding="utf-8"))
    text = page.read_text(encoding="utf-8")
    assert '<mark class="m-value" title="poverty_rate · value · 1.90 percent' in text
    assert '<mark class="m-award"' in text


def test_nothing_from_a_document_is_markup(site):
    for page in [site / "index.html", site / "compare.html", *(site / "docs").glob("*.html")]:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text
    doc = next(p for p in (site / "docs").glob("*.html") if "a.txt" in p.read_text(encoding="utf-8"))
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in doc.read_text(encoding="utf-8")


def test_compare_page_has_a_chart_and_filters(site):
    page = (site / "compare.html").read_text(encoding="utf-8")
    assert "<svg" in page and 'id="f-province"' in page and "poverty_rate" in page


def test_a_folder_of_other_files_is_not_replaced(site, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep")
    dataset = next(site.parent.parent.glob("ds*/out"), None)
    if dataset is None:
        pytest.skip("dataset folder not found")
    with pytest.raises(FileExistsError):
        write_report(dataset, mine)
    assert (mine / "notes.txt").read_text() == "keep"


def test_the_site_opens_in_a_real_headless_browser(site):
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        pytest.skip("no Chromium on this machine (Debian package chromium; .ci/run installs it)")
    page = next(p for p in (site / "docs").glob("*.html") if "a.txt" in p.read_text(encoding="utf-8"))
    result = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={site.parent / 'chrome'}",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    dom = result.stdout
    assert "<mark" in dom and "Tỷ lệ hộ nghèo" in dom
    assert "<script>alert" not in dom  # the hostile text stayed text in the rendered page
    flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={site.parent / 'chrome'}"]
    compare = subprocess.run([*flags, "--dump-dom", (site / "compare.html").as_uri()],
                             capture_output=True, text=True, timeout=120).stdout
    assert "<svg" in compare and "<table" in compare and "<polyline" in compare
    shot = site.parent / "document.png"  # kept in the test's output folder to look at
    subprocess.run([*flags, "--window-size=1400,900", f"--screenshot={shot}", page.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 10_000
