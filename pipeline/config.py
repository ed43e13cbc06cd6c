"""The run configuration: which components, which limits (pipeline/config.toml by default)."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Config:
    components: tuple[str, ...]
    max_file_bytes: int
    plugins: tuple[str, ...] = ()  # modules that register extra components (a project's own rules)
    seconds_per_file: float = 600.0
    memory_per_worker_bytes: int = 4096 * 1024 * 1024
    max_text_chars: int = 2_000_000  # a document's text; 0: no limit
    max_figures_per_document: int = 50_000  # figures and awards of one document; 0: no limit

    @classmethod
    def load(cls, path: Path | None = None) -> "Config":
        text = path.read_text(encoding="utf-8") if path else files("pipeline").joinpath("config.toml").read_text(encoding="utf-8")
        data = tomllib.loads(text)
        limits = data.get("limits", {})
        return cls(
            components=tuple(data["pipeline"]["components"]),
            plugins=tuple(data["pipeline"].get("plugins", ())),
            max_file_bytes=int(float(limits.get("max_file_mb", 200)) * 1024 * 1024),
            seconds_per_file=float(limits.get("seconds_per_file", 600)),
            memory_per_worker_bytes=int(float(limits.get("memory_per_worker_mb", 4096)) * 1024 * 1024),
            max_text_chars=int(limits.get("max_text_chars", 2_000_000)),
            max_figures_per_document=int(limits.get("max_figures_per_document", 50_000)),
        )
