"""``kernenkaart serve`` (waitress or gunicorn: cli/production.py) and ``start``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import console, friendly_errors, setup_logging
from pipelines.settings import Settings, load_settings

AUDIENCES = ("intern", "openbaar")
LOKAAL_NOTICE = (
    "[yellow]Geen login:[/] deze interne kernenkaart is alleen op deze computer "
    "bereikbaar (docs/deployment.md, 'Login')."
)


def _warm(app) -> None:  # noqa: ANN001 - Dash
    """Set Dash up and load the first stores, before any visitor comes.

    Done before gunicorn forks, so every worker has both (app.py,
    ``setup_before_serving``).
    """
    from app import setup_before_serving

    setup_before_serving(app)
    repo = app.server.extensions["kernenkaart"]["repo"]
    for slug in repo.slugs()[: repo.cache_size]:
        repo.get(slug)


def wsgi_app(settings: Settings):  # noqa: ANN201 - a Flask app
    """The app with its first stores loaded: what the production server runs."""
    from app import create_app

    app = create_app(settings)
    if app.server.extensions["kernenkaart"]["login_mode"] == "lokaal":
        console.print(LOKAAL_NOTICE)
    _warm(app)
    return app.server


def run_server(settings: Settings) -> None:
    """Serve the app with the production server (debug off unless asked)."""
    from cli import production

    url = f"http://{settings.host}:{settings.port}/"
    console.print(f"Kernenkaart draait op [bold]{url}[/] (stoppen: Ctrl+C)")
    if settings.debug:
        from app import create_app

        create_app(settings).run(host=settings.host, port=settings.port, debug=True)
        return
    production.serve(settings, lambda: wsgi_app(settings))


def serve(
    build_dir: Annotated[
        Path | None, typer.Option(help="Folder with the stores.")
    ] = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port.")] = None,
    audience: Annotated[str | None, typer.Option(help="intern or openbaar.")] = None,
    workers: Annotated[int | None, typer.Option(help="Processes (gunicorn).")] = None,
    threads: Annotated[int | None, typer.Option(help="Threads per process.")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Dash debug mode.")] = False,
) -> None:
    """Serve the dashboard from the stores in the build folder."""
    setup_logging()
    settings = load_settings(
        build_dir=build_dir,
        host=host,
        port=port,
        audience=audience,
        debug=debug or None,
        workers=workers,
        threads=threads,
    )
    from access import check_can_serve

    check_can_serve(settings)  # before anything is loaded
    run_server(settings)


def stale_stores(
    settings: Settings, slugs: list[str], audiences: tuple[str, ...]
) -> bool:
    """True when a store is missing or older than the files it is built from."""
    from pipelines.store import STORE_FORMAT, read_metadata, store_path

    inputs = [
        *settings.gemeenten_dir.glob("*.*"),  # kern files and correspondence tables
        settings.geodata_dir / "indicators.toml",
        *settings.snapshot_dir.rglob("*.*"),
    ]
    if settings.records_dir.exists():
        inputs += [p for p in settings.records_dir.rglob("*") if p.is_file()]
    newest = max((p.stat().st_mtime for p in inputs if p.exists()), default=0.0)
    for slug in slugs:
        for audience in audiences:
            path = store_path(settings.build_dir, slug, audience)
            if not path.exists() or path.stat().st_mtime < newest:
                return True
            # a store written by an older version of the build is rebuilt too
            if read_metadata(path).get("store_format") != STORE_FORMAT:
                return True
    return False


def build_all(settings: Settings, audiences: tuple[str, ...]) -> None:
    """Build every gemeente from the snapshot (+ voorbeelddata records if present)."""
    from pipelines.build import build_gemeente
    from pipelines.gemeente import resolve_gemeenten

    records = settings.records_dir if settings.records_dir.exists() else None
    for config in resolve_gemeenten(settings.gemeenten_dir, "all"):
        for audience in audiences:
            console.print(f"Bouwen: {config.naam} ({audience})")
            build_gemeente(
                settings, config, "snapshot", records_dir=records, audience=audience
            )


def start(
    build_dir: Annotated[
        Path | None, typer.Option(help="Folder with the stores.")
    ] = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port.")] = None,
    audience: Annotated[str | None, typer.Option(help="Audience to serve.")] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Always rebuild.")] = False,
) -> None:
    """Build the stores if missing or outdated (snapshot + voorbeelddata); serve."""
    from pipelines.gemeente import discover_gemeenten

    setup_logging()
    settings = load_settings(
        build_dir=build_dir, host=host, port=port, audience=audience
    )
    from access import check_can_serve

    check_can_serve(settings)  # before a build that would be in vain
    slugs = list(discover_gemeenten(settings.gemeenten_dir))
    if rebuild or stale_stores(settings, slugs, AUDIENCES):
        build_all(settings, AUDIENCES)
    else:
        console.print("Stores zijn actueel; niets te bouwen.")
    run_server(settings)


def register(app: typer.Typer) -> None:
    """Add serve and start to the CLI."""
    app.command()(friendly_errors(serve))
    app.command()(friendly_errors(start))
