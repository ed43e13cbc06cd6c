from typer.testing import CliRunner

from pipeline import __version__
from pipeline.cli import app

runner = CliRunner()


def _archive(tmp_path, bad: bool):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text("Số: 1/BC-UBND\nBÁO CÁO\nTổng kết năm 2024\n", encoding="utf-8")
    if bad:
        (root / "b.pdf").write_bytes(b"%PDF-1.4 broken")
    return root


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout


def test_run_completes_with_a_summary_even_when_files_fail(tmp_path):
    result = runner.invoke(app, ["run", str(_archive(tmp_path, bad=True)), "--out", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 0, result.output
    assert "documents ok" in result.stdout and "b.pdf" in result.stdout
    assert (tmp_path / "o" / "documents").is_dir()


def test_strict_exits_1_when_a_file_failed(tmp_path):
    result = runner.invoke(app, ["run", str(_archive(tmp_path, bad=True)), "--out", str(tmp_path / "o"), "-q", "--strict"])
    assert result.exit_code == 1


def test_strict_exits_0_when_all_files_were_read(tmp_path):
    result = runner.invoke(app, ["run", str(_archive(tmp_path, bad=False)), "--out", str(tmp_path / "o"), "-q", "--strict"])
    assert result.exit_code == 0, result.output


def test_usage_errors_exit_2_and_say_what_to_do(tmp_path):
    result = runner.invoke(app, ["run", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "check the path" in result.output
    result = runner.invoke(app, ["run", "--bogus"])
    assert result.exit_code == 2


def test_an_output_folder_of_other_files_is_refused_with_exit_2(tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    result = runner.invoke(app, ["run", str(_archive(tmp_path, bad=False)), "--out", str(out), "-q"])
    assert result.exit_code == 2 and "empty or new folder" in result.output


def test_the_summary_tells_a_half_year_report_from_the_year_s(tmp_path):
    """One commune's 6-month and year-end reports of one year are two periods, not 2 documents of one."""
    root = tmp_path / "in"
    root.mkdir()
    head = "UBND XÃ ĐÔNG SƠN\nSố: {n}/BC-UBND\nBÁO CÁO\n{title}\nTổng thu ngân sách xã đạt 4,2 tỷ đồng.\n"
    (root / "h1.txt").write_text(head.format(n=31, title="Kết quả 6 tháng đầu năm 2024"), encoding="utf-8")
    (root / "year.txt").write_text(head.format(n=88, title="Tổng kết năm 2024"), encoding="utf-8")
    result = runner.invoke(app, ["run", str(root), "--out", str(tmp_path / "o"), "-q"], terminal_width=120)
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if "Đông Sơn" in line]
    assert len(rows) == 2 and any("H1" in r for r in rows) and any("year" in r for r in rows), result.stdout
