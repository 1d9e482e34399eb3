"""CLI commands for municipal records: validate, template, voorbeelddata."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from cli.common import console, friendly_errors, setup_logging
from pipelines.gemeente import resolve_gemeenten
from pipelines.records import Problem, RecordsResult, load_records
from pipelines.records.report import write_report
from pipelines.settings import load_settings

SEVERITY_STYLE = {"fout": "bold red", "waarschuwing": "yellow"}


def _problem_table(title: str, problems: list[Problem]) -> Table:
    table = Table(title=title, show_lines=True, title_justify="left")
    for name in ("ernst", "bestand", "rij", "kolom", "waarde", "melding", "oplossing"):
        table.add_column(name, overflow="fold")
    for p in problems:
        table.add_row(
            f"[{SEVERITY_STYLE.get(p.severity, '')}]{p.severity}[/]",
            p.file,
            "" if p.row is None else str(p.row),
            p.column or "",
            p.value or "",
            p.message,
            p.hint,
        )
    return table


def _counts_table(result: RecordsResult) -> Table:
    table = Table(title="Regels per bestand", title_justify="left")
    for name in ("soort", "bestand", "ingelezen", "opgeslagen", "afgewezen"):
        table.add_column(name, justify="right" if name != "soort" else "left")
    for record_type, counts in result.row_counts.items():
        table.add_row(
            record_type,
            result.files.get(record_type, "-"),
            str(counts["input"]),
            str(counts["stored"]),
            str(counts["rejected"]),
        )
    return table


def _show(naam: str, result: RecordsResult) -> None:
    console.rule(f"Gemeente {naam}")
    if result.voorbeelddata:
        console.print("[bold]Let op: dit zijn voorbeelddata (fictief).[/]")
    console.print(_counts_table(result))
    if result.problems:
        console.print(_problem_table("Meldingen", result.problems))
    style = "bold red" if result.errors else "bold green"
    console.print(
        f"[{style}]{len(result.errors)} fout(en), {len(result.warnings)} "
        "waarschuwing(en).[/]"
    )


@friendly_errors
def validate(
    gemeente: Annotated[str, typer.Option(help="Gemeente: slug, GM-code of 'all'.")],
    records: Annotated[Path, typer.Option(help="Map met de bestanden.")],
    report: Annotated[
        Path | None,
        typer.Option(help="Schrijf het rapport ook naar dit .csv- of .xlsx-bestand."),
    ] = None,
    verbose: bool = False,
) -> None:
    """Check municipal record files without building; exit code 1 on errors."""
    setup_logging(verbose)
    settings = load_settings()
    problems: list[Problem] = []
    n_errors = 0
    for config in resolve_gemeenten(settings.gemeenten_dir, gemeente):
        result = load_records(records, config)
        _show(config.naam, result)
        problems += result.problems
        n_errors += len(result.errors)
    if report is not None:
        write_report(problems, report)
        console.print(f"Rapport geschreven naar {report}.")
    if n_errors:
        raise typer.Exit(code=1)


@friendly_errors
def template(
    out: Annotated[Path, typer.Option(help="Map voor de sjablonen.")],
    gemeente: Annotated[
        str | None,
        typer.Option(help="Voeg een keuzelijst met de kernen van deze gemeente toe."),
    ] = None,
) -> None:
    """Write blank XLSX and CSV templates with Dutch instructions."""
    from pipelines.records.templates import write_templates

    config = None
    if gemeente:
        config = resolve_gemeenten(load_settings().gemeenten_dir, gemeente)[0]
    for path in write_templates(out, config):
        console.print(f"Geschreven: {path}")


@friendly_errors
def voorbeelddata(
    out: Annotated[Path, typer.Option(help="Doelmap.")] = Path("data/voorbeelddata"),
    gemeente: Annotated[str, typer.Option(help="Gemeente of 'all'.")] = "all",
) -> None:
    """Regenerate the fictitious example records (fixed seed, reproducible)."""
    from pipelines.records.voorbeelddata import generate

    settings = load_settings()
    for config in resolve_gemeenten(settings.gemeenten_dir, gemeente):
        folder = generate(config, out, settings.snapshot_dir)
        console.print(f"Voorbeelddata voor {config.naam} geschreven naar {folder}.")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command("validate")(validate)
    app.command("template")(template)
    app.command("voorbeelddata")(voorbeelddata)
