"""Kaart callbacks: controls <-> URL <-> state, and the map as a Patch per change."""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from callbacks import screens
from callbacks import state as st
from callbacks.context import repo
from callbacks.table import render_table
from layouts import ids, map_figure, overlays
from layouts.components import legend, notice
from layouts.kaart import FIELD_IDS

CONTROLS = ("gemeente", "overlay", "indicator", "jaar", "thema", "eigenaar", "regeling")
CONTROL_IDS = {
    "gemeente": ids.GEMEENTE,
    "overlay": ids.OVERLAY,
    "indicator": ids.INDICATOR,
    "jaar": ids.JAAR,
    "thema": ids.THEMA,
    "eigenaar": ids.EIGENAAR,
    "regeling": ids.REGELING,
}


def clicked_kern(click: dict | None) -> str | None:
    """The kern slug of a map click (kernen trace or its label)."""
    for point in (click or {}).get("points", []):
        if point.get("curveNumber") == map_figure.KERN_TRACE:
            return point.get("location")
    return None


def changed_state(current: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """Apply the control that triggered the callback to ``current``."""
    trigger = ctx.triggered_id
    new = dict(current)
    if isinstance(trigger, dict) and trigger.get("type") == ids.KERN_BUTTON:
        if not ctx.triggered[0].get("value"):
            raise PreventUpdate
        new["kern"] = trigger["index"]
    elif trigger == ids.MAP:
        new["kern"] = clicked_kern(values["click"]) or new.get("kern")
    elif trigger == ids.ACHTERGROND:
        new["achtergrond"] = "pdok" if "pdok" in (values["achtergrond"] or []) else None
    else:
        name = next(k for k, v in CONTROL_IDS.items() if v == trigger)
        new[name] = values[name]
    return new


def sync(*args: Any) -> tuple[Any, ...]:
    """Controls and clicks -> new state, URL query (history entry) and map Patch.

    One request per change: the response carries the query, the state, the
    colour/hover Patch of the map, legend, summary and the table.
    """
    *controls, achtergrond, click, _buttons, current, rendered, sort = args
    values = dict(zip(CONTROLS, controls, strict=True))
    values.update(achtergrond=achtergrond, click=click)
    current = current or {}
    new = changed_state(current, values)
    if new.get("gemeente") != current.get("gemeente"):
        return (f"?gemeente={new['gemeente']}", *[no_update] * (len(OUTPUTS) - 1))
    data = repo().get(current["gemeente"])
    new = st.normalise(new, data, repo().catalogue)
    if new == current:
        raise PreventUpdate
    search = st.to_search(new)
    return (
        search,
        {**(rendered or {}), "search": search},
        new,
        *update_map(new),
        render_table(new, sort, 0),
    )


def update_map(state: dict[str, Any]) -> tuple[Any, ...]:
    """Send only what changes: colours, hover, legend, summary, filters shown."""
    data = repo().get(state["gemeente"])
    view = screens.overlay_view(data, state, repo().catalogue)
    pdok = state.get("achtergrond") == "pdok"
    overlay = overlays.get(state["overlay"])
    hidden = [name not in overlay.filters for name in FIELD_IDS]
    message = [notice(view.message, "let-op")] if view.message else []
    return (
        map_figure.view_patch(view, state.get("kern"), pdok),
        legend(view.legend_title, view.legend_items, view.legend_note),
        screens.summary(data, view, state),
        message,
        screens.attribution(data, pdok),
        *hidden,
    )


OUTPUTS = [
    Output(ids.URL, "search"),
    Output(ids.RENDERED, "data", allow_duplicate=True),
    Output(ids.STATE, "data"),
    Output(ids.MAP, "figure"),
    Output(ids.LEGEND, "children"),
    Output(ids.SUMMARY, "children"),
    Output(ids.MESSAGE, "children"),
    Output(ids.MAP_ATTRIBUTION, "children"),
    *[Output(field_id, "hidden") for field_id in FIELD_IDS.values()],
    Output(ids.TABLE, "children", allow_duplicate=True),
]


def register(app: Dash) -> None:
    app.callback(
        *OUTPUTS,
        *[Input(CONTROL_IDS[k], "value") for k in CONTROLS],
        Input(ids.ACHTERGROND, "value"),
        Input(ids.MAP, "clickData"),
        Input({"type": ids.KERN_BUTTON, "index": ALL}, "n_clicks"),
        State(ids.STATE, "data"),
        State(ids.RENDERED, "data"),
        State(ids.TABLE_SORT, "data"),
        prevent_initial_call=True,
    )(sync)
