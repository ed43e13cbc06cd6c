"""Per-file limits: a file that takes too long becomes an error row, the batch goes on."""
import dataclasses
import time

from pipeline import components
from pipeline.config import Config
from pipeline.run.discover import Source
from pipeline.model import Status
from pipeline.run.process import process_file


@components.component("test_slow")
def _slow(doc):
    if "chậm" in doc.text:
        time.sleep(5)


def test_a_file_over_the_time_limit_is_an_error_and_the_next_one_is_read(tmp_path):
    slow, fast = tmp_path / "slow.txt", tmp_path / "fast.txt"
    slow.write_text("BÁO CÁO\nMột báo cáo chậm.\n", encoding="utf-8")
    fast.write_text("BÁO CÁO\nTổng kết năm 2024.\n", encoding="utf-8")
    config = dataclasses.replace(Config.load(), seconds_per_file=0.5,
                                 components=Config.load().components + ("test_slow",))
    started = time.perf_counter()
    doc = process_file(Source(slow, "slow.txt"), config)
    assert time.perf_counter() - started < 3
    assert doc.status == Status.ERROR and "took longer than" in doc.error
    assert process_file(Source(fast, "fast.txt"), config).status == Status.OK


def test_files_over_the_size_limit_are_refused_with_a_reason(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (2 * 1024 * 1024))
    config = dataclasses.replace(Config.load(), max_file_bytes=1024 * 1024)
    doc = process_file(Source(big, "big.txt"), config)
    assert doc.status == Status.ERROR and "over the 1 MB limit" in doc.error
