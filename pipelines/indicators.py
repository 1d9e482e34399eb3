"""Aggregate KWB figures to kernen, following the indicator catalogue.

The result is one long table (``indicators`` layer of the store)::

    level     code          name          indicator        year  value  n_parts
    kern      geldermalsen  Geldermalsen  aantal_inwoners  2024  11005  10
    kern      geldermalsen  Geldermalsen  aantal_inwoners  2017  10580  10
    wijk      WK196000      Geldermalsen  aantal_inwoners  2024  11005  1
    gemeente  GM1960        West Betuwe   aantal_inwoners  2024  52948  1

plus ``n_missing`` (parts without a figure), ``source_level``, ``methode``
and ``aandeel_geschat``.

Kern rows exist only where buurt figures exist: each buurt of the year is
allocated to today's kernen by an *allocation* (see :mod:`pipelines.crosswalk`;
for the indeling year itself every buurt lies wholly in one kern). Counts are
summed over the allocated parts (``value * share``), rates and averages are
weighted by their base, and shares (``aandeel``) are computed afterwards from
the summed counts at every level, never averaged from buurt percentages. Wijk
and gemeente figures are kept at their own level and never divided over kernen.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipelines.catalogue import Catalogue, Indicator
from pipelines.crosswalk import EXACT, identity_allocation

LONG_COLUMNS = [
    "level",
    "code",
    "name",
    "indicator",
    "year",
    "value",
    "n_parts",
    "n_missing",
    "source_level",
    "methode",
    "aandeel_geschat",
]
LEVELS = ("buurt", "wijk", "gemeente")


def _long(frame: pd.DataFrame, keys: list[str], year: int) -> pd.DataFrame:
    """KWB rows of one level in long form, as-is (no aggregation)."""
    present = [k for k in keys if k in frame.columns and frame[k].notna().any()]
    if frame.empty or not present:
        return pd.DataFrame(columns=LONG_COLUMNS)
    long = frame.melt(
        id_vars=["level", "code", "name"], value_vars=present, var_name="indicator"
    )
    long["n_parts"] = 1
    long["n_missing"] = long["value"].isna().astype(int)
    long["source_level"] = long["level"]
    long["year"] = year
    long["methode"] = EXACT
    long["aandeel_geschat"] = 0.0
    return long[LONG_COLUMNS]


def _allocated(
    buurt: pd.DataFrame, allocation: pd.DataFrame, columns: list[str]
) -> pd.DataFrame:
    """Buurt rows joined to their kern parts: one row per (buurt, kern)."""
    parts = allocation[["code", "kern", "share", "methode"]].merge(
        buurt[["code", *columns]], on="code", how="inner"
    )
    parts["estimated"] = parts["methode"] != EXACT
    return parts


def _aggregate_one(ind: Indicator, parts: pd.DataFrame) -> pd.DataFrame:
    """Aggregate one indicator from allocated buurt parts to kernen.

    Sums with ``np.bincount`` over the kern index of the parts: one pass per
    indicator, no pandas groupby (43 groupbys took most of a small build).
    """
    kern_idx, kernen = pd.factorize(parts["kern"], sort=False)
    size = len(kernen)
    v = parts[ind.key].to_numpy(dtype=float)
    share = parts["share"].to_numpy(dtype=float)
    if ind.aggregatie == "som":
        known = ~np.isnan(v)
        x = np.where(known, v * share, 0.0)
        wk = None
    else:
        w = (
            parts[ind.weging].to_numpy(dtype=float)
            if ind.weging in parts.columns
            else np.full(len(parts), np.nan)
        )
        known = ~np.isnan(v) & ~np.isnan(w) & (w > 0)
        x = np.where(known, v * w * share, 0.0)
        wk = np.bincount(kern_idx, np.where(known, w * share, 0.0), size)
    est = np.where(parts["estimated"].to_numpy(), x, 0.0)
    total = np.bincount(kern_idx, x, size)
    n_known = np.bincount(kern_idx, known.astype(float), size)
    if wk is None:
        value = np.where(n_known > 0, total, np.nan)
    else:
        value = np.divide(total, wk, out=np.full(size, np.nan), where=wk > 0)
        value = np.where(n_known > 0, value, np.nan)
    estimated = np.bincount(kern_idx, est, size)
    geschat = np.divide(estimated, total, out=np.zeros(size), where=total != 0)
    return pd.DataFrame(
        {
            "kern": kernen,
            "value": value,
            "n_parts": np.bincount(kern_idx, minlength=size),
            "n_missing": np.bincount(kern_idx, (~known).astype(float), size).astype(
                int
            ),
            "aandeel_geschat": np.clip(geschat, 0.0, 1.0),
        }
    )


def _kern_methods(allocation: pd.DataFrame) -> pd.Series:
    """Per kern the weakest method among its parts (exact < code < area)."""
    order = {m: i for i, m in enumerate(("exact", "grens_verschoven", "oppervlakte"))}
    rank = allocation["methode"].map(order).fillna(0)
    worst = rank.groupby(allocation["kern"]).max()
    inverse = {i: m for m, i in order.items()}
    return worst.map(inverse)


def aggregate_year(
    kwb: pd.DataFrame,
    allocation: pd.DataFrame | None,
    kern_names: dict[str, str],
    catalogue: Catalogue,
    year: int,
) -> pd.DataFrame:
    """The long indicator table of one KWB year: kern parts plus wijk/gemeente rows.

    Parameters
    ----------
    kwb : DataFrame
        Normalised KWB rows of one year (``code``, ``level``, ``name`` and
        indicator columns).
    allocation : DataFrame or None
        ``code`` (buurt of that year), ``kern``, ``share`` (of the buurt's
        figures that goes to the kern; the shares of a buurt add up to 1) and
        ``methode`` (:data:`pipelines.crosswalk.METHODS`). None: no kern rows
        (the year's buurten could not be placed in today's kernen).
    kern_names : dict
        kern slug -> kern name.
    catalogue : Catalogue
        Defines per indicator how it aggregates.
    year : int
        Peiljaar of the KWB figures.

    Returns
    -------
    DataFrame
        Columns :data:`LONG_COLUMNS`, shares not yet derived (see
        :func:`derive_shares`). Kern rows have ``source_level`` ``buurt``, the
        weakest ``methode`` of their parts and ``aandeel_geschat``, the part
        of the value that comes from parts not allocated exactly.
    """
    keys = catalogue.read_keys
    out = [_long(kwb[kwb["level"] == lvl], keys, year) for lvl in LEVELS]
    buurt = kwb[kwb["level"] == "buurt"]
    if allocation is not None and not buurt.empty:
        columns = [k for k in keys if k in buurt.columns]
        parts = _allocated(buurt, allocation, columns)
        methods = _kern_methods(allocation[allocation["code"].isin(buurt["code"])])
        for ind in catalogue:
            if ind.derived or ind.key not in buurt.columns:
                continue
            if buurt[ind.key].isna().all():
                continue
            agg = _aggregate_one(ind, parts).rename(columns={"kern": "code"})
            agg["level"] = "kern"
            agg["name"] = agg["code"].map(kern_names)
            agg["indicator"] = ind.key
            agg["source_level"] = "buurt"
            agg["year"] = year
            agg["methode"] = agg["code"].map(methods).fillna(EXACT)
            out.append(agg[LONG_COLUMNS])
    return _concat(out)


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=LONG_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    out["n_parts"] = out["n_parts"].astype(int)
    out["n_missing"] = out["n_missing"].astype(int)
    out["value"] = out["value"].astype(float)
    out["year"] = out["year"].astype(int)
    out["aandeel_geschat"] = out["aandeel_geschat"].astype(float)
    return out


def derive_shares(long: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Add the ``aandeel`` indicators: ``teller / noemer * factor`` per row.

    Computed at every level from the (summed) counts of the same area and
    year, so a kern's share of 65-plussers is the kern's 65-plussers over its
    inwoners, never a mean of buurt percentages. A share exists only where
    both counts do; it inherits the weaker method and the larger estimated
    part of the two.
    """
    derived = [i for i in catalogue if i.derived]
    if long.empty or not derived:
        return long
    index = ["level", "code", "year"]
    out = [long]
    for ind in derived:
        num = long[long["indicator"] == ind.teller].set_index(index)
        den = long[long["indicator"] == ind.noemer].set_index(index)
        both = num.merge(
            den, left_index=True, right_index=True, how="inner", suffixes=("", "_n")
        )
        if both.empty:
            continue
        num_v = both["value"].to_numpy(dtype=float)
        den_v = both["value_n"].to_numpy(dtype=float)
        ok = den_v > 0
        rows = both.reset_index()
        rows["value"] = np.divide(
            num_v * ind.factor, den_v, out=np.full(len(den_v), np.nan), where=ok
        )
        rows["n_missing"] = np.maximum(rows["n_missing"], rows["n_missing_n"])
        rows["aandeel_geschat"] = np.maximum(
            rows["aandeel_geschat"], rows["aandeel_geschat_n"]
        )
        weaker = rows["methode_n"].where(rows["methode"] == EXACT, rows["methode"])
        rows["methode"] = weaker
        rows["indicator"] = ind.key
        out.append(rows[LONG_COLUMNS])
    return _concat(out)


def aggregate_to_kernen(
    kwb: pd.DataFrame,
    buurt_to_kern: dict[str, str],
    kern_names: dict[str, str],
    catalogue: Catalogue,
    year: int,
) -> pd.DataFrame:
    """One year whose buurten are the indeling's: :func:`aggregate_year` + shares.

    Parameters
    ----------
    kwb : DataFrame
        Normalised KWB frame (``code``, ``level``, ``name`` and indicator columns).
    buurt_to_kern : dict
        buurtcode -> kern slug, from the gemeente file.
    kern_names : dict
        kern slug -> kern name.
    catalogue : Catalogue
        Defines per indicator how it aggregates.
    year : int
        Peiljaar of the KWB figures.

    Returns
    -------
    DataFrame
        Columns :data:`LONG_COLUMNS`, with the derived shares.
    """
    in_kern = kwb[(kwb["level"] != "buurt") | kwb["code"].isin(list(buurt_to_kern))]
    allocation = identity_allocation(buurt_to_kern)
    table = aggregate_year(in_kern, allocation, kern_names, catalogue, year)
    return derive_shares(table, catalogue)


def kern_population(indicators: pd.DataFrame) -> pd.Series | None:
    """Inwoners per kern slug of the latest year with kern figures, else None."""
    rows = indicators[
        (indicators["level"] == "kern") & (indicators["indicator"] == "aantal_inwoners")
    ]
    if rows["value"].notna().sum() == 0:
        return None
    if "year" in rows.columns:
        latest = rows.loc[rows["value"].notna(), "year"].max()
        rows = rows[rows["year"] == latest]
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


def latest_year_view(long: pd.DataFrame) -> pd.DataFrame:
    """Per indicator only the rows of its latest year with a figure.

    The screens that show one figure per kern (Kaart, key figures) read this;
    the development over the years reads the whole table. Each indicator
    keeps its own latest year (bedrijfsvestigingen may be 2022 where
    inwoners are 2024), and every row still carries its ``year``.
    """
    if long.empty or "year" not in long.columns:
        return long
    known = long[long["value"].notna()]
    latest = known.groupby("indicator")["year"].max()
    keep = long["year"].to_numpy() == long["indicator"].map(latest).to_numpy()
    return long[keep].reset_index(drop=True)
