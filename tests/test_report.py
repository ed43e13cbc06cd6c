"""The static review site: pages written, grounded highlights, nothing from a document unescaped."""
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.config import Config
from pipeline.report.site import write_report
from pipeline.run.batch import run

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
    assert '<mark class="m-value" title="poverty_rate · value · 1,9 percent' in text
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


# --- a larger site, cut into small pages: listings, comparisons and long documents ---------------

import html as html_lib  # noqa: E402
import re  # noqa: E402
from collections import Counter  # noqa: E402

from pipeline.report import compare as report_compare, html as report_html  # noqa: E402
from pipeline.dataset.reader import read_table  # noqa: E402

HREF = re.compile(r'<a href="([^"]+)"( rel="(?:prev|next)")?>')
SMALL_PAGE = 12_000


@pytest.fixture(scope="module")
def paged(tmp_path_factory):
    """A synthetic archive of a few communes (plus a hostile file, a copy and a broken PDF), reported
    with 4 rows per listing page, 2 communes per comparison page and 12 KB pages."""
    from pipeline.synth import synthesize

    synth = tmp_path_factory.mktemp("paged-synth")
    synthesize(synth, 4, range(2022, 2024), seed=3, formats=("txt",))
    root = tmp_path_factory.mktemp("paged-in")
    (root / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (root / "copy-of-hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (root / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    dataset = tmp_path_factory.mktemp("paged-ds") / "out"
    run([synth / "docs", root], dataset, Config.load())
    mp = pytest.MonkeyPatch()
    mp.setattr(report_html, "ROWS_PER_PAGE", 4)
    mp.setattr(report_html, "PAGE_BYTES", SMALL_PAGE)
    mp.setattr(report_compare, "COMMUNES_PER_PAGE", 2)
    try:
        out = tmp_path_factory.mktemp("paged-site") / "report"
        summary = write_report(dataset, out)
        again = tmp_path_factory.mktemp("paged-again") / "report"
        write_report(dataset, again)
    finally:
        mp.undo()
    return out, again, dataset, summary


def _links(page: Path) -> list[tuple[str, str]]:
    return [(m.group(1), (m.group(2) or "").split('"')[1:2][0] if m.group(2) else "")
            for m in HREF.finditer(page.read_text(encoding="utf-8"))]


def _listing(site: Path, stem: str) -> list[Path]:
    """The pages of a listing, followed from the first by its next links."""
    pages, page = [], site / f"{stem}.html"
    while page is not None:
        assert page not in pages, "next links go round in a circle"
        pages.append(page)
        nxt = [href for href, rel in _links(page) if rel == "next"]
        assert len(set(nxt)) <= 1
        page = site / html_lib.unescape(nxt[0]) if nxt else None
    return pages


def test_index_pages_link_every_document_once(paged):
    site, _, dataset, summary = paged
    pages = _listing(site, "documents")
    assert len(pages) > 3 and sorted(pages) == sorted(site.glob("documents*.html"))
    linked = Counter(html_lib.unescape(href) for page in pages for href, _ in _links(page) if href.startswith("docs/"))
    first_parts = {f"docs/{p.name}" for p in (site / "docs").glob("*.html") if not re.search(r"-\d+\.html$", p.name)}
    assert set(linked) == first_parts and set(linked.values()) == {1}
    assert summary.documents == len(first_parts)
    # every file of the dataset is listed once, the copy without a link of its own
    listed = Counter(re.sub(r"<[^>]+>", "", cell) for page in pages
                     for cell in re.findall(r"<tr><td>(.*?)</td>", page.read_text("utf-8")))
    files = read_table(dataset, "documents")["source_path"]
    assert len(files) > 20 and listed == Counter(html_lib.escape(f) for f in files)
    everything = "".join(p.read_text("utf-8") for p in pages)
    copies = re.findall(r"<tr><td>(<a [^>]+>)?[^<]*hostile\.txt(?:</a>)?</td>", everything)
    assert sorted(bool(a) for a in copies) == [False, True]  # one linked, its copy not


def test_prev_next_and_every_other_link_resolve(paged):
    site = paged[0]
    for page in site.rglob("*.html"):
        for href, rel in _links(page):
            path, _, anchor = html_lib.unescape(href).partition("#")
            target = (page.parent / path).resolve()
            assert target.is_file(), f"{page.relative_to(site)} links to missing {href}"
            if anchor:  # a link into a page (targets.html to a commune's table) finds its id there
                assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), f"{page.relative_to(site)}: {href}"
            if rel == "next":
                back = [h for h, r in _links(target) if r == "prev"]
                assert back and (target.parent / html_lib.unescape(back[0])).resolve() == page.resolve()
    for stem in ("documents", "failures", "review", "units"):
        pages = _listing(site, stem)
        assert [p.name for p in pages] == [f"{stem}.html"] + [f"{stem}-{i}.html" for i in range(2, len(pages) + 1)]


def test_every_page_stays_under_the_limit(paged):
    site = paged[0]
    frame = len(report_html.page("", "", 1).encode()) + 2_000  # the page frame, a title, the part links
    for page in site.rglob("*.html"):
        if page.parent.name == "docs":
            assert page.stat().st_size <= SMALL_PAGE + frame, page.name
    # listings cut by rows here; the document pages are the ones the byte limit splits
    assert any(re.search(r"-\d+\.html$", p.name) for p in (site / "docs").glob("*.html"))


def test_a_long_document_is_split_without_losing_text_or_highlights(paged):
    site, _, dataset, _ = paged
    texts = read_table(dataset, "texts").set_index("doc_id")["text"]
    figures = read_table(dataset, "indicators")
    split = [p for p in (site / "docs").glob("*-2.html")]
    assert split
    for second in split:
        doc_id = second.name[:-len("-2.html")]
        parts = sorted((site / "docs").glob(f"{doc_id}*.html"), key=lambda p: int(re.findall(r"-(\d+)\.html$", p.name)[0])
                       if "-" in p.name else 1)
        bodies = [re.search(r'<div class="text">(.*?)</div><div class="side">', p.read_text("utf-8"), re.S).group(1) for p in parts]
        text = html_lib.unescape(re.sub(r"<[^>]+>", "", "".join(bodies)))
        assert text == texts[doc_id]
        rows = sum(len(re.findall(r"<h2>Figures</h2><table>.*?</table>", p.read_text("utf-8"), re.S)[0].split("<tr>")) - 2
                   for p in parts)
        assert rows == int((figures["doc_id"] == doc_id).sum())


def test_comparisons_are_split_per_province_and_district(paged):
    site = paged[0]
    pages = sorted((site / "compare").glob("*.html"))
    assert len(pages) >= 2
    seen = Counter()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        communes = set(re.findall(r'<tr data-province="[^"]*" data-district="[^"]*"><td>[^<]*</td><td>([^<]*)</td>', text))
        assert 1 <= len(communes) <= 2
        seen.update(communes)
    summary = (site / "compare.html").read_text(encoding="utf-8")
    assert all(f'href="compare/{p.name}"' in summary for p in pages)
    assert "<svg" in summary and 'id="f-province"' in summary


def test_the_same_dataset_gives_the_same_files(paged):
    site, again = paged[0], paged[1]
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert all((site / f).read_bytes() == (again / f).read_bytes() for f in files)


def test_paged_site_keeps_documents_text_as_text(paged):
    site = paged[0]
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text


def test_the_report_compares_as_chitieu_compare_does(paged):
    from pipeline.dataset import catalog

    dataset = paged[2]
    con = catalog.connect(dataset)
    codes = [r[0] for r in con.execute("SELECT DISTINCT indicator FROM indicators ORDER BY 1").fetchall()] + ["no_such_code"]
    together = report_compare.compare_all(con, codes)
    assert sum(len(together[c].rows) for c in codes) > 20
    for code in codes:
        alone = catalog.compare(dataset, code)
        assert (together[code].columns, together[code].rows) == (alone.columns, alone.rows), code
