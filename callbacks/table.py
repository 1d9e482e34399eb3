"""The table under the map: sorting, paging, and re-rendering on state changes."""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx
from dash.exceptions import PreventUpdate

from callbacks import screens
from callbacks.context import repo
from layouts import ids
from layouts.components import data_table


def toggle_sort(_clicks: list, sort: dict | None) -> dict[str, Any]:
    """Click on a header: sort by it, or reverse when it is already the sort key."""
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not ctx.triggered[0].get("value"):
        raise PreventUpdate
    sort = sort or {}
    key = trigger["index"]
    desc = not sort.get("desc") if sort.get("key") == key else False
    return {"key": key, "desc": desc}


def go_to_page(_clicks: list) -> int:
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not ctx.triggered[0].get("value"):
        raise PreventUpdate
    return int(trigger["index"])


def render_table(state: dict, sort: dict | None, page: int | None) -> list[Any]:
    data = repo().get(state["gemeente"])
    view = screens.overlay_view(data, state, repo().catalogue)
    names = dict(zip(data.kernen["kern_slug"], data.kernen["name"], strict=True))
    caption = f"{view.legend_title} — {data.naam}"
    return data_table(
        caption,
        view.columns,
        view.rows,
        level=view.level,
        names=names,
        selected=state.get("kern"),
        sort=sort or {},
        page=page or 0,
    )


def sort_or_page(sort: dict | None, page: int | None, state: dict) -> list[Any]:
    """Re-render the table after a sort or page click (state changes do it inline)."""
    return render_table(state, sort, page)


def register(app: Dash) -> None:
    app.callback(
        Output(ids.TABLE_SORT, "data"),
        Input({"type": ids.SORT_BUTTON, "index": ALL}, "n_clicks"),
        State(ids.TABLE_SORT, "data"),
        prevent_initial_call=True,
    )(toggle_sort)
    app.callback(
        Output(ids.TABLE_PAGE, "data"),
        Input({"type": ids.PAGE_BUTTON, "index": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )(go_to_page)
    app.callback(
        Output(ids.TABLE, "children"),
        Input(ids.TABLE_SORT, "data"),
        Input(ids.TABLE_PAGE, "data"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )(sort_or_page)
