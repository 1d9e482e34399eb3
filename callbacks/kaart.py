"""Kaart callbacks: controls <-> URL <-> state, and what the map needs per change.

The map's kernen are coloured and selected in the browser
(assets/kernenkaart-kaart.js, function ``kaart.paint``): it gets the colours of
every overlay with the page (``MAP_PAINT``), asks ``/kaart-kleuren/...`` for
new ones when the indicator or a filter changes, takes the selected kern from
the state, fetches the hover text of an overlay on its first hover
(``/kaart-hover/...``) and writes a clicked kern to ``MAP_CLICK``. The figure
itself is patched only when the opgave points or the background change.
"""

from __future__ import annotations

from typing import Any

from dash import ALL, ClientsideFunction, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from callbacks import screens
from callbacks import state as st
from callbacks.context import repo
from callbacks.table import render_table
from layouts import ids, map_figure, overlays
from layouts.components import legend, notice
from layouts.kaart import FIELD_IDS, field_hidden
from layouts.overlays import indicator as indicator_overlay
from layouts.overlays.base import OverlayView
from pipelines.dashboard_data import GemeenteData

CONTROLS = (
    "gemeente",
    "overlay",
    "indicator",
    "cbsjaar",
    "weergave",
    "sinds",
    "jaar",
    "thema",
    "eigenaar",
    "regeling",
)
CONTROL_IDS = {
    "gemeente": ids.GEMEENTE,
    "overlay": ids.OVERLAY,
    "indicator": ids.INDICATOR,
    "cbsjaar": ids.CBSJAAR,
    "weergave": ids.WEERGAVE,
    "sinds": ids.SINDS,
    "jaar": ids.JAAR,
    "thema": ids.THEMA,
    "eigenaar": ids.EIGENAAR,
    "regeling": ids.REGELING,
}


def clicked_kern(click: dict | None) -> str | None:
    """The kern slug of a map click (``{"kern": slug, "n": count}``)."""
    kern = (click or {}).get("kern")
    return kern if isinstance(kern, str) else None


def changed_state(current: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """Apply the control that triggered the callback to ``current``."""
    trigger = ctx.triggered_id
    new = dict(current)
    if isinstance(trigger, dict) and trigger.get("type") == ids.KERN_BUTTON:
        if not ctx.triggered[0].get("value"):
            raise PreventUpdate
        new["kern"] = trigger["index"]
    elif trigger == ids.MAP_CLICK:
        new["kern"] = clicked_kern(values["click"]) or new.get("kern")
    elif trigger == ids.ACHTERGROND:
        new["achtergrond"] = "pdok" if "pdok" in (values["achtergrond"] or []) else None
    else:
        name = next(k for k, v in CONTROL_IDS.items() if v == trigger)
        new[name] = values[name]
    return new


def sync(*args: Any) -> tuple[Any, ...]:
    """Controls and clicks -> new state, URL query (history entry) and map data.

    One request per change: the response carries the query, the state, the
    figure Patch when needed, legend, summary and the table.
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
        *update_map(new, current),
        render_table(new, sort, 0),
        *cbs_controls(new, current),
    )


def cbs_controls(state: dict[str, Any], previous: dict[str, Any]) -> tuple[Any, ...]:
    """Options and values of the CBS year, view and since controls, when changed.

    The years offered depend on the indicator (and 'sinds' on the year), and
    ``normalise`` may have replaced a value the indicator has no figures for.
    """
    keys = ("indicator", *st.CBS_FILTERS)
    shown = previous.get("overlay") == CBS_OVERLAY  # the page had its options
    if shown and all(state.get(k) == previous.get(k) for k in keys):
        return (no_update,) * (2 * len(st.CBS_FILTERS))
    data = repo().get(state["gemeente"])
    cbs = {**state, "overlay": CBS_OVERLAY}
    choices = screens.overlay_view(data, cbs, repo().catalogue).choices
    options = [choices.get(name, []) for name in st.CBS_FILTERS]
    return (*options, *[state.get(name) for name in st.CBS_FILTERS])


def figure_patch(
    data: GemeenteData,
    new: OverlayView,
    state: dict[str, Any],
    previous: dict[str, Any],
) -> Any:
    """A Patch of the figure when the opgave points or the background change."""
    old = screens.overlay_view(data, previous, repo().catalogue)
    pdok = state.get("achtergrond") == "pdok"
    same = map_figure.live_props(new) == map_figure.live_props(old) and state.get(
        "achtergrond"
    ) == previous.get("achtergrond")
    return no_update if same else map_figure.live_patch(new, pdok)


def update_map(state: dict[str, Any], previous: dict[str, Any]) -> tuple[Any, ...]:
    """Send only what changes: figure patch, legend, summary, filters shown."""
    data = repo().get(state["gemeente"])
    catalogue = repo().catalogue
    view = screens.overlay_view(data, state, catalogue)
    pdok = state.get("achtergrond") == "pdok"
    overlay = overlays.get(state["overlay"])
    hidden = [field_hidden(name, overlay.filters, state) for name in FIELD_IDS]
    message = [notice(view.message, "let-op")] if view.message else []
    return (
        figure_patch(data, view, state, previous),
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
    # the CBS controls: their options follow the indicator (same callback as
    # their values' input: Dash allows it and does not call sync again)
    *[Output(CONTROL_IDS[name], "options") for name in st.CBS_FILTERS],
    *[Output(CONTROL_IDS[name], "value") for name in st.CBS_FILTERS],
]
CBS_OVERLAY = indicator_overlay.KEY  # the overlay whose view offers the CBS years


def register(app: Dash) -> None:
    app.callback(
        *OUTPUTS,
        *[Input(CONTROL_IDS[k], "value") for k in CONTROLS],
        Input(ids.ACHTERGROND, "value"),
        Input(ids.MAP_CLICK, "data"),
        Input({"type": ids.KERN_BUTTON, "index": ALL}, "n_clicks"),
        State(ids.STATE, "data"),
        State(ids.RENDERED, "data"),
        State(ids.TABLE_SORT, "data"),
        prevent_initial_call=True,
    )(sync)
    # Browser-side: an overlay switch repaints at once from the colours already
    # in the page (the store is State, so Dash need not wait for the server).
    # A filter or indicator change is not a Dash callback: the script asks
    # /kaart-kleuren/... itself the moment the control changes, so the map
    # does not wait for Dash's dispatch nor for the table of sync's answer.
    # Hover text is fetched by the script on the first hover.
    # On load (and when the router renders a Kaart page) the script reads the
    # overlay, colours and selection from the layout itself: a Dash callback
    # on load, even a clientside one, holds the map back by ~80 ms (the
    # renderer updates every component's props for each).
    app.clientside_callback(
        ClientsideFunction(namespace="kaart", function_name="paint"),
        Output(ids.MAP_PAINTED, "data"),
        Input(ids.OVERLAY, "value"),
        State(ids.MAP_PAINT, "data"),
        prevent_initial_call=True,
    )
    # The selected kern is outlined from the state (its own callback: with the
    # state as an input of ``paint``, Dash would hold an overlay switch back
    # until ``sync`` has answered).
    app.clientside_callback(
        ClientsideFunction(namespace="kaart", function_name="select"),
        Output(ids.MAP_PAINTED, "data", allow_duplicate=True),
        Input(ids.STATE, "data"),
        prevent_initial_call=True,
    )
