"""Router: the URL path (and gemeente) decides which screen is shown."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, ctx
from dash.exceptions import PreventUpdate

from callbacks import pages
from layouts import ids


def route(
    pathname: str | None, search: str | None, rendered: dict | None
) -> tuple[Any, ...]:
    """Render the screen; skip when the Kaart itself just wrote this query.

    Back/forward and shared links change the query without the Kaart knowing:
    then the screen is rendered again from the URL.
    """
    pathname = pathname or "/"
    rendered = rendered or {}
    only_query = f"{ids.URL}.pathname" not in ctx.triggered_prop_ids
    same_page = rendered.get("path") == pathname
    if only_query and same_page and (search or "") == rendered.get("search", ""):
        raise PreventUpdate
    page, gemeente = pages.render(pathname, search)
    nav, banner = pages.chrome(gemeente, pathname)
    record = {"path": pathname, "gemeente": gemeente, "search": search or ""}
    return page, nav, banner, record


def register(app: Dash) -> None:
    app.callback(
        Output(ids.PAGE, "children"),
        Output(ids.NAV, "children"),
        Output(ids.BANNER, "children"),
        Output(ids.RENDERED, "data"),
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
        State(ids.RENDERED, "data"),
    )(route)
