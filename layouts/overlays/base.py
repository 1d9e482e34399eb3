"""What every overlay returns, and the shared colouring helpers."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import mapclassify  # imported with the app, not on the first request (~1 s)
import numpy as np
import pandas as pd

from layouts import format as fmt

if TYPE_CHECKING:
    from pipelines.dashboard_data import OverlayInput

# Colour-blind-safe palettes. Sequential: light part of ColorBrewer YlGnBu (dark
# text stays readable on every class). Categorical: Okabe-Ito.
SEQUENTIAL = {
    1: ["#41b6c4"],
    2: ["#c7e9b4", "#1d91c0"],
    3: ["#edf8b1", "#7fcdbb", "#1d91c0"],
    4: ["#edf8b1", "#a1dab4", "#41b6c4", "#1d91c0"],
    5: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0"],
}
CATEGORICAL = [
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#999999",
]
NO_DATA = "#e0e0e0"
NO_DATA_LABEL = "geen gegevens"
TRANSPARENT = "rgba(0,0,0,0)"


@dataclass(frozen=True)
class LegendItem:
    colour: str
    label: str


@dataclass(frozen=True)
class Column:
    """A table column: key in the rows, Dutch header, numeric (sort and align)."""

    key: str
    label: str
    numeric: bool = False


@dataclass
class OverlayView:
    """One overlay computed for a gemeente and filters: map colours, legend, table."""

    level: str  # "kern" or "wijk": which areas carry the colours
    codes: list[str]  # area ids in the order of ``classes``
    classes: list[int]  # class per area, -1 = geen gegevens
    hover: list[str]  # one line of hover text per area
    palette: list[str]
    legend_title: str
    legend_items: list[LegendItem]
    legend_note: str = ""
    columns: list[Column] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    message: str = ""
    points: pd.DataFrame | None = None  # lon, lat, label (Ruimtelijke opgaven)
    kern_hover: list[str] = field(default_factory=list)  # wijk level, kernen order
    summaries: dict[str, str] = field(default_factory=dict)  # kern slug -> text
    # options of filters that depend on the figures (CBS year): filter -> options
    # as dbc.Select takes them ({"value", "label", "disabled"})
    choices: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Overlay:
    """An overlay of the Kaart: key (URL), Dutch label, filters, data and builder.

    ``source`` names the figures it colours (a key of
    ``pipelines.dashboard_data.OVERLAY_SOURCES``); the caller computes them
    with ``overlay_input`` and hands the plain values to ``build``.
    """

    key: str
    label: str
    filters: tuple[str, ...]
    source: str
    build: Callable[[OverlayInput], OverlayView]
    description: str = ""


def nice_number(value: float, up: bool = False) -> float:
    """Round to two significant digits (1234 -> 1200), upwards when ``up``."""
    if value == 0 or not math.isfinite(value):
        return value
    magnitude = 10 ** (math.floor(math.log10(abs(value))) - 1)
    func = math.ceil if up else math.floor
    return func(value / magnitude) * magnitude


def class_breaks(values: pd.Series, k: int = 5) -> list[float]:
    """Upper bounds of at most ``k`` readable classes (quantiles, rounded edges).

    Fewer than ``k`` when the values have fewer distinct levels (each its own
    class); empty when there are no values. NaN is ignored.
    """
    clean = values.dropna().astype(float)
    if clean.empty:
        return []
    distinct = np.unique(clean)
    if len(distinct) <= k:
        return [float(v) for v in distinct]
    bins = mapclassify.Quantiles(clean.to_numpy(), k=k).bins
    top = nice_number(float(clean.max()), up=True)
    edges = sorted({nice_number(float(b)) for b in bins[:-1]} | {top})
    edges = [e for e in edges if e >= float(clean.min())]
    return edges if edges else [top]


def assign_classes(values: pd.Series, breaks: list[float]) -> list[int]:
    """Class number (0-based) per value for ``breaks``; -1 for NaN."""
    arr = values.astype(float).to_numpy()
    out = np.searchsorted(np.asarray(breaks, dtype=float), arr, side="left")
    out = np.minimum(out, max(len(breaks) - 1, 0))
    return [int(c) for c in np.where(np.isnan(arr), -1, out)]


def range_labels(breaks: list[float], decimals: int, unit: str) -> list[str]:
    """Readable class labels: 'tot en met 1.200', '1.200 - 2.400', ..."""
    if not breaks:
        return []
    if len(breaks) == 1:
        return [f"{fmt.number(breaks[0], decimals)} {unit}".strip()]
    labels = [f"tot en met {fmt.number(breaks[0], decimals)} {unit}".strip()]
    for low, high in zip(breaks[:-1], breaks[1:], strict=False):
        text = f"meer dan {fmt.number(low, decimals)} tot en met "
        labels.append(f"{text}{fmt.number(high, decimals)} {unit}".strip())
    return labels


def sequential_legend(
    breaks: list[float], decimals: int, unit: str
) -> tuple[list[str], list[LegendItem]]:
    """Palette and legend items for classes with ``breaks`` (+ 'geen gegevens')."""
    palette = SEQUENTIAL.get(len(breaks), SEQUENTIAL[5])[: len(breaks)]
    items = [
        LegendItem(c, label)
        for c, label in zip(palette, range_labels(breaks, decimals, unit), strict=False)
    ]
    return palette, [*items, LegendItem(NO_DATA, NO_DATA_LABEL)]


def colorscale(palette: list[str]) -> list[list[Any]]:
    """Stepped colour scale for z = class + 1 (0 = geen gegevens), zmin -0.5."""
    colours = [NO_DATA, *palette]
    n = len(colours)
    scale: list[list[Any]] = []
    for i, colour in enumerate(colours):
        scale.append([i / n, colour])
        scale.append([(i + 1) / n, colour])
    return scale


def empty_view(codes: list[str], title: str, message: str) -> OverlayView:
    """All areas grey, with a visible explanation (for example no records)."""
    return OverlayView(
        level="kern",
        codes=codes,
        classes=[-1] * len(codes),
        hover=[message] * len(codes),
        palette=[],
        legend_title=title,
        legend_items=[LegendItem(NO_DATA, NO_DATA_LABEL)],
        message=message,
    )


# --- change views (Maatschappelijke opgaven: verandering sinds een jaar) ---------

# Diverging: the five middle classes of ColorBrewer PuOr (7 classes), colour-blind
# safe and light enough for dark text; orange = afname, purple = toename, and the
# middle class (near white) = (vrijwel) geen verandering.
DIVERGING = ["#f1a340", "#fee0b6", "#f7f7f7", "#d8daeb", "#998ec3"]
MIDDLE_CLASS = 2
CHANGE_STEPS = tuple(m * 10.0**e for e in range(-1, 7) for m in (1, 2, 5))


class Shown(float):
    """A number that a table shows as text ('+21 %') and sorts and exports by value."""

    text: str

    def __new__(cls, value: float, text: str = "") -> Shown:
        obj = super().__new__(cls, value)
        obj.text = text
        return obj

    def __str__(self) -> str:
        return self.text


def change_breaks(values: pd.Series) -> tuple[float, float]:
    """Symmetric bounds (t1, t2): |change| <= t1 is 'geen verandering', > t2 strong.

    t2 is the first step (1, 2, 5, 10, ...; at least 1) at or above three in
    four of the absolute changes; t1 is two steps below it (10 -> 2, 5 -> 1).
    """
    arr = values.astype(float).to_numpy()
    clean = np.abs(arr[np.isfinite(arr)])
    spread = float(np.quantile(clean, 0.75)) if clean.size else 0.0
    first = CHANGE_STEPS.index(1.0)
    index = next(
        (i for i, s in enumerate(CHANGE_STEPS) if i >= first and s >= spread),
        len(CHANGE_STEPS) - 1,
    )
    return CHANGE_STEPS[index - 2], CHANGE_STEPS[index]


def change_classes(values: pd.Series, bounds: tuple[float, float]) -> list[int]:
    """Class per change: 0 strong afname .. 2 no change .. 4 strong toename; NaN -1."""
    low, high = bounds
    arr = values.astype(float).to_numpy()
    out = np.select(
        [np.isnan(arr), arr < -high, arr < -low, arr <= low, arr <= high],
        [-1, 0, 1, MIDDLE_CLASS, 3],
        default=4,
    )
    return [int(c) for c in out]


def _bound(value: float) -> str:
    return fmt.number(value, 0 if float(value).is_integer() else 1)


def change_legend(bounds: tuple[float, float], unit: str) -> list[LegendItem]:
    """Diverging legend items (text on every class, middle = no change)."""
    low, high = _bound(bounds[0]), _bound(bounds[1])
    labels = [
        f"afname van meer dan {high} {unit}",
        f"afname van meer dan {low} tot en met {high} {unit}",
        f"(vrijwel) geen verandering: -{low} tot en met +{low} {unit}",
        f"toename van meer dan {low} tot en met {high} {unit}",
        f"toename van meer dan {high} {unit}",
    ]
    items = [LegendItem(c, t) for c, t in zip(DIVERGING, labels, strict=True)]
    return [*items, LegendItem(NO_DATA, NO_DATA_LABEL)]
