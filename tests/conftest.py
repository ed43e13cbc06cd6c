"""Shared fixtures: paths to the project's own fixtures and, when present, the shared corpora."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import Config
from pipeline.ingest import assemble, read
from pipeline.model import Document
from pipeline.run.process import doc_id_of

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def config() -> Config:
    return Config.load()


def document_from_text(text: str, name: str = "doc.txt") -> Document:
    """Run ingest and the configured components on a text written in a test."""
    from pipeline import components

    data = text.encode("utf-8")
    doc = assemble(read(data, ".txt"), doc_id_of(data), name)
    for component in Config.load().components:
        components.get(component)(doc)
    return doc


def shared_or_skip(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpora sit beside the clone in CI only")
    return path
