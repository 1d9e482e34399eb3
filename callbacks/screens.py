"""Glue between the data repository, the overlays and the layouts (no callbacks)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from dash import get_asset_url

from layouts import kaart, map_figure, overlays
from layouts.overlays.base import OverlayView
from pipelines.catalogue import Catalogue
from pipelines.dashboard_data import ALL, Filters, GemeenteData, filter_options

FILTER_WORDS = {
    "jaar": "Alle jaren",
    "thema": "Alle thema's",
    "eigenaar": "Alle eigenaren",
}
_CACHE: OrderedDict[tuple, OverlayView] = OrderedDict()
_LOCK = threading.Lock()
CACHE_SIZE = 256


def filters_of(state: dict[str, Any]) -> Filters:
    return Filters(
        jaar=state.get("jaar") or ALL,
        thema=state.get("thema") or ALL,
        eigenaar=state.get("eigenaar") or ALL,
        regeling=state.get("regeling") or ALL,
        indicator=state.get("indicator") or "aantal_inwoners",
    )


def overlay_view(
    data: GemeenteData, state: dict[str, Any], catalogue: Catalogue
) -> OverlayView:
    """The overlay for a state, cached per store version, overlay and filters."""
    from pipelines.dashboard_data import overlay_input

    overlay = overlays.get(state.get("overlay"))
    key = (str(data.path), data.version, overlay.key, filters_of(state))
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    inputs = overlay_input(overlay.source, data, filters_of(state), catalogue)
    view = overlay.build(inputs)
    with _LOCK:
        _CACHE[key] = view
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return view


def geo_url(data: GemeenteData, layer: str) -> str:
    return f"/geo/{data.slug}/{layer}.json?v={data.version}"


def map_base(data: GemeenteData) -> map_figure.MapBase:
    lon = data.kernen["label_lon"].round(5).tolist()
    lat = data.kernen["label_lat"].round(5).tolist()
    return map_figure.MapBase(
        kern_url=geo_url(data, "kernen"),
        wijk_url=geo_url(data, "wijken"),
        kern_codes=data.kernen["kern_slug"].tolist(),
        kern_names=data.kernen["name"].tolist(),
        label_lon=lon,
        label_lat=lat,
        wijk_codes=data.wijken["wijkcode"].tolist(),
        wijk_names=data.wijken["name"].tolist(),
        bounds=data.bounds,
        glyphs_url=get_asset_url("glyphs/") + "{fontstack}/{range}.pbf",
        revision=f"{data.slug}-{data.version}",
    )


def options(
    data: GemeenteData, catalogue: Catalogue
) -> dict[str, list[tuple[str, str]]]:
    """Dropdown options (value, label) of every filter."""
    from pipelines.dashboard_data import available_indicators

    raw = filter_options(data)
    out = {
        "indicator": [
            (k, catalogue.get(k).titel) for k in available_indicators(data, catalogue)
        ]
    }
    for name, values in raw.items():
        first = FILTER_WORDS.get(name, "Alle regelingen")
        out[name] = [(ALL, first)] + [(v, v) for v in values]
    return out


def kern_lines(data: GemeenteData, view: OverlayView, slug: str) -> list[str]:
    """What the current overlay says about one kern, as short sentences."""
    if slug in view.summaries:
        return [view.summaries[slug]]
    if view.level == "kern" and slug in view.codes:
        return [f"{view.legend_title}: {view.hover[view.codes.index(slug)]}"]
    if view.level == "wijk" and view.kern_hover:
        index = data.kernen.index[data.kernen["kern_slug"] == slug]
        if len(index):
            return [f"{view.legend_title}: {view.kern_hover[int(index[0])]}"]
    return [view.message or "Geen gegevens voor deze kern."]


def summary(data: GemeenteData, view: OverlayView, state: dict[str, Any]) -> list[Any]:
    slug = state.get("kern")
    if not slug:
        return kaart.no_selection()
    name = data.kern_name(slug)
    href = f"/kern/{slug}?gemeente={data.slug}"
    return kaart.summary(name, kern_lines(data, view, slug), href, data.slug)


def attribution(data: GemeenteData, pdok: bool) -> str:
    text = str(data.metadata.get("attribution") or "Bron: CBS, Kadaster")
    return text + (
        " · Achtergrond: PDOK BRT-Achtergrondkaart (Kadaster)" if pdok else ""
    )


def kaart_content(
    data: GemeenteData,
    state: dict[str, Any],
    names: dict[str, str],
    catalogue: Catalogue,
) -> kaart.KaartContent:
    """Everything the Kaart screen shows for ``state``."""
    view = overlay_view(data, state, catalogue)
    overlay = overlays.get(state["overlay"])
    pdok = state.get("achtergrond") == "pdok"
    figure = map_figure.base_figure(
        map_base(data), view, state.get("kern"), pdok, bool(state.get("presentatie"))
    )
    return kaart.KaartContent(
        state=state,
        gemeenten=sorted(names.items(), key=lambda kv: kv[1]),
        overlays=[(o.key, o.label) for o in overlays.REGISTRY.values()],
        options=options(data, catalogue),
        active_filters=overlay.filters,
        figure=figure,
        view=view,
        kern_names=dict(
            zip(data.kernen["kern_slug"], data.kernen["name"], strict=True)
        ),
        gemeente_naam=data.naam,
        summary=summary(data, view, state),
        attribution=attribution(data, pdok),
    )
