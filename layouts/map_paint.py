"""What the Kaart's browser script paints with: colours and hover text per area.

assets/kernenkaart-kaart.js colours the kernen and wijken of the live Kaart
(``map_figure.base_figure(live=True)``) with MapLibre feature-state from these
plain values; none of them is a Plotly figure.
"""

from __future__ import annotations

from typing import Any

from layouts.map_figure import (
    FILL_OPACITY,
    KERN_KEY,
    WIJK_KEY,
    MapBase,
    aligned,
    class_index,
)
from layouts.overlays.base import NO_DATA, OverlayView


def paint_view(base: MapBase, view: OverlayView) -> dict[str, Any]:
    """Colours of one overlay view: a colour list and, per area, its index in it.

    Index 0 is 'geen gegevens'; class ``c`` of the view is index ``c + 1``.
    Areas are in the order of ``base.kern_codes`` or ``base.wijk_codes``.
    """
    return {
        "level": view.level,
        "colours": [NO_DATA, *view.palette],
        "classes": class_index(base, view),
    }


def paint_payload(base: MapBase, views: dict[str, OverlayView]) -> dict[str, Any]:
    """The colours of every overlay (same filters) for assets/kernenkaart-kaart.js.

    Sent when the gemeente, the filters or the indicator change; an overlay
    switch then repaints in the browser without asking the server.
    """
    return {
        "kern_url": base.kern_url,
        "wijk_url": base.wijk_url,
        "kern_key": KERN_KEY,
        "wijk_key": WIJK_KEY,
        "kern_codes": base.kern_codes,
        "wijk_codes": base.wijk_codes,
        "opacity": FILL_OPACITY,
        "views": {key: paint_view(base, view) for key, view in views.items()},
    }


PAINT_STATIC = (
    "kern_url",
    "wijk_url",
    "kern_key",
    "wijk_key",
    "kern_codes",
    "wijk_codes",
    "opacity",
    "colours_url",
    "controls",
)


def paint_update(payload: dict[str, Any]) -> dict[str, Any]:
    """``payload`` without what stays the same for a gemeente (areas, URLs).

    New colours after a filter change; the browser keeps the rest from the
    full payload that came with the page.
    """
    return {k: v for k, v in payload.items() if k not in PAINT_STATIC}


def hover_payload(base: MapBase, key: str, view: OverlayView) -> dict[str, Any]:
    """Hover text per kern (order of ``base.kern_codes``) of the shown overlay."""
    if view.level == "wijk":
        texts = list(view.kern_hover)
    else:
        texts = aligned(view.codes, view.hover, base.kern_codes, "")
    return {"overlay": key, "names": base.kern_names, "texts": texts}
