"""The `chitieu` command line (typer + rich)."""
from __future__ import annotations

import difflib
import json
import shutil
import signal
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__, components, lexicon
from .commands import output
from .commands.lexicon import lexicon_app
from .commands.synth import synth_command
from .config import Config
from .dataset import comparison
from .dataset.writer import MANIFEST, OutputError
from .run.batch import Options, RunSummary, run
from .run.cache import Cache, fingerprint
from .run.discover import discover
from .run.engines import default_workers
from .run.interrupts import Interrupted
from .dataset.lock import Busy

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


def _previous_fingerprint(out: Path) -> str | None:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8")).get("fingerprint")
    except (OSError, ValueError):
        return None


@app.command("run")
def run_command(
    inputs: list[Path] = typer.Argument(..., help="Files and folders to read (folders recursively)."),
    out: Path = typer.Option(Path("data/processed"), "--out", "-o", help="Output folder (replaced as a whole)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 if any file could not be read."),
    config_path: Path | None = typer.Option(None, "--config", help="A config.toml other than the default."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    lexicons: list[Path] = typer.Option([], "--lexicons", help="A folder of extra lexicon TSV files (your synonyms)."),
    workers: int = typer.Option(0, "--workers", "-j", help="Worker processes (0: all cores)."),
    engine: str = typer.Option("local", "--engine", help="local (process pool) or dask."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://host:8786); "
                                         "without it --engine dask starts a local cluster."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Extract every file again; do not read or fill the cache."),
    cache_dir: Path | None = typer.Option(None, "--cache-dir", help="Cache folder (default: .chitieu-cache beside --out)."),
    corrections: Path | None = typer.Option(None, "--corrections", help="A TSV of your fixes (doc_id, char_start, "
                                            "field, value), applied on every run."),
) -> None:
    """Read reports and write the documents, indicators, awards and texts datasets."""
    fixes = None
    if corrections:
        from .dataset import corrections as corrections_file

        try:
            fixes = corrections_file.load(corrections)
        except corrections_file.CorrectionsError as exc:
            raise typer.BadParameter(str(exc), param_hint="--corrections") from None
    for folder in lexicons:
        if not folder.is_dir():
            raise typer.BadParameter(f"{folder} is not a folder: give the folder holding your .tsv files",
                                     param_hint="--lexicons")
    if lexicons:
        lexicon.use_extra(*lexicons)
    missing = [p for p in inputs if not p.exists()]
    if missing:
        raise typer.BadParameter(f"{', '.join(map(str, missing))} not found: check the path", param_hint="INPUTS")
    if not discover(inputs):
        err.print(f"[red]no files found[/red] in {', '.join(map(str, inputs))}: give the folder holding the "
                  "reports (.txt, .docx, .pdf, .doc); nothing was written")
        raise typer.Exit(2)
    if engine not in ("local", "dask"):
        raise typer.BadParameter(f"{engine!r}: choose local or dask", param_hint="--engine")
    try:
        config = Config.load(config_path)
        components.load(config.plugins)  # a config's plugins register components of its own
        for name in config.components:
            components.get(name)
    except (OSError, KeyError, ValueError, ImportError) as exc:
        raise typer.BadParameter(f"{exc}: fix the config file", param_hint="--config") from exc
    cache_folder = None if no_cache else (cache_dir or out.resolve().parent / ".chitieu-cache")
    previous = _previous_fingerprint(out)
    if cache_folder and previous and previous != fingerprint(config):
        err.print("[yellow]lexicons, configuration or chitieu changed since the last run:[/yellow] "
                  "every file is extracted again")
    options = Options(workers=workers or default_workers(), engine=engine, scheduler=scheduler, cache_dir=cache_folder,
                      corrections=fixes)

    progress = Progress(
        SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), TextColumn("{task.fields[current]}"),
        console=err, disable=quiet, transient=False,
    )
    task = progress.add_task("reading", total=None, current="")

    def on_start(total: int) -> None:
        progress.update(task, total=total)

    def on_done(rows) -> None:
        progress.update(task, advance=1, current=rows.source_path[-60:])

    try:
        with progress:
            summary = run(inputs, out, config, options, on_start=on_start, on_done=on_done)
            progress.update(task, current="written")
    except (OutputError, Busy) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    except KeyboardInterrupt as exc:
        signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
        err.print(f"[yellow]interrupted ({signal.Signals(signum).name}):[/yellow] nothing was written; the previous "
                  "dataset is untouched (documents done so far are cached: the next run resumes)")
        raise typer.Exit(128 + signum) from None
    except RuntimeError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    from .dataset import catalog

    for warning in summary.warnings:
        err.print(f"[yellow]warning:[/yellow] {warning}")
    try:
        catalog.write_catalog(out)
    except OutputError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    if summary.units:
        out_console.print(_units_table(summary))
    out_console.print(_summary_table(summary))
    if cache_folder:
        entries, size = Cache(cache_folder, config).size()
        out_console.print(f"cache {cache_folder}: {summary.cache_hits} reused, {summary.cache_misses} extracted; "
                          f"{entries} entries, {size / 2**20:.1f} MB")
    if summary.corrections is not None:
        c = summary.corrections
        out_console.print(f"corrections: {c['applied']} applied ({c['rows_changed']} rows changed, "
                          f"{c['rows_rejected']} rejected), {len(c['unmatched'])} matching no row")
    if summary.problems:
        out_console.print(_problems_table(summary))
    if strict and summary.problems and summary.statuses.get("error", 0):
        err.print("[red]--strict:[/red] some files could not be read (see the table above)")
        raise typer.Exit(1)


FORMAT_HELP = "table (for people: Vietnamese notation), csv or json (for machines: raw numbers), markdown."


def _format(fmt: str) -> str:
    if fmt not in output.FORMATS:
        raise typer.BadParameter(f"{fmt!r}: choose {', '.join(output.FORMATS)}", param_hint="--format")
    return fmt


@app.command("sql")
def sql_command(
    dataset: Path = typer.Argument(..., help="An output folder of chitieu run."),
    query: str = typer.Argument(..., help="SQL over the views documents, indicators, awards, texts, indicator_wide, targets, indicator_flags "
                                          "(all_indicators, all_awards: with the rows of copies of a report)."),
    limit: int = typer.Option(50, "--limit", help="Rows to show (0: all)."),
    fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
) -> None:
    """Run a DuckDB query over a dataset and show the result."""
    import duckdb

    from .dataset import catalog

    _require_dataset(dataset)
    _format(fmt)
    try:
        result = catalog.connect(dataset).execute(query)
        columns = [d[0] for d in result.description or []]
        types = [d[1] for d in result.description or []]
        rows = result.fetchall() if limit <= 0 else result.fetchmany(limit)
    except duckdb.Error as exc:
        err.print(f"[red]error:[/red] {str(exc).splitlines()[0]}: fix the query")
        raise typer.Exit(2) from exc
    output.render(columns, output.clean(columns, rows, types), fmt, out_console)
    if limit > 0 and len(rows) == limit and result.fetchone() is not None:
        err.print(f"first {limit} rows shown: --limit 0 shows all")


def _known_indicator(dataset: Path, indicator: str) -> None:
    """A code neither in the catalogue nor in the dataset is a typo: say which codes are close."""
    from .dataset import catalog

    codes = set(lexicon.column("indicators", "code"))
    codes |= {r[0] for r in catalog.connect(dataset).execute("SELECT DISTINCT indicator FROM all_indicators").fetchall()}
    if indicator in codes:
        return
    close = difflib.get_close_matches(indicator, sorted(codes), n=3, cutoff=0.6)
    hint = f"did you mean {' or '.join(close)}?" if close else "the codes are in lexicons/indicators.tsv"
    raise typer.BadParameter(f"unknown indicator {indicator!r}: {hint}", param_hint="--indicator")


@app.command("compare")
def compare_command(
    dataset: Path = typer.Argument(..., help="An output folder of chitieu run."),
    indicator: str = typer.Option(..., "--indicator", help="An indicator code, e.g. poverty_rate."),
    by: str = typer.Option("commune", "--by", help="commune, district or province."),
    years: str | None = typer.Option(None, "--years", help="A range such as 2020-2024."),
    province: str | None = typer.Option(None, "--province"),
    district: str | None = typer.Option(None, "--district"),
    measure: str = typer.Option("value", "--measure", help="value, target, pct_of_plan, pct_of_prior, change_pct, change."),
    period: str = typer.Option("year", "--period", help="year (full years), H1, H2, Q1..Q4, 9M, M01..M12, or any "
                                                       "(every period, each on its own row)."),
    fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
    csv: Path | None = typer.Option(None, "--csv", help="Also save the table as CSV."),
    xlsx: Path | None = typer.Option(None, "--xlsx", help="Also save the table as an Excel sheet."),
) -> None:
    """One indicator for communes (or districts, provinces) over years."""
    from .dataset import catalog  # DuckDB: imported by the commands that query

    _require_dataset(dataset)
    _format(fmt)
    if by not in comparison.LEVELS:
        raise typer.BadParameter("choose commune, district or province", param_hint="--by")
    if period not in comparison.PERIODS:
        raise typer.BadParameter(f"{period!r}: choose {', '.join(comparison.PERIODS)}", param_hint="--period")
    if measure not in catalog.MEASURES:
        raise typer.BadParameter(f"{measure!r}: choose {', '.join(catalog.MEASURES)}", param_hint="--measure")
    span = None
    if years:
        try:
            first, _, last = years.partition("-")
            span = (int(first), int(last or first))
        except ValueError:
            raise typer.BadParameter(f"{years!r}: write a range such as 2020-2024", param_hint="--years") from None
    _known_indicator(dataset, indicator)
    result = catalog.compare(dataset, indicator, by, span, province, district, measure, period)
    title = f"{indicator} ({measure}, {period}) by {by}"
    rows = result.rows
    if fmt in ("table", "markdown"):  # for people: one scale for every figure, named in the title
        first = len(result.columns) - sum(c.isdigit() for c in result.columns)
        factor, label = output.common_scale([v for r in rows for v in r[first:]], result.unit)
        rows = [(*r[:first], *[None if v is None else v / factor for v in r[first:]]) for r in rows]
        title += f", {label}" if label else ""
    output.render(result.columns, rows, fmt, out_console, title=title if fmt in ("table", "markdown") else None)
    for note in result.notes:
        err.print(f"note: {note}")
    if not result.rows:
        err.print(f"no figures of {indicator!r} ({measure}, period {period}): check the filters")
    if csv or xlsx:
        import pandas as pd

        frame = pd.DataFrame(result.rows, columns=result.columns)
        if csv:
            frame.to_csv(csv, index=False)
        if xlsx:
            try:
                frame.to_excel(xlsx, index=False)
            except ImportError as exc:
                raise typer.BadParameter("saving .xlsx needs openpyxl: pip install openpyxl", param_hint="--xlsx") from exc


@app.command("targets")
def targets_command(
    dataset: Path = typer.Argument(..., help="An output folder of chitieu run."),
    province: str | None = typer.Option(None, "--province"),
    district: str | None = typer.Option(None, "--district"),
    indicator: str | None = typer.Option(None, "--indicator", help="An indicator code, e.g. poverty_rate."),
    year: int | None = typer.Option(None, "--year", help="The year the targets are for."),
    summary: bool = typer.Option(False, "--summary", help="Per commune: how many targets were met."),
    fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
    csv: Path | None = typer.Option(None, "--csv", help="Also save the table as CSV."),
) -> None:
    """Targets of plans and resolutions against the year's results (the `targets` view), by unit."""
    from .dataset import catalog, targets  # DuckDB: imported by the commands that query

    _require_dataset(dataset)
    _format(fmt)
    if indicator:
        _known_indicator(dataset, indicator)
    con = catalog.connect(dataset)
    if summary:
        columns = ["province", "district", "commune", "unit", "targets", "met", "not met", "no result", "% met"]
        rows = targets.tally(con)
    else:
        columns = list(targets.COLUMNS)
        rows = targets.rows(con, province, district, indicator, year)
    output.render(columns, rows, fmt, out_console)
    if not rows:
        err.print("no targets: check the filters (targets come from `target` figures with a known target_year)")
    if csv:
        import pandas as pd

        pd.DataFrame(rows, columns=columns).to_csv(csv, index=False)


@app.command("report")
def report_command(
    dataset: Path = typer.Argument(..., help="An output folder of chitieu run."),
    out: Path = typer.Option(Path("data/report"), "--out", "-o", help="Folder of the HTML site (replaced)."),
    indicator: list[str] = typer.Option([], "--indicator", help="Indicators to compare (default: the most found)."),
) -> None:
    """Write a static HTML site to review a dataset: overview, comparisons, every document."""
    from .report.site import write_report

    _require_dataset(dataset)
    try:
        summary = write_report(dataset, out, indicator or None)
    except FileExistsError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    out_console.print(f"report of {summary.documents} documents: open {(out / 'index.html').resolve().as_uri()}")


@app.command("catalog")
def catalog_command(dataset: Path = typer.Argument(..., help="An output folder of chitieu run.")) -> None:
    """(Re)write DATASET/catalog.duckdb, the views a BI tool opens."""
    from .dataset import catalog

    _require_dataset(dataset)
    try:
        out_console.print(f"wrote {catalog.write_catalog(dataset)}")
    except OutputError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None


def _require_dataset(dataset: Path) -> None:
    if not (dataset / MANIFEST).exists():
        raise typer.BadParameter(f"{dataset} is not a chitieu dataset: give the --out folder of chitieu run",
                                 param_hint="DATASET")


@app.command("cache")
def cache_command(
    folder: Path = typer.Argument(Path("data/.chitieu-cache"), help="The cache folder."),
    clear: bool = typer.Option(False, "--clear", help="Delete the cache."),
) -> None:
    """Report the cache's size, or clear it."""
    if clear:
        shutil.rmtree(folder, ignore_errors=True)
        out_console.print(f"cleared {folder}")
        return
    entries, size = Cache(folder, Config.load()).size()
    out_console.print(f"{folder}: {entries} entries, {size / 2**20:.1f} MB")


app.command("synth")(synth_command)
app.add_typer(lexicon_app, name="lexicon")


@app.command("components")
def components_command() -> None:
    """List the registered pipeline components."""
    for name in components.names():
        out_console.print(name)


if __name__ == "__main__":
    app()
