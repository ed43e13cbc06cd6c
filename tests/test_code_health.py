"""The tree carries no dead code of the kinds merges leave behind: unused imports (F401),
redefinitions (F811), unused locals (F841) and undefined names (F821), checked with ruff."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECKS = "F401,F811,F821,F841"
FOLDERS = ("pipeline", "extractors", "scripts", "benchmarks", "tests")


def _ruff() -> list[str] | None:
    beside = Path(sys.executable).with_name("ruff")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("ruff")
    return [found] if found else None


def test_no_unused_imports_locals_or_undefined_names():
    ruff = _ruff()
    if ruff is None:
        pytest.skip("ruff is not installed: pip install -e '.[test]'")
    result = subprocess.run([*ruff, "check", "--no-cache", "--select", CHECKS, "--output-format", "concise", *FOLDERS],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
