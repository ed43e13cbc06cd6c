"""`chitieu lexicon unmapped` and `chitieu lexicon add`: the analyst's lexicon-curation loop
(pipeline/dataset/unmapped.py).

Registered on the app in pipeline/cli.py:

    from .commands.lexicon import lexicon_app
    app.add_typer(lexicon_app, name="lexicon")
"""
from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console

from ..dataset.writer import MANIFEST

err = Console(stderr=True)
lexicon_app = typer.Typer(no_args_is_help=True, help="Grow the lexicon from the subjects a dataset left `other`.")


@lexicon_app.command("unmapped")
def unmapped_command(
    dataset: Path = typer.Argument(..., help="An output folder of chitieu run."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the TSV here (default: standard output)."),
    limit: int = typer.Option(100, "--limit", help="Subjects to list (0: all)."),
    min_count: int = typer.Option(1, "--min-count", help="Only subjects of at least this many figures."),
) -> None:
    """The most frequent subjects coded `other`, with examples and the nearest codes, as a TSV to
    edit: fill `code`, then `chitieu lexicon add EDITED.tsv --lexicons DIR`."""
    from ..dataset import unmapped as curation  # here, not at start-up: it loads DuckDB and the subject model

    if not (dataset / MANIFEST).exists():
        raise typer.BadParameter(f"{dataset} is not a chitieu dataset: give the --out folder of chitieu run",
                                 param_hint="DATASET")
    items = curation.unmapped(dataset, limit, min_count)
    text = curation.to_tsv(items)
    if out:
        out.write_text(text, encoding="utf-8")
        err.print(f"{len(items)} subjects coded other → {out}: fill the code column, then "
                  f"chitieu lexicon add {out} --lexicons DIR")
    else:
        sys.stdout.write(text)


@lexicon_app.command("add")
def add_command(
    edited: Path = typer.Argument(..., help="The TSV of chitieu lexicon unmapped, its code column filled."),
    lexicons: Path = typer.Option(..., "--lexicons", help="Your lexicon folder (the one chitieu run --lexicons reads)."),
) -> None:
    """Append the coded rows to DIR/indicator_forms.tsv: the next `chitieu run --lexicons DIR` uses them."""
    from ..dataset import unmapped as curation
    try:
        added, target = curation.add(edited, lexicons)
    except curation.CurationError as exc:
        raise typer.BadParameter(str(exc), param_hint="EDITED") from None
    err.print(f"{added} forms added to {target}: run chitieu run ... --lexicons {lexicons}")
