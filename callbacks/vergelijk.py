"""Vergelijken and the Monitor's CBS indicator: the choice goes into the URL.

Vergelijken: the chosen kernen go into the URL; the router draws the page.
Monitor: a radio button redraws only the small multiples per kern and writes
``?indicator=`` into the URL (and into the router's record of what is shown,
so the router does not draw the page again and the focus stays on the radio).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from dash import Dash, Input, Output, State
from dash.exceptions import PreventUpdate

from callbacks import other_pages, pages
from callbacks.context import repo
from layouts import ids, monitor


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


def monitor_indicator(
    key: str | None, pathname: str | None, search: str | None, rendered: dict | None
) -> tuple[Any, str, dict]:
    """The small multiples of the chosen indicator, and the URL that keeps it."""
    if not key or (pathname or "").rstrip("/") != "/monitor":
        raise PreventUpdate
    data = repo().get(pages.resolve_gemeente(str(pathname), search))
    new = "?" + urlencode({"gemeente": data.slug, "indicator": key})
    multiples = other_pages.kern_multiples(data, key)
    return monitor.kern_multiples(multiples), new, {**(rendered or {}), "search": new}


def register(app: Dash) -> None:
    app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.COMPARE_BUTTON, "n_clicks"),
        State(ids.COMPARE_KERNEN, "value"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(compare_search)
    app.callback(
        Output(ids.MONITOR_CBS_KERNEN, "children"),
        Output(ids.URL, "search", allow_duplicate=True),
        Output(ids.RENDERED, "data", allow_duplicate=True),
        Input(ids.MONITOR_CBS_INDICATOR, "value"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        State(ids.RENDERED, "data"),
        prevent_initial_call=True,
    )(monitor_indicator)
