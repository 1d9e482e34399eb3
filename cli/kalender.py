"""``kernenkaart export kalender``: the jaarkalender as PDF (A4) and Excel."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from cli.common import friendly_errors, setup_logging
from cli.export import (
    AudienceOpt,
    BuildDirOpt,
    GemeenteOpt,
    VerboseOpt,
    _done,
    _load,
    _quiet,
    export_app,
)


@export_app.command("kalender")
@friendly_errors
def kalender(
    gemeente: GemeenteOpt,
    kern: Annotated[str, typer.Option(help="Kern (slug); leave out for all.")] = "",
    jaar: Annotated[int | None, typer.Option(help="Year (default: this year).")] = None,
    out: Annotated[Path, typer.Option(help="Folder for the PDF and XLSX.")] = Path("."),
    build_dir: BuildDirOpt = None,
    audience: AudienceOpt = "intern",
    pdf: Annotated[bool, typer.Option(help="Write the PDF.")] = True,
    xlsx: Annotated[bool, typer.Option(help="Write the XLSX.")] = True,
    verbose: VerboseOpt = False,
) -> None:
    """Jaarkalender <jaar> by month, for the gemeente or one kern."""
    setup_logging(verbose)
    _quiet()
    from exports.kalender import kalender_pdf, kalender_xlsx

    data, _ = _load(gemeente, build_dir, audience)
    today = date.today()
    year = jaar or today.year
    out.mkdir(parents=True, exist_ok=True)
    for wanted, make in ((xlsx, kalender_xlsx), (pdf, kalender_pdf)):
        if wanted:
            name, body = make(data, kern, year, today)
            (out / name).write_bytes(body)
            _done(out / name)


def register(app: typer.Typer) -> None:
    """Nothing to add: the command hangs under ``kernenkaart export``."""
