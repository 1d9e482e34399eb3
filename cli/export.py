"""``kernenkaart export``: kern profiles, gebiedstafel agendas, map images, batch."""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from cli.common import console, friendly_errors, setup_logging
from pipelines.gemeente import resolve_gemeenten
from pipelines.settings import load_settings
from pipelines.store import store_path

export_app = typer.Typer(
    help="Documents for briefings and the gebiedstafel (PDF, XLSX, PNG/SVG).",
    no_args_is_help=True,
)

GemeenteOpt = Annotated[str, typer.Option(help="Gemeente: slug, GM-code or name.")]
BuildDirOpt = Annotated[
    Path | None, typer.Option(help="Folder with the stores (default: build/).")
]
AudienceOpt = Annotated[str, typer.Option(help="Store to use: intern or openbaar.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v")]


def _quiet() -> None:
    """kaleido/choreographer log every browser step at INFO: noise for a user."""
    import logging

    for name in ("kaleido", "choreographer", "logistro", "asyncio"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _exports() -> Any:
    """Import the ``exports`` package lazily (it pulls in plotly and playwright)."""
    _quiet()
    import exports

    return exports


def _load(gemeente: str, build_dir: Path | None, audience: str) -> tuple[Any, Any]:
    """The store of one gemeente (as GemeenteData) and the indicator catalogue."""
    from pipelines.catalogue import load_catalogue
    from pipelines.dashboard_data import load_gemeente_data

    settings = load_settings(build_dir=build_dir, audience=audience)
    configs = resolve_gemeenten(settings.gemeenten_dir, gemeente)
    if len(configs) != 1:
        from pipelines.errors import ConfigError

        raise ConfigError("Choose one gemeente for an export, not 'all'.")
    path = store_path(settings.build_dir, configs[0].slug, settings.audience)
    data = load_gemeente_data(path)
    # an export from an intern store holds personal data: in the audit log
    from access import audit_cli_export

    audit_cli_export(settings, configs[0].slug, "kernenkaart " + " ".join(sys.argv[1:]))
    return data, load_catalogue(settings.geodata_dir / "indicators.toml")


def _done(path: Path) -> None:
    console.print(f"[green]geschreven[/] {path}", highlight=False)


@export_app.command("profiel")
@friendly_errors
def profiel(
    gemeente: GemeenteOpt,
    kern: Annotated[str, typer.Option(help="Kern: slug or name.")],
    out: Annotated[Path | None, typer.Option(help="PDF file to write.")] = None,
    build_dir: BuildDirOpt = None,
    audience: AudienceOpt = "intern",
    verbose: VerboseOpt = False,
) -> None:
    """Kernprofiel as an A4 PDF."""
    setup_logging(verbose)
    ex = _exports()
    data, catalogue = _load(gemeente, build_dir, audience)
    pdf = ex.profiel_pdf(data, kern, catalogue)
    from exports.selection import find_kern

    target = out or Path(f"kernprofiel-{find_kern(data, kern)}.pdf")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pdf)
    _done(target)


@export_app.command("gebiedstafel")
@friendly_errors
def gebiedstafel(
    gemeente: GemeenteOpt,
    gebied: Annotated[str, typer.Option(help="Gebied: slug, name or id.")],
    out: Annotated[Path, typer.Option(help="Folder for the XLSX and PDF.")] = Path("."),
    build_dir: BuildDirOpt = None,
    audience: AudienceOpt = "intern",
    pdf: Annotated[bool, typer.Option(help="Also write the PDF.")] = True,
    verbose: VerboseOpt = False,
) -> None:
    """Gebiedstafel agenda as XLSX (overview + sheet per kern) and PDF."""
    setup_logging(verbose)
    ex = _exports()
    from exports.selection import find_gebied

    data, _ = _load(gemeente, build_dir, audience)
    slug = find_gebied(data, gebied).slug
    out.mkdir(parents=True, exist_ok=True)
    xlsx_path = out / f"gebiedstafel-{slug}.xlsx"
    xlsx_path.write_bytes(ex.gebiedstafel_xlsx(data, gebied))
    _done(xlsx_path)
    if pdf:
        pdf_path = out / f"gebiedstafel-{slug}.pdf"
        pdf_path.write_bytes(ex.gebiedstafel_pdf(data, gebied))
        _done(pdf_path)


@export_app.command("kaart")
@friendly_errors
def kaart(
    gemeente: GemeenteOpt,
    out: Annotated[Path, typer.Option(help="Image file: .png or .svg.")],
    overlay: Annotated[str, typer.Option(help="Overlay key of the Kaart.")] = "",
    indicator: Annotated[str, typer.Option(help="Indicator key.")] = "aantal_inwoners",
    jaar: Annotated[str, typer.Option(help="Filter: year or 'alle'.")] = "alle",
    thema: Annotated[str, typer.Option(help="Filter: thema or 'alle'.")] = "alle",
    eigenaar: Annotated[str, typer.Option(help="Filter: eigenaar or 'alle'.")] = "alle",
    regeling: Annotated[str, typer.Option(help="Filter: regeling or 'alle'.")] = "alle",
    kern: Annotated[str | None, typer.Option(help="Selected kern (slug).")] = None,
    build_dir: BuildDirOpt = None,
    audience: AudienceOpt = "intern",
    verbose: VerboseOpt = False,
) -> None:
    """Map view as a 1920x1080 slide (PNG or SVG) with legend and source line."""
    setup_logging(verbose)
    ex = _exports()
    from pipelines.dashboard_data import Filters

    data, catalogue = _load(gemeente, build_dir, audience)
    filters = Filters(jaar, thema, eigenaar, regeling, indicator)
    fmt = out.suffix.lower().lstrip(".") or "png"
    image = ex.map_image(data, overlay, filters, catalogue, fmt, selected=kern)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(image)
    _done(out)


@export_app.command("all")
@friendly_errors
def export_all(
    gemeente: GemeenteOpt,
    out: Annotated[Path, typer.Option(help="Output folder.")],
    build_dir: BuildDirOpt = None,
    audience: AudienceOpt = "intern",
    verbose: VerboseOpt = False,
) -> None:
    """Every kern profile PDF and every gebiedstafel XLSX + PDF; failures summarised."""
    setup_logging(verbose)
    ex = _exports()
    from exports.batch import plan_batch

    data, catalogue = _load(gemeente, build_dir, audience)
    total = len(plan_batch(data, out))
    started = time.perf_counter()
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("start", total=total)
        first = [True]

        def step(message: str) -> None:
            bar.update(task, description=message, advance=0 if first[0] else 1)
            first[0] = False

        result = ex.export_all(data, catalogue, out, step=step, today=date.today())
        bar.update(task, completed=total)
    _summary(result, total, time.perf_counter() - started, out)
    if not result.ok:
        raise typer.Exit(code=1)


def _summary(result: Any, total: int, seconds: float, out: Path) -> None:
    console.print(
        f"{len(result.written)} bestanden geschreven naar {out} in {seconds:.1f} s; "
        f"{total - len(result.failed)} van {total} documenten gelukt.",
        highlight=False,
    )
    if result.failed:
        table = Table(title="Mislukt", title_justify="left")
        for col in ("soort", "kern/gebied", "reden"):
            table.add_column(col)
        for job, reason in result.failed:
            table.add_row(job.kind, job.label, reason)
        console.print(table)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.add_typer(export_app, name="export")
