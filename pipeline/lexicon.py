"""Read the data files in lexicons/ (once per process)."""
from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `lexicons/<name>.tsv` as dicts keyed by its header; `#` lines are comments."""
    text = files("lexicons").joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        values = line.split("\t")
        rows.append({key: (values[i].strip() if i < len(values) else "") for i, key in enumerate(header)})
    return tuple(rows)


def column(name: str, key: str) -> tuple[str, ...]:
    return tuple(row[key] for row in table(name) if row[key])
