"""Gebied screen: export of the attention list for the gebiedstafel."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
from dash import Dash, Input, Output, State, dcc
from dash.exceptions import PreventUpdate

from callbacks import other_pages, pages
from callbacks.context import record_download, repo
from exports import dataframe_to_csv_bytes
from layouts import ids

AANDACHT_COLUMNS = {
    "kern": "Kern",
    "titel": "Actiepunt",
    "status": "Status",
    "eigenaar": "Eigenaar",
    "reden": "Waarom aandacht",
}


def download(n_clicks: int | None, pathname: str, search: str | None) -> Any:
    """CSV (semicolon, as Dutch Excel reads it) of the aandacht list of this gebied."""
    if not n_clicks or not (pathname or "").startswith("/gebied/"):
        raise PreventUpdate
    gemeente = pages.resolve_gemeente(pathname, search)
    slug = pathname.rstrip("/").split("/")[-1]
    content = other_pages.gebied_content(repo().get(gemeente), slug)
    if content is None:
        raise PreventUpdate
    frame = pd.DataFrame(content.aandacht, columns=list(AANDACHT_COLUMNS))
    csv = dataframe_to_csv_bytes(frame, columns=AANDACHT_COLUMNS)
    name = f"aandacht-{slug}-{date.today().isoformat()}.csv"
    record_download(gemeente or "", name)  # audit-logged when from an intern store
    return dcc.send_bytes(csv, name)


def register(app: Dash) -> None:
    app.callback(
        Output(ids.GEBIED_DOWNLOAD, "data"),
        Input(ids.GEBIED_DOWNLOAD_BUTTON, "n_clicks"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(download)
