"""The Kaart figure: stable traces built once, later changed only by ``Patch``.

Two figures. ``base_figure(live=False)`` (static exports, the small map of a
Kernprofiel) is coloured by Plotly itself; its traces, in this order:

0. wijken (choropleth, visible only for indicators that exist per wijk)
1. kernen (choropleth, on top: hover and click always name a kern)
2. selected kern (outline only)
3. opgaven with a location (points)
4. kern names (text; glyphs served from /assets, no font server needed)

The live Kaart (``live=True``) draws the areas as MapLibre layers: the kernen
fill and outline are part of its map style (``base_style``);
assets/kernenkaart-kaart.js colours them with feature-state from plain values
(``layouts/map_paint.py``): the colours and the selected kern's outline. It adds the
wijken when needed, draws the hover label and reports clicks. Its
Plotly traces are only the opgaven points and the kern names
(``LIVE_POINT_TRACE``, ``LIVE_LABEL_TRACE``). Why: Plotly converts a
choroplethmap's GeoJSON on the main thread and gives MapLibre a second copy
of it, and a restyle (new ``z`` or hover text) rebuilds the GeoJSON source of
every trace. With the areas in the style, MapLibre loads each geometry once,
with the map, and an overlay or filter switch repaints without a re-plot. The
live figure is patched only when the opgave points, the background or the
presentation size change (``live_props``/``live_patch``).

Geometry is not in either figure: it is a GeoJSON URL that the browser fetches
once and caches.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from dash import Patch

from layouts.overlays.base import TRANSPARENT, OverlayView, colorscale

WIJK_TRACE, KERN_TRACE, SELECT_TRACE, POINT_TRACE, LABEL_TRACE = range(5)
LIVE_POINT_TRACE, LIVE_LABEL_TRACE = range(2)
PDOK_GRIJS = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:3857/{z}/{x}/{y}.png"
GLYPH_FONT = "Noto Sans Regular"
HOVER = "<b>%{text}</b><br>%{customdata}<extra></extra>"
CLEAR_SCALE = [[0, TRANSPARENT], [1, TRANSPARENT]]
OUTLINE = "#4d4d4d"
FILL_OPACITY = 0.85
KERN_KEY, WIJK_KEY = "kern_slug", "wijkcode"  # feature ids in the GeoJSON URLs
# Source and layers of the live Kaart's kernen, in its map style; the script
# (assets/kernenkaart-kaart.js) paints the fill and marks the selection on the
# outline with feature-state.
PAINT_SOURCE = "kk-kernen"
PAINT_LAYER, LINE_LAYER = "kk-kernen-vlak", "kk-kernen-grens"
LABEL_SIZE, LABEL_SIZE_LARGE = 12, 20
# Map size the view is fitted to: the normal Kaart, and the map area of
# presentation mode on a 1920x1080 projector (legend beside it), with margin.
MAP_SIZE, PRESENTATION_SIZE = (400, 520), (1350, 880)


@dataclass(frozen=True)
class MapBase:
    """Plain values the figure is built from (one gemeente)."""

    kern_url: str
    wijk_url: str
    kern_codes: list[str]
    kern_names: list[str]
    label_lon: list[float]
    label_lat: list[float]
    wijk_codes: list[str]
    wijk_names: list[str]
    bounds: tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max
    glyphs_url: str
    revision: str


def base_style(glyphs_url: str, paint_url: str | None = None) -> dict[str, Any]:
    """A MapLibre style with only a background: works with no tile server.

    ``paint_url`` (the live Kaart): the style also holds the kernen GeoJSON,
    their fill layer, which assets/kernenkaart-kaart.js colours with
    feature-state (``c``), and their outline (``kernen_line_layer``,
    feature-state ``s``: selected). Being part of the style, MapLibre loads
    them as soon as the map exists, in one pass over the geometry: a layer
    added later makes MapLibre parse every tile of its source again, and the
    map's "load", which Plotly waits for to add the kern names, waits for that.
    """
    style: dict[str, Any] = {
        "version": 8,
        "id": "kernenkaart",
        # A non-empty sources object: Plotly drops empty objects from the layout,
        # and MapLibre then rejects the style on the next update.
        "sources": {
            "leeg": {
                "type": "geojson",
                "data": {"type": "FeatureCollection", "features": []},
            }
        },
        "glyphs": glyphs_url,
        "layers": [
            {
                "id": "achtergrond",
                "type": "background",
                "paint": {"background-color": "#f4f4f0"},
            }
        ],
    }
    if paint_url:
        style["sources"][PAINT_SOURCE] = {
            "type": "geojson",
            "data": paint_url,
            "promoteId": KERN_KEY,
        }
        style["layers"].append(
            {
                "id": PAINT_LAYER,
                "type": "fill",
                "source": PAINT_SOURCE,
                "paint": {
                    "fill-color": ["to-color", ["feature-state", "c"], TRANSPARENT],
                    "fill-opacity": FILL_OPACITY,
                },
            }
        )
        style["layers"].append(kernen_line_layer())
    return style


def kernen_line_layer() -> dict[str, Any]:
    """Outline of the kernen on the live Kaart; thick and black when selected."""
    selected = ["boolean", ["feature-state", "s"], False]
    return {
        "id": LINE_LAYER,
        "type": "line",
        "source": PAINT_SOURCE,
        "paint": {
            "line-color": ["case", selected, "#000000", OUTLINE],
            "line-width": ["case", selected, 4, 0.8],
        },
    }


def background_layers(pdok: bool, live: bool = False) -> list[dict[str, Any]]:
    """The optional PDOK BRT achtergrondkaart (grijs) under the traces.

    On the live Kaart it goes under the painted kernen too (``PAINT_LAYER``).
    """
    if not pdok:
        return []
    return [
        {
            "sourcetype": "raster",
            "source": [PDOK_GRIJS],
            "below": PAINT_LAYER if live else "traces",
            "opacity": 0.8,
            "sourceattribution": "Achtergrond: PDOK BRT (Kadaster)",
        }
    ]


def center_zoom(
    bounds: tuple[float, float, float, float], width_px: int = 400, height_px: int = 520
) -> tuple[dict[str, float], float]:
    """Centre and zoom that fit ``bounds`` (WGS84) in a map of the given size."""
    lon_min, lat_min, lon_max, lat_max = bounds
    centre = {"lon": (lon_min + lon_max) / 2, "lat": (lat_min + lat_max) / 2}
    lon_span = max(lon_max - lon_min, 1e-4)
    y0 = math.log(math.tan(math.pi / 4 + math.radians(lat_min) / 2))
    y1 = math.log(math.tan(math.pi / 4 + math.radians(lat_max) / 2))
    zoom_x = math.log2(width_px / 512 * 360 / lon_span)
    zoom_y = math.log2(height_px / 512 * 2 * math.pi / max(y1 - y0, 1e-6))
    return centre, round(min(zoom_x, zoom_y) - 0.1, 2)


def fitted_view(
    bounds: tuple[float, float, float, float], presentation: bool
) -> tuple[dict[str, float], float]:
    """Centre and zoom of the Kaart, normal or in presentation mode."""
    return center_zoom(bounds, *(PRESENTATION_SIZE if presentation else MAP_SIZE))


def label_size(presentation: bool) -> int:
    return LABEL_SIZE_LARGE if presentation else LABEL_SIZE


def _choropleth(url: str, key: str, codes: list[str], names: list[str]) -> dict:
    return {
        "type": "choroplethmap",
        "geojson": url,
        "featureidkey": f"properties.{key}",
        "locations": codes,
        "z": [0] * len(codes),
        "zmin": -0.5,
        "zmax": 0.5,
        "colorscale": CLEAR_SCALE,
        "showscale": False,
        "text": names,
        "customdata": [""] * len(codes),
        "hovertemplate": HOVER,
        "marker": {"line": {"width": 0.8, "color": OUTLINE}, "opacity": FILL_OPACITY},
    }


def base_figure(
    base: MapBase,
    view: OverlayView,
    selected: str | None,
    pdok: bool,
    presentation: bool = False,
    live: bool = False,
) -> dict:
    """The whole figure for first display, already showing ``view``.

    ``live``: the Kaart in the browser; its areas are layers of the map style,
    coloured and selected by assets/kernenkaart-kaart.js (``map_paint.paint_payload``
    and the page state), so its traces are only the opgaven and the names.
    """
    wijken = _choropleth(base.wijk_url, WIJK_KEY, base.wijk_codes, base.wijk_names)
    wijken.update(name="wijken", uid="wijken", visible=False)
    wijken["marker"]["line"] = {"width": 1.2, "color": "#333333"}
    kernen = _choropleth(base.kern_url, KERN_KEY, base.kern_codes, base.kern_names)
    kernen.update(name="kernen", uid="kernen")
    select = _choropleth(base.kern_url, KERN_KEY, [], [])
    select.update(
        name="selectie", uid="selectie", hoverinfo="skip", z=[], customdata=[]
    )
    select["marker"] = {"line": {"width": 4, "color": "#000000"}, "opacity": 1}
    points = {
        "type": "scattermap",
        "name": "opgaven",
        "uid": "opgaven",
        "lon": [],
        "lat": [],
        "text": [],
        "mode": "markers",
        "marker": {"size": 12, "color": "#D55E00"},
        "hovertemplate": "%{text}<extra></extra>",
        "visible": False,
        "below": "",
    }
    labels = {
        "type": "scattermap",
        "name": "namen",
        "uid": "namen",
        "lon": base.label_lon,
        "lat": base.label_lat,
        "text": base.kern_names,
        "mode": "text",
        "textfont": {
            "family": GLYPH_FONT,
            "size": label_size(presentation),
            "color": "#111111",
        },
        "hoverinfo": "skip",
        "below": "",
    }
    centre, zoom = fitted_view(base.bounds, presentation)
    figure = {
        "data": [points, labels] if live else [wijken, kernen, select, points, labels],
        "layout": {
            "map": {
                "style": base_style(base.glyphs_url, base.kern_url if live else None),
                "center": centre,
                "zoom": zoom,
                "layers": background_layers(pdok, live),
            },
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "showlegend": False,
            "uirevision": base.revision,
            # the Kaart script fits these bounds to the map's real size
            # (assets/kernenkaart-kaart.js fitToSize); zoom above is for exports
            "meta": {"kk_bounds": list(base.bounds)},
            "separators": ",.",
            "clickmode": "event",
            "hoverlabel": {"bgcolor": "#ffffff", "font": {"size": 14}},
        },
    }
    if live:
        for index, props in live_props(view).items():
            figure["data"][index].update(props)
    else:
        apply_view(figure, base, view, selected)
    return figure


def _view_updates(
    base: MapBase, view: OverlayView, selected: str | None
) -> dict[int, dict[str, Any]]:
    """Trace property updates for ``view`` on the area traces of ``base``.

    ``z`` and hover text follow the trace's locations (``base.kern_codes`` or
    ``base.wijk_codes``), matched by code: ``view.codes`` may be in another
    order (the indicator's wijken are sorted by name).
    """
    coloured = {
        "z": class_index(base, view),
        "zmax": len(view.palette) + 0.5,
        "colorscale": colorscale(view.palette),
        "customdata": aligned(view.codes, view.hover, area_order(base, view), ""),
    }
    if view.level == "wijk":
        wijk = {"visible": True, **coloured}
        kern = {
            "z": [0] * len(base.kern_codes),
            "zmax": 0.5,
            "colorscale": CLEAR_SCALE,
            "customdata": view.kern_hover,
        }
    else:
        wijk = {"visible": False}
        kern = coloured
    select = {"locations": [selected] if selected else [], "z": [0] if selected else []}
    return {
        WIJK_TRACE: wijk,
        KERN_TRACE: kern,
        POINT_TRACE: _points(view),
        SELECT_TRACE: select,
    }


def _points(view: OverlayView) -> dict[str, Any]:
    """The opgaven points trace of ``view`` (hidden when it has none)."""
    if view.points is None or view.points.empty:
        return {"visible": False, "lon": [], "lat": [], "text": []}
    return {
        "visible": True,
        "lon": view.points["lon"].tolist(),
        "lat": view.points["lat"].tolist(),
        "text": view.points["label"].tolist(),
    }


def apply_view(
    figure: dict, base: MapBase, view: OverlayView, selected: str | None
) -> None:
    """Apply ``view`` to a full figure dict of ``base`` (first display)."""
    for index, props in _view_updates(base, view, selected).items():
        figure["data"][index].update(props)


def presentation_patch(
    bounds: tuple[float, float, float, float], presentation: bool
) -> Patch:
    """Refit the view and resize the kern names when presentation mode toggles."""
    patch = Patch()
    centre, zoom = fitted_view(bounds, presentation)
    patch["layout"]["map"]["center"] = centre
    patch["layout"]["map"]["zoom"] = zoom
    patch["data"][LIVE_LABEL_TRACE]["textfont"]["size"] = label_size(presentation)
    return patch


def live_props(view: OverlayView) -> dict[int, dict[str, Any]]:
    """What the live figure holds of ``view``: the opgave points."""
    return {LIVE_POINT_TRACE: _points(view)}


def live_patch(view: OverlayView, pdok: bool) -> Patch:
    """Patch of the live figure: opgave points and background only."""
    patch = Patch()
    for index, props in live_props(view).items():
        for key, value in props.items():
            patch["data"][index][key] = value
    patch["layout"]["map"]["layers"] = background_layers(pdok, live=True)
    return patch


def aligned(codes: list[str], values: list[Any], order: list[str], empty: Any) -> list:
    """``values`` (in the order of ``codes``) in the order of ``order``."""
    lookup = dict(zip(codes, values, strict=True))
    return [lookup.get(code, empty) for code in order]


def area_order(base: MapBase, view: OverlayView) -> list[str]:
    """The areas ``view`` colours, in the order of ``base`` (its trace or source)."""
    return base.wijk_codes if view.level == "wijk" else base.kern_codes


def class_index(base: MapBase, view: OverlayView) -> list[int]:
    """Per area of :func:`area_order`, its class in ``view`` + 1; 0: no figure."""
    order = area_order(base, view)
    return aligned(view.codes, [c + 1 for c in view.classes], order, 0)
