"""Map classes and CBS indicator values per kern or wijk."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipelines.catalogue import Catalogue
from pipelines.dashboard_data.store_view import (
    GemeenteData,
)


def nice_number(value: float, up: bool = False) -> float:
    """Round to two significant digits (1234 -> 1200), upwards when ``up``."""
    if value == 0 or not math.isfinite(value):
        return value
    magnitude = 10 ** (math.floor(math.log10(abs(value))) - 1)
    func = math.ceil if up else math.floor
    return func(value / magnitude) * magnitude


def class_breaks(values: pd.Series, k: int = 5) -> list[float]:
    """Upper bounds of at most ``k`` readable classes (quantiles, rounded edges).

    Parameters
    ----------
    values : Series
        The figures to classify; NaN is ignored.
    k : int
        Maximum number of classes.

    Returns
    -------
    list of float
        Increasing upper bounds; the last one is the maximum. Fewer than ``k``
        when the values have fewer distinct levels. Empty when no values.
    """
    import mapclassify

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


def assign_classes(values: pd.Series, breaks: list[float]) -> np.ndarray:
    """Class number (0-based) per value for ``breaks``; -1 for NaN."""
    arr = values.astype(float).to_numpy()
    out = np.searchsorted(np.asarray(breaks, dtype=float), arr, side="left")
    out = np.minimum(out, max(len(breaks) - 1, 0))
    return np.where(np.isnan(arr), -1, out).astype(int)


# --- indicators -------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorValues:
    """Figures of one indicator at the finest level that the store holds."""

    level: str  # "kern" or "wijk"
    frame: pd.DataFrame  # code, name, value
    gemeente_value: float | None


def indicator_values(data: GemeenteData, key: str) -> IndicatorValues:
    """Per-kern figures when the store has them, else per-wijk figures.

    Wijk figures are never divided over kernen: the caller shows wijken.
    """
    ind = data.indicators[data.indicators["indicator"] == key]
    gem = ind.loc[ind["level"] == "gemeente", "value"]
    gem_value = float(gem.iloc[0]) if len(gem) and pd.notna(gem.iloc[0]) else None
    kern = ind[ind["level"] == "kern"]
    if not kern.empty:
        frame = data.kernen[["kern_slug", "name"]].rename(columns={"kern_slug": "code"})
        frame = frame.merge(kern[["code", "value"]], on="code", how="left")
        return IndicatorValues("kern", frame, gem_value)
    wijk = ind[ind["level"] == "wijk"][["code", "value"]]
    frame = data.wijken[["wijkcode", "name"]].rename(columns={"wijkcode": "code"})
    frame = frame.merge(wijk, on="code", how="left").sort_values("name")
    return IndicatorValues("wijk", frame.reset_index(drop=True), gem_value)


def available_indicators(data: GemeenteData, catalogue: Catalogue) -> list[str]:
    """Catalogue keys (in catalogue order) that the store has figures for."""
    present = set(data.indicators.loc[data.indicators["value"].notna(), "indicator"])
    return [i.key for i in catalogue if i.key in present]


def kern_wijken(data: GemeenteData) -> dict[str, list[str]]:
    """Kern slug -> the wijkcodes its buurten lie in."""
    if "wijkcodes" not in data.kernen.columns:
        return {}
    return {
        row.kern_slug: [w for w in str(row.wijkcodes or "").split(",") if w]
        for row in data.kernen.itertuples()
    }


# --- records: filter options ------------------------------------------------
