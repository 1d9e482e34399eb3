"""The overlays of the Kaart: a new overlay is one module plus one line here."""

from __future__ import annotations

from layouts.overlays import gebieden, indicator, kernagenda, leefbaarheid, ruimtelijk
from layouts.overlays.base import Overlay

REGISTRY: dict[str, Overlay] = {
    o.key: o
    for o in (
        kernagenda.OVERLAY,
        leefbaarheid.OVERLAY,
        indicator.OVERLAY,
        ruimtelijk.OVERLAY,
        gebieden.OVERLAY,
    )
}
DEFAULT = indicator.KEY


def get(key: str | None) -> Overlay:
    """The overlay for a URL key; the default for unknown keys."""
    return REGISTRY.get(key or "", REGISTRY[DEFAULT])
