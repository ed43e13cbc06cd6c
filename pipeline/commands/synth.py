"""`chitieu synth`: write a synthetic archive with its truth (pipeline/synth/).

Registered on the app in pipeline/cli.py:

    from .commands.synth import synth_command
    app.command("synth")(synth_command)
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table


err = Console(stderr=True)
out_console = Console()


def parse_years(text: str) -> range:
    """"2019-2024" -> range(2019, 2025); "2023" -> range(2023, 2024)."""
    first, sep, last = text.strip().partition("-")
    try:
        start, end = int(first), int(last) if sep else int(first)
    except ValueError:
        raise typer.BadParameter(f"{text!r}: write a year or a range such as 2019-2024", param_hint="--years") from None
    if not (1990 <= start <= end <= 2100):
        raise typer.BadParameter(f"{text!r}: the first year must not come after the last (1990-2100)",
                                 param_hint="--years")
    return range(start, end + 1)


def parse_formats(text: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(f.strip().lower().lstrip(".") for f in text.split(",") if f.strip()))
    from ..synth import FORMATS  # the archive's modules are imported only by this command

    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise typer.BadParameter(f"{', '.join(unknown) or text!r}: choose among {', '.join(FORMATS)}",
                                 param_hint="--formats")
    return formats


def synth_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write (docs/ and the truth); "
                                      "an existing one must hold a previous synth archive.")],
    communes: Annotated[int, typer.Option("--communes", min=1, help="How many communes to invent.")] = 200,
    years: Annotated[str, typer.Option("--years", help="Years reported on, e.g. 2019-2024 "
                                       "(each plan is for the year after).")] = "2019-2024",
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same files.")] = 0,
    formats: Annotated[str, typer.Option("--formats", help="Comma list among txt, docx, pdf (taken in turn).")]
    = "txt,docx,pdf",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    slips: Annotated[float, typer.Option("--slips", min=0.0, max=1.0,
                                         help="Share of year-end reports given one injected slip (a rate over 100%, "
                                              "a pct_of_plan of 800%, a 1,000x value, a wrong change), listed in "
                                              "truth_slips.parquet; seeded by --seed.")] = 0.0,
) -> None:
    """Write a synthetic archive of commune reports and plans, and the truth of every figure and award."""
    from ..synth import FORMATS, synthesize

    span = parse_years(years)
    chosen = parse_formats(formats)
    progress = Progress(SpinnerColumn(), TextColumn("[bold]writing"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), TextColumn("{task.fields[current]}"),
                        console=err, disable=quiet, transient=True)
    task = progress.add_task("writing", total=None, current="")

    def on_start(total: int) -> None:
        progress.update(task, total=total)

    def on_document(rel: str) -> None:
        progress.update(task, advance=1, current=rel[-60:])

    try:
        with progress:
            summary = synthesize(out, communes, span, seed=seed, formats=chosen, on_start=on_start,
                                 on_document=on_document, slips=slips)
    except FileExistsError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    except (RuntimeError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    except KeyboardInterrupt:
        err.print("[yellow]interrupted:[/yellow] the archive is incomplete; run again to rewrite it")
        raise typer.Exit(130) from None
    if summary.skipped:
        err.print(f"[yellow]{summary.skipped}[/yellow]")

    table = Table(title=f"chitieu synth → {summary.out}", header_style="bold")
    for name in ("format", "documents", "pages"):
        table.add_column(name, justify="left" if name == "format" else "right")
    for fmt in FORMATS:
        if summary.documents.get(fmt):
            table.add_row(fmt, str(summary.documents[fmt]), str(summary.pages) if fmt == "pdf" else "")
    table.add_row("[bold]all[/bold]", f"[bold]{summary.total}[/bold]", "")
    out_console.print(table)

    kinds = Table(header_style="bold", title="documents by kind")
    kinds.add_column("year-end reports", justify="right")
    kinds.add_column("half-year reports", justify="right")
    kinds.add_column("plans", justify="right")
    kinds.add_row(str(summary.kinds.get("report", 0)), str(summary.kinds.get("half_year", 0)),
                  str(summary.kinds.get("plan", 0)))
    out_console.print(kinds)

    truth = Table(header_style="bold", title="truth")
    for name in ("figures", "awards", "seconds", "documents/s"):
        truth.add_column(name, justify="right")
    rate = summary.total / summary.seconds if summary.seconds else 0.0
    truth.add_row(str(summary.figures), str(summary.awards), f"{summary.seconds:.1f}", f"{rate:.1f}")
    out_console.print(truth)
    if summary.slips:
        out_console.print(f"{summary.slips} slips injected: {out / 'truth_slips.parquet'}")
    out_console.print(f"read it with:  chitieu run {out / 'docs'} --out DATASET", soft_wrap=True)
    out_console.print(f"score it with: python -c \"from pipeline.synth import score; "
                      f"print(score('DATASET', '{out}'))\"", soft_wrap=True)
