"""Kern figures of every KWB year: allocation per year, aggregation, shares.

For each year the source delivered, its buurten are placed in today's kernen
(:mod:`pipelines.crosswalk`): the indeling year's buurten as they are; an
earlier year's by the gemeente's reviewed code correspondence
(``<slug>.buurten-<year>.csv``) or, without one, by area overlap with that
year's buurt boundaries. A year that can be placed in neither way keeps only
its wijk and gemeente figures, with a warning. A merged gemeente's figures of
a year before the merger are added up from its predecessors (level
``gemeente``, ``methode`` ``samengevoegd``); their own rows get the level
``voorganger``, and wijken with codes that no longer exist ``wijk_oud``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from pipelines.catalogue import Catalogue
from pipelines.crosswalk import (
    area_allocation,
    check_allocation,
    code_allocation,
    identity_allocation,
)
from pipelines.gemeente import GemeenteConfig, load_correspondence
from pipelines.indicators import LONG_COLUMNS, aggregate_year, derive_shares
from pipelines.sources.base import CbsData

logger = logging.getLogger(__name__)
MERGED = "samengevoegd"
CROSSWALK_COLUMNS = [
    "year",
    "code",
    "name",
    "kern",
    "share",
    "methode",
    "iou",
    "kern_share",
    "bron",
]


@dataclass
class YearFigures:
    """Everything the store keeps about the kern figures of all years."""

    indicators: pd.DataFrame
    crosswalk: pd.DataFrame
    sources: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


def _allocation(
    data: CbsData,
    config: GemeenteConfig,
    year: int,
    buurt_codes: list[str],
    current: gpd.GeoDataFrame,
    kernen: gpd.GeoDataFrame,
) -> tuple[pd.DataFrame | None, str]:
    """How the buurten of ``year`` are placed in today's kernen, and by what."""
    kern_of = config.kern_of_buurt()
    if set(buurt_codes) <= set(kern_of):
        return identity_allocation(kern_of), "indeling"
    old = data.history.get(year)
    table = load_correspondence(config, year)
    if table is not None:
        return code_allocation(table, kern_of, old, current, kernen), "codetabel"
    if old is not None and not old.empty:
        return area_allocation(old, current, kernen), "oppervlakte"
    return None, ""


def _merged_gemeente(
    kwb: pd.DataFrame, config: GemeenteConfig, catalogue: Catalogue, year: int
) -> pd.DataFrame:
    """The gemeente's figures of a year before its merger: sum of predecessors."""
    parts = kwb[kwb["level"] == "gemeente"]
    codes = [c for c in config.codes_in(year) if c in set(parts["code"])]
    if config.code in set(parts["code"]) or not codes:
        return pd.DataFrame(columns=LONG_COLUMNS)
    as_parts = parts[parts["code"].isin(codes)].assign(level="buurt")
    allocation = identity_allocation({c: config.code for c in codes})
    rows = aggregate_year(
        as_parts, allocation, {config.code: config.naam}, catalogue, year
    )
    rows = rows[rows["level"] == "kern"].assign(
        level="gemeente", source_level="gemeente", methode=MERGED
    )
    return rows


def _gemeente_from_buurten(
    table: pd.DataFrame,
    kwb: pd.DataFrame,
    config: GemeenteConfig,
    catalogue: Catalogue,
    year: int,
) -> pd.DataFrame:
    """Gemeente figures from the buurten, for indicators without a gemeente row."""
    have = table[(table["level"] == "gemeente") & table["value"].notna()]
    missing = {i.key for i in catalogue if not i.derived} - set(have["indicator"])
    buurt = kwb[kwb["level"] == "buurt"]
    columns = [k for k in missing if k in buurt.columns and buurt[k].notna().any()]
    if not columns or buurt.empty:
        return pd.DataFrame(columns=LONG_COLUMNS)
    allocation = identity_allocation({c: config.code for c in buurt["code"]})
    subset = buurt[["code", "level", "name", *columns]]
    others = [k for k in catalogue.read_keys if k in buurt.columns and k not in columns]
    weights = buurt[["code", *others]]
    frame = subset.merge(weights, on="code")
    rows = aggregate_year(
        frame, allocation, {config.code: config.naam}, catalogue, year
    )
    rows = rows[(rows["level"] == "kern") & rows["indicator"].isin(columns)]
    return rows.assign(level="gemeente")


def _relabel_old_codes(
    table: pd.DataFrame, config: GemeenteConfig, wijken: set
) -> pd.DataFrame:
    """Predecessors' rows -> level ``voorganger``; vanished wijken -> ``wijk_oud``."""
    old_gemeente = (table["level"] == "gemeente") & (table["code"] != config.code)
    old_wijk = (table["level"] == "wijk") & ~table["code"].isin(wijken)
    table.loc[old_gemeente, "level"] = "voorganger"
    table.loc[old_wijk, "level"] = "wijk_oud"
    return table


def kern_figures(
    data: CbsData,
    config: GemeenteConfig,
    current: gpd.GeoDataFrame,
    kernen: gpd.GeoDataFrame,
    catalogue: Catalogue,
) -> YearFigures:
    """The long indicator table of every year, the allocations and the sources.

    Parameters
    ----------
    data : CbsData
        All years the source delivered (``kwb`` with a ``year`` column).
    config : GemeenteConfig
        The gemeente, its kernen, predecessors and correspondence tables.
    current : GeoDataFrame
        The indeling year's buurten (``buurtcode``, geometry; RD New).
    kernen : GeoDataFrame
        Today's kernen (``kern_slug``, geometry; RD New).
    catalogue : Catalogue
        The indicators.

    Returns
    -------
    YearFigures
        ``indicators`` (:data:`pipelines.indicators.LONG_COLUMNS`, shares
        derived), ``crosswalk`` (:data:`CROSSWALK_COLUMNS`, years that needed
        one), ``sources`` (year, indicator, table, key) and warnings.
    """
    names = {k.slug: k.naam for k in config.kernen}
    wijken = set(data.wijken["wijkcode"])
    tables, crosswalks, warnings = [], [], []
    for year in data.years:
        kwb = data.kwb[data.kwb["year"] == year].dropna(axis=1, how="all")
        codes = kwb.loc[kwb["level"] == "buurt", "code"].tolist()
        allocation, how = _allocation(data, config, year, codes, current, kernen)
        if allocation is None and codes:
            warnings.append(
                f"{year}: de buurten van dat jaar zijn niet die van nu, en er is "
                "geen codetabel en geen buurtkaart van dat jaar; alleen wijk- en "
                "gemeentecijfers van dat jaar zijn bewaard."
            )
        elif allocation is not None:
            unplaced = check_allocation(allocation, codes)
            if unplaced:
                warnings.append(
                    f"{year}: buurten {', '.join(unplaced)} konden niet in een kern "
                    "worden geplaatst; hun cijfers tellen in geen enkel kerncijfer mee."
                )
            if how != "indeling":
                named = dict(zip(kwb["code"], kwb["name"], strict=False))
                crosswalks.append(
                    allocation.assign(
                        year=year, bron=how, name=allocation["code"].map(named)
                    )
                )
        table = aggregate_year(kwb, allocation, names, catalogue, year)
        table = pd.concat(
            [table, _merged_gemeente(kwb, config, catalogue, year)], ignore_index=True
        )
        extra = _gemeente_from_buurten(table, kwb, config, catalogue, year)
        tables.append(pd.concat([table, extra], ignore_index=True))
    indicators = (
        pd.concat(tables, ignore_index=True)
        if tables
        else pd.DataFrame(columns=LONG_COLUMNS)
    )
    indicators = derive_shares(
        _relabel_old_codes(indicators, config, wijken), catalogue
    )
    crosswalk = (
        pd.concat(crosswalks, ignore_index=True)[CROSSWALK_COLUMNS]
        if crosswalks
        else pd.DataFrame(columns=CROSSWALK_COLUMNS)
    )
    sources = pd.DataFrame(
        data.source_keys, columns=["year", "indicator", "table", "key"]
    )
    for year, reason in sorted(data.unavailable.items()):
        warnings.append(f"{year}: niet geladen ({reason}).")
    return YearFigures(indicators, crosswalk, sources, warnings)
