"""Router: the URL path (and gemeente) decides which screen is shown."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

import flask
from dash import Dash, Input, Output, State
from dash.exceptions import PreventUpdate

from callbacks import pages
from layouts import ids
from layouts.shell import shell

logger = logging.getLogger(__name__)


def route(
    pathname: str | None, search: str | None, rendered: dict | None
) -> tuple[Any, ...]:
    """Render the screen; skip when the Kaart itself just wrote this query.

    Back/forward and shared links change the query without the Kaart knowing:
    then the screen is rendered again from the URL.
    """
    pathname = pathname or "/"
    rendered = rendered or {}
    same_page = rendered.get("path") == pathname
    if same_page and (search or "") == rendered.get("search", ""):
        raise PreventUpdate  # pre-rendered by the layout, or written by the Kaart
    page, gemeente = pages.render(pathname, search)
    nav, banner, foot = pages.chrome(gemeente, pathname)
    record = {"path": pathname, "gemeente": gemeente, "search": search or ""}
    return page, nav, banner, foot, record


def initial_layout() -> Any:
    """The layout for the first request, with the screen of the page URL already in it.

    The renderer asks for the layout from the page itself, so the Referer is the
    page URL; rendering it here saves the router round trip on first load.
    """
    if not flask.has_request_context() or not flask.request.referrer:
        return shell()
    url = urlsplit(flask.request.referrer)
    path, search = url.path or "/", f"?{url.query}" if url.query else ""
    try:
        page, gemeente = pages.render(path, search)
        nav, banner, foot = pages.chrome(gemeente, path)
    except Exception:  # the router will render it (and show the error) instead
        logger.exception("pre-rendering %s failed", flask.request.referrer)
        return shell()
    return shell(
        page,
        nav,
        banner,
        {"path": path, "gemeente": gemeente, "search": search},
        foot,
    )


def register(app: Dash) -> None:
    app.callback(
        Output(ids.PAGE, "children"),
        Output(ids.NAV, "children"),
        Output(ids.BANNER, "children"),
        Output(ids.FOOTER, "children"),
        Output(ids.RENDERED, "data"),
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
        State(ids.RENDERED, "data"),
        # A pre-rendered layout (initial_layout) has the screen and the URL in
        # it, so nothing is asked on load; a layout without it sets the URL
        # when dcc.Location mounts, and that change renders the screen.
        prevent_initial_call=True,
    )(route)
