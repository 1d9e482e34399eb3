"""``kernenkaart build`` and ``kernenkaart info``."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from cli.common import console, friendly_errors, setup_logging
from pipelines.build import BuildResult, build_gemeente
from pipelines.errors import ConfigError
from pipelines.gemeente import resolve_gemeenten
from pipelines.settings import load_settings
from pipelines.sources import SOURCES
from pipelines.store import find_stores, store_path, summarize_store

STEPS_PER_GEMEENTE = 4


def _summary(results: list[BuildResult], seconds: float) -> None:
    table = Table(title=f"Build klaar in {seconds:.1f} s", title_justify="left")
    for col in (
        "gemeente",
        "publiek",
        "kernen",
        "buurten",
        "indicatoren",
        "registraties",
        "waarschuwingen",
        "store",
    ):
        table.add_column(col)
    for r in results:
        stored = sum(c.get("stored", 0) for c in r.records.values())
        table.add_row(
            r.gemeente.naam,
            r.audience,
            str(r.n_kernen),
            str(r.n_buurten),
            str(r.n_indicators),
            str(stored) if r.records else "-",
            str(len(r.warnings)),
            str(r.path),
        )
    console.print(table)
    for r in results:
        for message, count in Counter(r.warnings).most_common(15):
            times = f" ({count}x)" if count > 1 else ""
            console.print(
                f"[yellow]waarschuwing[/] {r.gemeente.naam}: {message}{times}",
                highlight=False,
            )
        if len(set(r.warnings)) > 15:
            console.print("... meer waarschuwingen staan in de metadata van de store")


def parse_years(text: str | None) -> list[int] | None:
    """'2017,2022,2024' or '2017-2024' (or a mix) -> sorted years; None -> None."""
    if text is None or not text.strip():
        return None
    years: set[int] = set()
    for part in text.split(","):
        bounds = part.strip().split("-")
        try:
            numbers = [int(b) for b in bounds]
        except ValueError as exc:
            raise ConfigError(
                f"--years {text!r}: {part.strip()!r} is geen jaar of reeks.",
                hint="Bijvoorbeeld --years 2017,2022,2024 of --years 2017-2024.",
            ) from exc
        if len(numbers) > 2 or not all(1990 < n < 2100 for n in numbers):
            raise ConfigError(
                f"--years {text!r}: {part.strip()!r} is geen jaar of reeks.",
                hint="Bijvoorbeeld --years 2017,2022,2024 of --years 2017-2024.",
            )
        years.update(range(numbers[0], numbers[-1] + 1))
    return sorted(years)


def build(
    gemeente: Annotated[
        str, typer.Option(help="Slug (west-betuwe), GM-code, or 'all'.")
    ] = "all",
    source: Annotated[
        str, typer.Option(help=f"CBS source: {', '.join(SOURCES)}.")
    ] = "snapshot",
    year: Annotated[
        int | None,
        typer.Option(help="Indeling year of the kernen and boundaries (default 2024)."),
    ] = None,
    years: Annotated[
        str | None,
        typer.Option(
            help="KWB years: '2017,2022,2024' or '2017-2024' (default: every year "
            "the source has)."
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Build directory for the stores.")
    ] = None,
    records: Annotated[
        Path | None, typer.Option(help="Folder with municipal records (CSV/XLSX).")
    ] = None,
    audience: Annotated[str, typer.Option(help="intern, openbaar, or all.")] = "intern",
    cbs_dir: Annotated[
        str | None, typer.Option(help="Folder for --source files.")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Build the GeoPackage store(s): CBS data + kernen + indicators (+ records)."""
    setup_logging(verbose)
    audiences = ["intern", "openbaar"] if audience == "all" else [audience]
    settings = load_settings(build_dir=out, year=year, audience=audiences[0])
    wanted = parse_years(years)
    configs = resolve_gemeenten(settings.gemeenten_dir, gemeente)
    results: list[BuildResult] = []
    started = time.perf_counter()
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(
            "start", total=len(configs) * len(audiences) * STEPS_PER_GEMEENTE
        )

        def step(message: str) -> None:
            bar.update(task, description=message, advance=1)

        for config in configs:
            for aud in audiences:
                results.append(
                    build_gemeente(
                        settings,
                        config,
                        source,
                        year=year,
                        years=wanted,
                        records_dir=records,
                        audience=aud,
                        cbs_dir=cbs_dir,
                        progress=step,
                    )
                )
    _summary(results, time.perf_counter() - started)


def info(
    gemeente: Annotated[str, typer.Option(help="Slug, GM-code or 'all'.")] = "all",
    out: Annotated[Path | None, typer.Option(help="Build directory.")] = None,
    audience: Annotated[
        str | None, typer.Option(help="intern or openbaar (default: both).")
    ] = None,
) -> None:
    """Show what the store(s) hold: sources, kernen with their buurten, layers."""
    settings = load_settings(build_dir=out)
    configs = resolve_gemeenten(settings.gemeenten_dir, gemeente)
    shown = 0
    for config in configs:
        for path in find_stores(settings.build_dir, audience):
            if not path.name.startswith(config.slug + "-"):
                continue
            _show(summarize_store(path))
            shown += 1
    if not shown:
        example = store_path(settings.build_dir, configs[0].slug, audience or "intern")
        console.print(f"Geen store gevonden (verwacht bijvoorbeeld {example}).")
        console.print("Bouw eerst: kernenkaart build --gemeente all --source snapshot")
        raise typer.Exit(code=1)


def _show(summary) -> None:  # noqa: ANN001 - StoreSummary
    meta = summary.metadata
    console.rule(f"{meta['gemeente']} ({meta['gemeentecode']}) - {meta['audience']}")
    console.print(f"store: {summary.path}")
    console.print(
        f"gebouwd: {meta['built_at']} met kernenkaart {meta['tool_version']}; bron: "
        f"{meta['source']}, indeling {meta['year']}, cijfers "
        f"{', '.join(map(str, meta.get('years', [meta['year']])))}; "
        f"voorbeelddata: {'ja' if meta.get('voorbeelddata') else 'nee'}"
    )
    table = Table(title=f"{len(summary.kernen)} kernen", title_justify="left")
    for col in ("kern", "buurten", "opp. (ha)", "buurtcodes"):
        table.add_column(col)
    for row in summary.kernen.itertuples():
        table.add_row(
            row.name,
            str(row.n_buurten),
            f"{row.area_ha:,.0f}".replace(",", "."),
            row.buurtcodes,
        )
    console.print(table)
    _show_woonplaatsen(meta)
    layers = ", ".join(f"{k} ({v})" for k, v in summary.layers.items())
    console.print(f"lagen: {layers}", highlight=False)
    console.print(f"bronnen: {meta.get('attribution', '')}")


def _show_woonplaatsen(meta: dict) -> None:
    """Kern names against the BAG woonplaatsen of the gemeente (CBS 2024)."""
    from pipelines.woonplaatsen import compare, read_woonplaatsen

    settings = load_settings()
    tables = sorted((settings.snapshot_dir / "woonplaatsen").glob("woonplaatsen_*.csv"))
    if not tables:
        return
    config = resolve_gemeenten(settings.gemeenten_dir, meta["gemeentecode"])[0]
    result = compare(config, read_woonplaatsen(tables[-1], config.code))
    year = tables[-1].stem.split("_")[1]
    if result.kernen_zonder_woonplaats:
        console.print(
            f"kernen zonder BAG-woonplaats van die naam ({year}): "
            + ", ".join(result.kernen_zonder_woonplaats)
        )
    if result.woonplaatsen_zonder_kern:
        console.print(
            f"BAG-woonplaatsen ({year}) zonder kern van die naam: "
            + ", ".join(result.woonplaatsen_zonder_kern)
        )


def register(app: typer.Typer) -> None:
    """Add build and info to the CLI."""
    app.command()(friendly_errors(build))
    app.command()(friendly_errors(info))
