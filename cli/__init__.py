"""The ``kernenkaart`` command line: build, info, validate, template, serve, export."""

from __future__ import annotations

import typer

from cli import build, export, kalender, records, serve

app = typer.Typer(
    name="kernenkaart",
    help="Kernenkaart: CBS data and municipal records to a map of kernen.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (build, records, serve, export, kalender):
    module.register(app)


def main() -> None:
    """Entry point of the ``kernenkaart`` command."""
    app()
