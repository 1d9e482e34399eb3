"""Glue between the data repository, the overlays and the layouts (no callbacks)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from dash import get_asset_url

from callbacks.state import FILTERS, normalise
from layouts import kaart, map_figure, map_paint, overlays
from layouts.overlays.base import OverlayView
from pipelines.catalogue import Catalogue
from pipelines.dashboard_data import (
    ALL,
    Filters,
    GemeenteData,
    filter_options,
    gebied_of_kern,
    overlay_input,
)

FILTER_WORDS = {
    "jaar": "Alle jaren",
    "thema": "Alle thema's",
    "eigenaar": "Alle eigenaren",
}
_CACHE: OrderedDict[tuple, OverlayView] = OrderedDict()
_LOCK = threading.Lock()
_COMPUTE = threading.Lock()
CACHE_SIZE = 256
COLOUR_KEYS = ("indicator", *FILTERS)  # what the colours of an overlay depend on
PAINT_KEYS = ("gemeente", *COLOUR_KEYS)


def filters_of(state: dict[str, Any], used: tuple[str, ...] | None = None) -> Filters:
    """The filters of ``state``; those not in ``used`` (when given) left at 'alle'.

    An overlay declares the filters it uses; leaving the others out makes its
    cached view independent of them (a jaar change does not recompute Gebieden).
    """

    defaults = Filters()
    return Filters(
        **{
            name: state.get(name) or getattr(defaults, name)
            for name in COLOUR_KEYS
            if used is None or name in used
        }
    )


def overlay_view(
    data: GemeenteData, state: dict[str, Any], catalogue: Catalogue
) -> OverlayView:
    """The overlay for a state, cached per store version, overlay and its filters."""
    overlay = overlays.get(state.get("overlay"))
    filters = filters_of(state, overlay.filters)
    key = (str(data.path), data.version, overlay.key, filters)
    cached = _cached(key)
    if cached is not None:
        return cached
    # One computation at a time: the colours and the table of one switch arrive
    # as two requests that need the same views; the second waits and reuses.
    with _COMPUTE:
        cached = _cached(key)
        if cached is not None:
            return cached
        view = overlay.build(overlay_input(overlay.source, data, filters, catalogue))
        with _LOCK:
            _CACHE[key] = view
            while len(_CACHE) > CACHE_SIZE:
                _CACHE.popitem(last=False)
    return view


def _cached(key: tuple) -> OverlayView | None:
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    return None


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
        return view.summaries[slug].split("\n")
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
    row = gebied_of_kern(data, slug)
    gebied = None
    if row is not None:
        gebied = (row["gebied"], f"/gebied/{row['gebied_slug']}?gemeente={data.slug}")
    return kaart.summary(name, kern_lines(data, view, slug), href, gebied)


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
    base = map_base(data)
    figure = map_figure.base_figure(
        base, view, state.get("kern"), pdok, bool(state.get("presentatie")), live=True
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
        paint=paint(data, state, catalogue, base),
    )


def paint_key(state: dict[str, Any]) -> str:
    """What the colours of all overlays depend on (not the overlay itself)."""
    return "|".join(str(state.get(k) or "") for k in PAINT_KEYS)


def shown_filters(rev: Any, data: GemeenteData) -> dict[str, str] | None:
    """The filters of the colours the browser has, from their ``rev``.

    ``rev`` as set by :func:`paint`; None when it is missing or belongs to
    another gemeente or store version.
    """
    if not isinstance(rev, str):
        return None
    version, *values = rev.split("|")
    if version != data.version or len(values) != len(PAINT_KEYS):
        return None
    shown = dict(zip(PAINT_KEYS, values, strict=True))
    return shown if shown["gemeente"] == data.slug else None


def colours_for_query(
    data: GemeenteData, args: Mapping[str, str], catalogue: Catalogue
) -> dict[str, Any]:
    """New colours after a filter or indicator change on the Kaart.

    The browser asks for them itself, the moment a control changes
    (assets/kernenkaart-kaart.js), with the values of all colour controls
    and the ``rev`` of the colours it has: only the overlays that use a
    changed filter are sent (none when nothing changed for the colours).
    """
    wanted = {k: args.get(k) for k in COLOUR_KEYS if args.get(k)}
    new = normalise({**wanted, "gemeente": data.slug}, data, catalogue)
    shown = shown_filters(args.get("rev"), data)
    changed = None
    if shown is not None:
        changed = {k for k in COLOUR_KEYS if str(new.get(k) or "") != shown[k]}
    return map_paint.paint_update(paint(data, new, catalogue, changed=changed))


def paint(
    data: GemeenteData,
    state: dict[str, Any],
    catalogue: Catalogue,
    base: map_figure.MapBase | None = None,
    changed: set[str] | None = None,
) -> dict[str, Any]:
    """The colours of the overlays for ``state``'s filters (browser repaints).

    Every overlay, or (``changed``) only those that use one of these filters.
    """
    views = {
        key: overlay_view(data, {**state, "overlay": key}, catalogue)
        for key, overlay in overlays.REGISTRY.items()
        if changed is None or changed & set(overlay.filters)
    }
    payload = map_paint.paint_payload(base or map_base(data), views)
    payload["rev"] = f"{data.version}|{paint_key(state)}"
    query = {k: state.get(k) or "" for k in COLOUR_KEYS}
    payload["hover_url"] = (
        f"/kaart-hover/{data.slug}.json?{urlencode({**query, 'v': data.version})}"
    )
    payload["colours_url"] = f"/kaart-kleuren/{data.slug}.json?v={data.version}"
    payload["controls"] = {key: kaart.FILTER_IDS[key] for key in COLOUR_KEYS}
    return payload


def hover_for_query(
    data: GemeenteData, args: Mapping[str, str], catalogue: Catalogue
) -> dict[str, Any]:
    """Hover text per kern for a query (overlay, indicator, filters) of the Kaart.

    The browser asks for it on the first hover of an overlay, so switches need
    not carry the text of every kern.
    """
    state = normalise(dict(args), data, catalogue)
    view = overlay_view(data, state, catalogue)
    return map_paint.hover_payload(map_base(data), state["overlay"], view)
