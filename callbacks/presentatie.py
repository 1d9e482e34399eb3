"""Presentation mode: the toggle writes ``presentatie=1`` into the URL state."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State
from dash.exceptions import PreventUpdate

from callbacks import state as st
from callbacks.context import repo
from layouts import ids, map_figure
from layouts.presentatie import page_class


def toggle(
    n_clicks: int | None, current: dict | None, rendered: dict | None
) -> tuple[Any, ...]:
    """Switch presentation mode on or off; the URL keeps it (a link opens it)."""
    if not n_clicks or not current:
        raise PreventUpdate
    on = not current.get("presentatie")
    new = {**current, "presentatie": "1" if on else None}
    search = st.to_search(new)
    bounds = repo().get(current["gemeente"]).bounds
    return (
        search,
        {**(rendered or {}), "search": search},
        new,
        page_class(on),
        "true" if on else "false",
        map_figure.presentation_patch(bounds, on),
    )


def register(app: Dash) -> None:
    app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Output(ids.RENDERED, "data", allow_duplicate=True),
        Output(ids.STATE, "data", allow_duplicate=True),
        Output(ids.KAART_PAGE, "className"),
        Output(ids.PRESENTATIE, "aria-pressed"),
        Output(ids.MAP, "figure", allow_duplicate=True),
        Input(ids.PRESENTATIE, "n_clicks"),
        State(ids.STATE, "data"),
        State(ids.RENDERED, "data"),
        prevent_initial_call=True,
    )(toggle)
