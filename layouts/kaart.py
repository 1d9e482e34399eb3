"""The Kaart screen: controls, map, legend, summary and the same data as a table."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from layouts.components import data_table, legend, link, notice
from layouts.downloads import kaart_downloads
from layouts.overlays.base import OverlayView
from layouts.presentatie import page_class, presentatie_toggle

FILTER_IDS = {
    "indicator": ids.INDICATOR,
    "cbsjaar": ids.CBSJAAR,
    "weergave": ids.WEERGAVE,
    "sinds": ids.SINDS,
    "jaar": ids.JAAR,
    "thema": ids.THEMA,
    "eigenaar": ids.EIGENAAR,
    "regeling": ids.REGELING,
}
FIELD_IDS = {
    "indicator": ids.INDICATOR_FIELD,
    "cbsjaar": ids.CBSJAAR_FIELD,
    "weergave": ids.WEERGAVE_FIELD,
    "sinds": ids.SINDS_FIELD,
    "jaar": ids.JAAR_FIELD,
    "thema": ids.THEMA_FIELD,
    "eigenaar": ids.EIGENAAR_FIELD,
    "regeling": ids.REGELING_FIELD,
}
FILTER_LABELS = {
    "indicator": "Indicator",
    "cbsjaar": "Jaar van de CBS-cijfers",
    "weergave": "Weergave",
    "sinds": "Verandering sinds",
    "jaar": "Jaar",
    "thema": "Thema",
    "eigenaar": "Eigenaar",
    "regeling": "Regeling",
}
GRAPH_CONFIG = {
    "displaylogo": False,
    "scrollZoom": True,
    "responsive": True,
    # the map's own image button would give a bare map without legend or
    # source: "Kaart als PNG/SVG" under the map is the export
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"],
    "showSendToCloud": False,  # never offer to send the data to an outside server
    # plotly.js has no Dutch for its map buttons: given with the figure
    "locale": "nl",
    "locales": {
        "nl": {
            "dictionary": {
                "Pan": "Verschuiven",
                "Zoom in": "Inzoomen",
                "Zoom out": "Uitzoomen",
                "Reset view": "Hele gemeente tonen",
            }
        }
    },
}


@dataclass
class KaartContent:
    """Plain values the Kaart screen is built from."""

    state: dict[str, Any]
    gemeenten: list[tuple[str, str]]  # slug, naam
    overlays: list[tuple[str, str]]  # key, label
    options: dict[str, list[tuple[str, str]]]  # filter -> (value, label)
    active_filters: tuple[str, ...]
    figure: dict
    view: OverlayView
    kern_names: dict[str, str]
    gemeente_naam: str
    summary: list[Any] = field(default_factory=list)
    attribution: str = "Bron: CBS, Kadaster"
    paint: dict[str, Any] = field(default_factory=dict)  # map_paint.paint_payload
    url_note: str = ""  # values of the page URL that were not found


def field_hidden(name: str, active: tuple[str, ...], state: dict[str, Any]) -> bool:
    """A filter is hidden when the overlay does not use it; 'sinds' outside a change."""
    if name == "sinds" and state.get("weergave") != "verandering":
        return True
    return name not in active


def filter_field(name: str, content: KaartContent) -> html.Div:
    """One labelled filter; hidden when the overlay does not use it."""
    control_id = FILTER_IDS[name]
    if name in content.options:
        options = [{"value": v, "label": label} for v, label in content.options[name]]
    else:  # options that depend on the figures (CBS years): from the view
        options = content.view.choices.get(name, [])
    value = content.state.get(name)
    if not options and value:  # another overlay's view: the value until a switch
        options = [{"value": value, "label": value}]
    return html.Div(
        [
            html.Label(FILTER_LABELS[name], htmlFor=control_id),
            dbc.Select(
                id=control_id,
                options=options,
                value=value,
                className="keuzelijst",
            ),
        ],
        id=FIELD_IDS[name],
        className="filter",
        hidden=field_hidden(name, content.active_filters, content.state),
    )


def controls(content: KaartContent) -> html.Section:
    """Gemeente, overlay, filters and the background switch."""
    return html.Section(
        [
            html.H2("Kaartlaag en filters", className="h-klein"),
            html.Div(
                [
                    # choosing opens that gemeente's Kaart at once: said in
                    # the label, before use (WCAG 3.2.2 On Input)
                    html.Label(
                        [
                            "Gemeente ",
                            html.Span("(opent meteen haar kaart)", className="klein"),
                        ],
                        htmlFor=ids.GEMEENTE,
                    ),
                    dbc.Select(
                        id=ids.GEMEENTE,
                        options=[
                            {"value": s, "label": n} for s, n in content.gemeenten
                        ],
                        value=content.state["gemeente"],
                        className="keuzelijst",
                    ),
                ],
                className="filter",
            ),
            html.Fieldset(
                [
                    html.Legend("Kaartlaag"),
                    dbc.RadioItems(
                        id=ids.OVERLAY,
                        options=[
                            {"value": k, "label": label}
                            for k, label in content.overlays
                        ],
                        value=content.state["overlay"],
                        className="keuzes",
                    ),
                ]
            ),
            html.Div(
                [filter_field(name, content) for name in FILTER_IDS],
                id=ids.FILTER_ROW,
                className="filters",
            ),
            dbc.Checklist(
                id=ids.ACHTERGROND,
                options=[
                    {"value": "pdok", "label": "Achtergrondkaart PDOK (internet nodig)"}
                ],
                value=["pdok"] if content.state.get("achtergrond") == "pdok" else [],
                className="keuzes",
            ),
        ],
        className="bediening",
        **{"aria-label": "Kaartlaag en filters"},
    )


def summary(
    name: str,
    lines: list[str],
    profile_href: str,
    gebied: tuple[str, str] | None = None,
) -> list[Any]:
    """What the map shows for the selected kern, with links to its profile and gebied.

    ``gebied``: the name and page of the kern's gebied, when it has one.
    """
    links = [
        link(f"Kernprofiel van {name} bekijken", profile_href, className="knop-link")
    ]
    if gebied:
        links.append(
            link(f"Gebied {gebied[0]} bekijken", gebied[1], className="knop-link")
        )
    return [
        html.H2(f"Gekozen kern: {name}", className="h-klein"),
        html.Ul([html.Li(line) for line in lines]),
        html.P(links, className="kern-links"),
    ]


def no_selection() -> list[Any]:
    return [
        html.H2("Gekozen kern", className="h-klein"),
        html.P("Klik op een kern op de kaart of kies een kern in de tabel."),
    ]


def map_block(content: KaartContent) -> html.Div:
    return html.Div(
        [
            html.Div(
                dcc.Graph(
                    id=ids.MAP,
                    figure=content.figure,
                    config=GRAPH_CONFIG,
                    className="kaart",
                    responsive=True,
                    style={"height": "560px"},
                ),
                role="region",
                **{
                    "aria-label": f"Kaart van de kernen van {content.gemeente_naam}; "
                    "dezelfde cijfers staan in de tabel onder de kaart"
                },
            ),
            html.P(
                content.attribution, id=ids.MAP_ATTRIBUTION, className="bronvermelding"
            ),
        ],
        className="kaart-vak",
    )


def table_block(content: KaartContent, sort: dict[str, Any]) -> html.Section:
    view = content.view
    caption = f"{view.legend_title} — {content.gemeente_naam}"
    return html.Section(
        [
            html.H2("Tabel", className="h-klein"),
            kaart_downloads(),
            html.Div(
                data_table(
                    caption,
                    view.columns,
                    view.rows,
                    level=view.level,
                    names=content.kern_names,
                    selected=content.state.get("kern"),
                    sort=sort,
                ),
                id=ids.TABLE,
                className="tabel-vak",
            ),
        ],
        **{"aria-label": "Tabel met dezelfde cijfers als de kaart"},
    )


def page(content: KaartContent, sort: dict[str, Any]) -> html.Div:
    """The whole Kaart screen."""
    view = content.view
    return html.Div(
        [
            dcc.Store(id=ids.STATE, data=content.state),
            dcc.Store(id=ids.TABLE_SORT, data=sort),
            dcc.Store(id=ids.TABLE_PAGE, data=0),
            dcc.Store(id=ids.MAP_PAINT, data=content.paint),
            dcc.Store(id=ids.MAP_PAINTED),
            dcc.Store(id=ids.MAP_CLICK),
            html.H1(f"Kernenkaart {content.gemeente_naam}"),
            presentatie_toggle(bool(content.state.get("presentatie"))),
            html.Div(
                [
                    notice(text, "let-op")
                    for text in (content.url_note, view.message)
                    if text
                ],
                id=ids.MESSAGE,
            ),
            html.Div(
                [
                    controls(content),
                    map_block(content),
                    html.Aside(
                        [
                            html.Div(
                                legend(
                                    view.legend_title,
                                    view.legend_items,
                                    view.legend_note,
                                ),
                                id=ids.LEGEND,
                                className="legenda",
                            ),
                            html.Div(
                                content.summary or no_selection(),
                                id=ids.SUMMARY,
                                className="samenvatting",
                                **{"aria-live": "polite"},
                            ),
                        ],
                        className="zijpaneel",
                    ),
                ],
                className="kaart-raster",
            ),
            table_block(content, sort),
        ],
        id=ids.KAART_PAGE,
        className=page_class(bool(content.state.get("presentatie"))),
    )
