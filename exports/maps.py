"""Static maps: a vector kern map for print, and the Kaart view as a slide image.

* :func:`kern_map_figure` draws a kern within its gemeente on plain x/y axes in
  RD New (EPSG:28992) with equal scale: vector output (crisp in a PDF), no
  tiles, fonts or WebGL, and fast to render.
* :func:`slide_map_figure` reuses the dashboard's own figure builder
  (:func:`layouts.map_figure.base_figure` and the overlay modules), so the
  slide shows exactly what the Kaart shows, plus title, legend, date and source
  line drawn into the figure. Geometry is inlined (the app uses a URL) and the
  label glyphs are read from ``assets/glyphs`` on disk, so nothing is fetched
  from a server; when the glyphs are missing the labels are dropped instead of
  blocking the export.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely

from exports.html import contrast_text
from exports.render import ExportError, Renderer, render_figure
from layouts import overlays
from layouts.map_figure import (
    KERN_TRACE,
    LABEL_TRACE,
    MapBase,
    base_figure,
    center_zoom,
)
from layouts.overlays.base import LegendItem, OverlayView
from pipelines.catalogue import Catalogue
from pipelines.dashboard_data import ALL, Filters, GemeenteData, overlay_input

GLYPHS_DIR = Path(__file__).resolve().parent.parent / "assets" / "glyphs"
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
OTHER_KERN = "#dedede"
SIMPLIFY_M = 15.0


def _rings(geom: Any) -> tuple[list[float | None], list[float | None]]:
    """Exterior rings of a (multi)polygon as None-separated x/y lists."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    polys = getattr(geom, "geoms", [geom])
    for poly in polys:
        if poly.is_empty or poly.geom_type != "Polygon":
            continue
        x, y = poly.exterior.coords.xy
        xs += [round(v, 1) for v in x] + [None]
        ys += [round(v, 1) for v in y] + [None]
    return xs, ys


def _area_trace(geom: Any, fill: str, line: str, width: float, name: str) -> dict:
    xs, ys = _rings(geom)
    return {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "lines",
        "fill": "toself",
        "fillcolor": fill,
        "line": {"color": line, "width": width},
        "hoverinfo": "skip",
        "name": name,
    }


def kern_map_figure(kernen_rd: gpd.GeoDataFrame, kern_slug: str, kleur: str) -> dict:
    """A kern (in ``kleur``) among the other kernen of its gemeente; RD New axes.

    Parameters
    ----------
    kernen_rd : GeoDataFrame
        The ``kernen`` layer of the store (EPSG:28992) with ``kern_slug``,
        ``name``, ``label_x`` and ``label_y``.
    kern_slug : str
        The kern to highlight.
    kleur : str
        The gemeente's colour (store metadata ``kleur``).
    """
    geoms = shapely.simplify(kernen_rd.geometry.to_numpy(), SIMPLIFY_M)
    traces = []
    for slug, geom in zip(kernen_rd["kern_slug"], geoms, strict=True):
        if slug != kern_slug:
            traces.append(_area_trace(geom, OTHER_KERN, "#ffffff", 1.2, str(slug)))
    outline = shapely.union_all(geoms).buffer(0)
    traces.append(_area_trace(outline, "rgba(0,0,0,0)", "#555555", 1.6, "gemeente"))
    target = kernen_rd["kern_slug"] == kern_slug
    for geom in geoms[target.to_numpy()]:
        traces.append(_area_trace(geom, kleur, "#111111", 2.0, kern_slug))
    others = kernen_rd[~target]
    traces.append(_labels(others, 11, "#555555"))
    traces.append(_labels(kernen_rd[target], 15, contrast_text(kleur), bold=True))
    axis = {"visible": False, "showgrid": False, "zeroline": False}
    return {
        "data": traces,
        "layout": {
            "xaxis": {**axis, "constrain": "domain"},
            "yaxis": {**axis, "scaleanchor": "x", "scaleratio": 1},
            "showlegend": False,
            "margin": {"l": 4, "r": 4, "t": 4, "b": 4},
            "paper_bgcolor": "#ffffff",
            "plot_bgcolor": "#ffffff",
            "font": {"family": FONT},
        },
    }


def _labels(frame: Any, size: int, colour: str, bold: bool = False) -> dict:
    names = [f"<b>{n}</b>" if bold else str(n) for n in frame["name"]]
    return {
        "type": "scatter",
        "x": [round(float(v), 1) for v in frame["label_x"]],
        "y": [round(float(v), 1) for v in frame["label_y"]],
        "text": names,
        "mode": "text",
        "textfont": {"size": size, "color": colour, "family": FONT},
        "hoverinfo": "skip",
    }


# --- slide: the Kaart view ------------------------------------------------------


def _bounds(geojson: dict) -> tuple[float, float, float, float]:
    geoms = shapely.from_geojson(json.dumps(geojson))
    return tuple(float(v) for v in shapely.bounds(geoms).tolist())  # type: ignore[return-value]


def map_base(data: GemeenteData) -> MapBase:
    """The dashboard's :class:`MapBase` for a gemeente, for static rendering."""
    kernen = data.kernen
    return MapBase(
        kern_url="",
        wijk_url="",
        kern_codes=list(kernen["kern_slug"]),
        kern_names=list(kernen["name"]),
        label_lon=[float(v) for v in kernen["label_lon"]],
        label_lat=[float(v) for v in kernen["label_lat"]],
        wijk_codes=list(data.wijken["wijkcode"]),
        wijk_names=list(data.wijken["name"]),
        bounds=_bounds(json.loads(data.geojson["kernen"])),
        glyphs_url=GLYPHS_DIR.as_uri() + "/{fontstack}/{range}.pbf",
        revision=data.version,
    )


def _legend_shapes(
    items: list[LegendItem], x0: float, y_top: float, step: float
) -> tuple[list[dict], list[dict]]:
    """Coloured squares and labels of the legend in paper coordinates."""
    shapes, notes = [], []
    for i, item in enumerate(items):
        y = y_top - i * step
        shapes.append(
            {
                "type": "rect",
                "xref": "paper",
                "yref": "paper",
                "x0": x0,
                "x1": x0 + 0.022,
                "y0": y - 0.032,
                "y1": y,
                "fillcolor": item.colour,
                "line": {"color": "#4d4d4d", "width": 1},
            }
        )
        notes.append(
            _text(escape(item.label), x0 + 0.03, y - 0.016, 20, anchor="middle")
        )
    return shapes, notes


def _text(
    text: str, x: float, y: float, size: int, anchor: str = "top", **font: Any
) -> dict:
    return {
        "text": text,
        "xref": "paper",
        "yref": "paper",
        "x": x,
        "y": y,
        "xanchor": "left",
        "yanchor": anchor,
        "showarrow": False,
        "align": "left",
        "font": {"size": size, "family": FONT, "color": "#111111", **font},
    }


def slide_map_figure(
    data: GemeenteData,
    view: OverlayView,
    *,
    title: str,
    subtitle: str = "",
    selected: str | None = None,
    width: int = 1920,
    height: int = 1080,
    made_on: date | None = None,
) -> dict:
    """The Kaart figure for ``view`` with title, legend, date and source line.

    The map takes the left 70% of the slide; legend and notes the right side.
    """
    figure = base_figure(map_base(data), view, selected, pdok=False)
    figure = copy.deepcopy(figure)
    kernen_geo, wijken_geo = (json.loads(data.geojson[k]) for k in ("kernen", "wijken"))
    for trace in figure["data"]:
        if trace.get("type") == "choroplethmap":
            trace["geojson"] = (
                wijken_geo if trace.get("name") == "wijken" else kernen_geo
            )
    labels = figure["data"][LABEL_TRACE]
    if any(GLYPHS_DIR.glob("*/0-255.pbf")):
        labels["textfont"]["size"] = 17
    else:  # no glyphs on disk: MapLibre would wait for a font server; drop labels
        labels.update(visible=False)
    figure["data"][KERN_TRACE]["marker"]["opacity"] = 1.0
    map_w, map_h = 0.68, 0.80
    centre, zoom = center_zoom(
        map_base(data).bounds, int(width * map_w), int(height * map_h)
    )
    layout = figure["layout"]
    layout["map"].update(
        center=centre, zoom=zoom, domain={"x": [0, map_w], "y": [0.09, 0.09 + map_h]}
    )
    layout.update(width=width, height=height, paper_bgcolor="#ffffff")
    layout["margin"] = {"l": 40, "r": 40, "t": 30, "b": 20}
    layout["font"] = {"family": FONT}
    made = (made_on or date.today()).strftime("%d-%m-%Y")
    notes = [
        _text(escape(title), 0, 1.0, 40, weight="bold"),
        _text(escape(subtitle), 0, 0.935, 22, color="#333333"),
        _text(escape(view.legend_title), 0.70, 0.86, 24, weight="bold"),
    ]
    shapes, legend = _legend_shapes(view.legend_items, 0.70, 0.80, 0.05)
    notes += legend
    y_after = 0.80 - 0.05 * len(view.legend_items) - 0.02
    if view.legend_note:
        note = _wrap(escape(view.legend_note), 52)
        notes.append(_text(note, 0.70, y_after, 16, color="#333333"))
    source = data.metadata.get("attribution", "Bron: CBS, Kadaster (CC BY 4.0)")
    line = f"{source}. Gemeente {data.naam}"
    if data.has_records:
        line += ": eigen registraties"
        if data.voorbeelddata:
            line += " (VOORBEELDDATA, fictief)"
    line += f". Kaart gemaakt op {made} met de kernenkaart."
    notes.append(_text(escape(line), 0, 0.04, 17, anchor="middle", color="#333333"))
    if data.voorbeelddata:
        notes.append(
            _text("VOORBEELDDATA", 0.70, 1.0, 30, color="#b00020", weight="bold")
        )
    layout["annotations"] = notes
    layout["shapes"] = shapes
    return figure


def _wrap(text: str, width: int) -> str:
    """Wrap text with <br> for a Plotly annotation."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines)


def _filter_text(filters: Filters, overlay_filters: tuple[str, ...]) -> str:
    parts = []
    for name in ("jaar", "thema", "eigenaar", "regeling"):
        value = getattr(filters, name)
        if name in overlay_filters and value != ALL:
            parts.append(f"{name} {value}")
    return ", ".join(parts)


def map_image(
    data: GemeenteData,
    overlay_key: str,
    filters: Filters,
    catalogue: Catalogue,
    fmt: str = "png",
    *,
    selected: str | None = None,
    width: int = 1920,
    height: int = 1080,
    renderer: Renderer | None = None,
    made_on: date | None = None,
) -> bytes:
    """The Kaart view (overlay + filters) as a PNG or SVG slide, offline.

    Uses the dashboard's overlay module for colours and legend, so the image
    matches the screen. ``fmt`` is ``"png"`` or ``"svg"``.
    """
    if fmt not in ("png", "svg"):
        raise ExportError(f"Unknown image format {fmt!r}.", hint="Use png or svg.")
    overlay = overlays.get(overlay_key)
    view = overlay.build(overlay_input(overlay.source, data, filters, catalogue))
    subtitle = f"Gemeente {data.naam}"
    chosen = _filter_text(filters, overlay.filters)
    if chosen:
        subtitle += f" · {chosen}"
    figure = slide_map_figure(
        data,
        view,
        title=overlay.label,
        subtitle=subtitle,
        selected=selected,
        width=width,
        height=height,
        made_on=made_on,
    )
    return render_figure(figure, fmt, width, height, renderer=renderer)
