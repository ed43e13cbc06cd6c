"""The `chitieu` command line (typer + rich)."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__, components, lexicon
from .config import Config
from .run import RunSummary, run
from .writer import OutputError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Mine indicator figures and award counts out of Vietnamese local-government reports.",
)
err = Console(stderr=True)
out_console = Console()


def _version(value: bool) -> None:
    if value:
        out_console.print(f"chitieu {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """chitieu reads .txt, .docx and .pdf reports and writes a Parquet dataset."""


def _summary_table(summary: RunSummary) -> Table:
    table = Table(title=f"chitieu run → {summary.out}", show_header=True, header_style="bold")
    table.add_column("documents ok", justify="right")
    table.add_column("error", justify="right")
    table.add_column("skipped", justify="right")
    table.add_column("figures", justify="right")
    table.add_column("awards", justify="right")
    table.add_column("seconds", justify="right")
    table.add_row(
        str(summary.statuses.get("ok", 0)), str(summary.statuses.get("error", 0)),
        str(summary.statuses.get("skipped", 0)), str(summary.figures), str(summary.awards),
        f"{summary.seconds:.1f}",
    )
    return table


def _units_table(summary: RunSummary, limit: int = 25) -> Table:
    table = Table(title="documents read, by unit and period", header_style="bold")
    for name in ("province", "unit", "year", "type", "documents"):
        table.add_column(name, justify="right" if name in ("year", "documents") else "left")
    keys = sorted(summary.units, key=lambda k: (k[0], k[1], k[2] or 0, k[3]))
    for province, locality, year, doc_type in keys[:limit]:
        table.add_row(province or "?", locality or "?", str(year or "?"), doc_type or "?",
                      str(summary.units[(province, locality, year, doc_type)]))
    if len(keys) > limit:
        table.add_row(f"... and {len(keys) - limit} more", "", "", "", "")
    return table


def _problems_table(summary: RunSummary, limit: int = 20) -> Table:
    table = Table(title="files not read (also in documents.status / documents.error)", header_style="bold")
    table.add_column("file", overflow="fold")
    table.add_column("status")
    table.add_column("reason", overflow="fold")
    for path, status, reason in summary.problems[:limit]:
        table.add_row(path, status, reason)
    if len(summary.problems) > limit:
        table.add_row(f"... and {len(summary.problems) - limit} more", "", "")
    return table


@app.command("run")
def run_command(
    inputs: list[Path] = typer.Argument(..., help="Files and folders to read (folders recursively)."),
    out: Path = typer.Option(Path("data/processed"), "--out", "-o", help="Output folder (replaced as a whole)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 if any file could not be read."),
    config_path: Path | None = typer.Option(None, "--config", help="A config.toml other than the default."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    lexicons: list[Path] = typer.Option([], "--lexicons", help="A folder of extra lexicon TSV files (your synonyms)."),
) -> None:
    """Read reports and write the documents, indicators, awards and texts datasets."""
    for folder in lexicons:
        if not folder.is_dir():
            raise typer.BadParameter(f"{folder} is not a folder: give the folder holding your .tsv files",
                                     param_hint="--lexicons")
    if lexicons:
        lexicon.use_extra(*lexicons)
    missing = [p for p in inputs if not p.exists()]
    if missing:
        raise typer.BadParameter(f"{', '.join(map(str, missing))} not found: check the path", param_hint="INPUTS")
    try:
        config = Config.load(config_path)
        for name in config.components:
            components.get(name)
    except (OSError, KeyError, ValueError) as exc:
        raise typer.BadParameter(f"{exc}: fix the config file", param_hint="--config") from exc

    progress = Progress(
        SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), TextColumn("{task.fields[current]}"),
        console=err, disable=quiet, transient=False,
    )
    task = progress.add_task("reading", total=None, current="")

    def on_start(total: int) -> None:
        progress.update(task, total=total)

    def on_file(source) -> None:
        progress.update(task, current=source.rel[-60:])

    def on_done(_doc) -> None:
        progress.advance(task)

    try:
        with progress:
            summary = run(inputs, out, config, on_start=on_start, on_file=on_file, on_done=on_done)
            progress.update(task, current="written")
    except OutputError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    except KeyboardInterrupt:
        err.print("[yellow]interrupted:[/yellow] nothing was written; the previous dataset is untouched")
        raise typer.Exit(130) from None
    if summary.units:
        out_console.print(_units_table(summary))
    out_console.print(_summary_table(summary))
    if summary.problems:
        out_console.print(_problems_table(summary))
    if strict and summary.problems and summary.statuses.get("error", 0):
        err.print("[red]--strict:[/red] some files could not be read (see the table above)")
        raise typer.Exit(1)


@app.command("components")
def components_command() -> None:
    """List the registered pipeline components."""
    for name in components.names():
        out_console.print(name)
