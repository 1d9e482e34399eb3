"""Vergelijken: the chosen kernen go into the URL; the router draws the page."""

from __future__ import annotations

from urllib.parse import urlencode

from dash import Dash, Input, Output, State
from dash.exceptions import PreventUpdate

from callbacks import pages
from layouts import ids


def compare_search(
    n_clicks: int | None, kernen: list[str] | None, pathname: str, search: str | None
) -> str:
    """'?gemeente=..&kernen=a,b' for the chosen kernen (the order of the list)."""
    if not n_clicks:
        raise PreventUpdate
    gemeente = pages.resolve_gemeente(pathname, search)
    query = {"gemeente": gemeente}
    if kernen:
        query["kernen"] = ",".join(kernen)
    return "?" + urlencode(query, safe=",")


def register(app: Dash) -> None:
    app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.COMPARE_BUTTON, "n_clicks"),
        State(ids.COMPARE_KERNEN, "value"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(compare_search)
