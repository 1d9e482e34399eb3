"""Aggregate KWB figures to kernen, following the indicator catalogue.

The result is one long table (``indicators`` layer of the store)::

    level     code          name          indicator        value  n_parts
    kern      geldermalsen  Geldermalsen  aantal_inwoners  11005  10
    wijk      WK196000      Geldermalsen  aantal_inwoners  11005  1
    gemeente  GM1960        West Betuwe   aantal_inwoners  52948  1

plus ``n_missing`` (parts without a figure), ``source_level`` and ``year``.

Kern rows exist only where buurt figures exist: counts are summed, rates and
averages are weighted by their base (``weging``). Wijk and gemeente figures
are kept at their own level and never divided over kernen.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipelines.catalogue import Catalogue, Indicator

LONG_COLUMNS = [
    "level",
    "code",
    "name",
    "indicator",
    "value",
    "n_parts",
    "n_missing",
    "source_level",
    "year",
]


def _long(frame: pd.DataFrame, keys: list[str], year: int) -> pd.DataFrame:
    """KWB rows of one level in long form, as-is (no aggregation)."""
    present = [k for k in keys if k in frame.columns]
    if frame.empty or not present:
        return pd.DataFrame(columns=LONG_COLUMNS)
    long = frame.melt(
        id_vars=["level", "code", "name"], value_vars=present, var_name="indicator"
    )
    long["n_parts"] = 1
    long["n_missing"] = long["value"].isna().astype(int)
    long["source_level"] = long["level"]
    long["year"] = year
    return long[LONG_COLUMNS]


def _aggregate_one(
    ind: Indicator, buurt: pd.DataFrame, kern_of: pd.Series
) -> pd.DataFrame:
    """Aggregate one indicator from buurt rows to kernen."""
    values = buurt[ind.key]
    groups = kern_of.loc[buurt["code"]].to_numpy()
    frame = pd.DataFrame({"kern": groups, "v": values.to_numpy()})
    if ind.aggregatie == "som":
        frame["missing"] = frame["v"].isna()
        agg = frame.groupby("kern", sort=False).agg(
            value=("v", "sum"),
            n_known=("v", "count"),
            n_parts=("v", "size"),
            n_missing=("missing", "sum"),
        )
        agg["value"] = agg["value"].where(agg["n_known"] > 0)
        return agg.reset_index()[["kern", "value", "n_parts", "n_missing"]]
    weights = buurt[ind.weging].to_numpy() if ind.weging in buurt.columns else np.nan
    frame["w"] = weights
    ok = frame["v"].notna() & frame["w"].notna() & (frame["w"] > 0)
    frame["vw"] = np.where(ok, frame["v"] * frame["w"], 0.0)
    frame["wk"] = np.where(ok, frame["w"], 0.0)
    agg = frame.groupby("kern", sort=False).agg(
        vw=("vw", "sum"), wk=("wk", "sum"), n_parts=("v", "size")
    )
    agg["n_missing"] = frame.assign(bad=~ok).groupby("kern", sort=False)["bad"].sum()
    agg["value"] = np.where(
        agg["wk"] > 0, agg["vw"] / agg["wk"].where(agg["wk"] > 0), np.nan
    )
    return agg.reset_index()[["kern", "value", "n_parts", "n_missing"]]


def aggregate_to_kernen(
    kwb: pd.DataFrame,
    buurt_to_kern: dict[str, str],
    kern_names: dict[str, str],
    catalogue: Catalogue,
    year: int,
) -> pd.DataFrame:
    """Build the long indicator table: kern aggregates plus wijk and gemeente rows.

    Parameters
    ----------
    kwb : DataFrame
        Normalised KWB frame (``code``, ``level``, ``name`` and indicator columns).
    buurt_to_kern : dict
        buurtcode -> kern slug, from the gemeente file.
    kern_names : dict
        kern slug -> kern name.
    catalogue : Catalogue
        Defines per indicator how it aggregates (``som`` or weighted mean).
    year : int
        Peiljaar of the KWB figures.

    Returns
    -------
    DataFrame
        Columns ``LONG_COLUMNS``; kern rows have ``source_level`` ``buurt``;
        buurt rows themselves are included too (level ``buurt``).
    """
    keys = catalogue.keys
    parts = [
        _long(kwb[kwb["level"] == lvl], keys, year)
        for lvl in ("buurt", "wijk", "gemeente")
    ]
    buurt = kwb[(kwb["level"] == "buurt") & kwb["code"].isin(list(buurt_to_kern))]
    kern_of = pd.Series(buurt_to_kern)
    for ind in catalogue:
        if buurt.empty or ind.key not in buurt.columns or buurt[ind.key].isna().all():
            continue
        agg = _aggregate_one(ind, buurt, kern_of)
        agg = agg.rename(columns={"kern": "code"})
        agg["level"] = "kern"
        agg["name"] = agg["code"].map(kern_names)
        agg["indicator"] = ind.key
        agg["source_level"] = "buurt"
        agg["year"] = year
        parts.append(agg[LONG_COLUMNS])
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=LONG_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    out["n_parts"] = out["n_parts"].astype(int)
    out["n_missing"] = out["n_missing"].astype(int)
    out["value"] = out["value"].astype(float)
    return out


def kern_population(indicators: pd.DataFrame) -> pd.Series | None:
    """Inwoners per kern slug where buurt figures made that possible, else None."""
    rows = indicators[
        (indicators["level"] == "kern") & (indicators["indicator"] == "aantal_inwoners")
    ]
    if rows.empty:
        return None
    return rows.set_index("code")["value"]


def available_levels(indicators: pd.DataFrame) -> dict[str, str]:
    """Per indicator the finest level with figures: kern, wijk or gemeente."""
    order = {"kern": 0, "wijk": 1, "gemeente": 2}
    present = indicators[indicators["level"].isin(order) & indicators["value"].notna()]
    best = (
        present.assign(rank=present["level"].map(order))
        .groupby("indicator")["rank"]
        .min()
    )
    inverse = {v: k for k, v in order.items()}
    return {ind: inverse[int(r)] for ind, r in best.items()}
