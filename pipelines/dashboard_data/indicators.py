"""CBS indicator values per kern or wijk (classes are drawn by the overlays)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipelines.catalogue import Catalogue
from pipelines.dashboard_data import trends
from pipelines.dashboard_data.store_view import (
    GemeenteData,
    per_store,
)

# --- indicators -------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorValues:
    """Figures of one indicator in one year, at the finest level the store holds.

    ``frame`` has ``code``, ``name``, ``value`` and, when the store says so,
    ``methode`` and ``aandeel_geschat``; with ``since`` (the change view) also
    ``value_since``, ``verschil`` (absolute) and ``procent`` (relative).
    """

    level: str  # "kern" or "wijk"
    frame: pd.DataFrame
    gemeente_value: float | None
    year: int | None = None  # None: the store keeps no years (old stores)
    since: int | None = None  # the change view: the earlier year
    gemeente_since: float | None = None
    gemeente_methode: str = "exact"  # of the gemeente figure in ``year``


PERIOD_LEVELS = ("kern", "wijk")


def indicator_periods(data: GemeenteData, key: str) -> dict[str, list[int]]:
    """The years in which the store has figures of ``key``, per level (kern, wijk).

    Read from ``data.history`` (every year); a store without it gives the
    years of ``data.indicators`` (or the store's year when rows have none).
    Kept per store object: every Kaart change normalises its state with it.
    """
    periods = _all_periods(data).get(key, {})
    return {level: list(periods.get(level, ())) for level in PERIOD_LEVELS}


@per_store(version=lambda d: (d.version, id(d.history), id(d.indicators)))
def _all_periods(data: GemeenteData) -> dict[str, dict[str, tuple[int, ...]]]:
    table = data.history if not data.history.empty else data.indicators
    known = table.loc[table["value"].notna() & table["level"].isin(PERIOD_LEVELS)]
    if "year" in known.columns:
        known = known.assign(year=known["year"].astype(int))
    else:
        known = known.assign(year=int(data.metadata.get("year") or 0))
    pairs = known[["indicator", "level", "year"]].drop_duplicates()
    out: dict[str, dict[str, tuple[int, ...]]] = {}
    for (key, level), rows in pairs.groupby(["indicator", "level"]):
        out.setdefault(str(key), {})[str(level)] = tuple(sorted(rows["year"]))
    return out


def figures_level(periods: dict[str, list[int]], year: int) -> str:
    """'kern' when buurt figures give kern figures for ``year``, else 'wijk'."""
    return "kern" if year in periods.get("kern", []) else "wijk"


def earlier_years(periods: dict[str, list[int]], year: int | None) -> list[int]:
    """Years before ``year`` at its level: what a change since can start from."""
    if year is None:
        return []
    level = figures_level(periods, year)
    return sorted(y for y in periods.get(level, []) if y < year)


def indicator_values(
    data: GemeenteData, key: str, year: int | None = None, since: int | None = None
) -> IndicatorValues:
    """Per-kern figures when the store has them for ``year``, else per-wijk figures.

    Parameters
    ----------
    data : GemeenteData
        The loaded store.
    key : str
        Catalogue indicator.
    year : int, optional
        A year with figures (see :func:`indicator_periods`); default the latest.
    since : int, optional
        An earlier year at the same level: the frame then holds the change.

    Returns
    -------
    IndicatorValues
        Wijk figures are never divided over kernen: the caller shows wijken.
        Years that are not in the store are never filled in; a suppressed
        CBS figure stays NaN.
    """
    periods = indicator_periods(data, key)
    years = sorted(set(periods["kern"]) | set(periods["wijk"]))
    if data.history.empty or not years:
        return _latest_values(data, key)
    year = year if year in years else years[-1]
    level = figures_level(periods, year)
    since = since if since in earlier_years(periods, year) else None
    if since is None:
        rows = trends.values_in(data, key, year, level)
        columns = ["code", "value", "methode", "aandeel_geschat"]
    else:
        rows = trends.change(data, key, since, year, level)
        rows = rows.rename(columns={"value_until": "value"})
        columns = ["code", "value_since", "value", "verschil", "procent"]
        columns += ["methode", "aandeel_geschat"]
    gem, gem_methode = _gemeente_value(data, key, year)
    return IndicatorValues(
        level=level,
        frame=_area_frame(data, level, rows[columns]),
        gemeente_value=gem,
        year=year,
        since=since,
        gemeente_since=_gemeente_value(data, key, since)[0] if since else None,
        gemeente_methode=gem_methode,
    )


def _area_frame(data: GemeenteData, level: str, rows: pd.DataFrame) -> pd.DataFrame:
    """Every kern (kernen order) or wijk (by name) with its figures, NaN if none."""
    if level == "kern":
        frame = data.kernen[["kern_slug", "name"]].rename(columns={"kern_slug": "code"})
        return frame.merge(rows, on="code", how="left")
    frame = data.wijken[["wijkcode", "name"]].rename(columns={"wijkcode": "code"})
    frame = frame.merge(rows, on="code", how="left").sort_values("name")
    return frame.reset_index(drop=True)


def _gemeente_value(
    data: GemeenteData, key: str, year: int
) -> tuple[float | None, str]:
    rows = trends.values_in(data, key, year, "gemeente")
    code = trends.gemeente_code(data)
    if code and (rows["code"] == code).any():
        rows = rows[rows["code"] == code]
    if rows.empty or pd.isna(rows["value"].iloc[0]):
        return None, "exact"
    methode = rows["methode"].iloc[0] if "methode" in rows.columns else "exact"
    return float(rows["value"].iloc[0]), str(methode or "exact")


def _latest_values(data: GemeenteData, key: str) -> IndicatorValues:
    """The latest-year view (``data.indicators``): for stores without history."""
    ind = data.indicators[data.indicators["indicator"] == key]
    gem = ind.loc[ind["level"] == "gemeente", "value"]
    gem_value = float(gem.iloc[0]) if len(gem) and pd.notna(gem.iloc[0]) else None
    year = None
    if "year" in ind.columns and ind["value"].notna().any():
        year = int(ind.loc[ind["value"].notna(), "year"].max())
    elif data.metadata.get("year"):
        year = int(data.metadata["year"])
    extra = [c for c in ("methode", "aandeel_geschat") if c in ind.columns]
    kern = ind[ind["level"] == "kern"]
    level = "kern" if not kern.empty else "wijk"
    rows = ind[ind["level"] == level][["code", "value", *extra]]
    return IndicatorValues(level, _area_frame(data, level, rows), gem_value, year)


def available_indicators(data: GemeenteData, catalogue: Catalogue) -> list[str]:
    """Catalogue keys (in catalogue order) that the store has figures for."""
    # unique() first: a set built value by value from the national store's
    # 115,000 figures took 34 ms on every Kaart change (160 ms when pandas
    # keeps the strings in pyarrow); unique() takes 14 ms.
    with_value = data.indicators.loc[data.indicators["value"].notna(), "indicator"]
    present = set(with_value.unique())
    return [i.key for i in catalogue if i.key in present]


LEVEL_ORDER = ("kern", "buurt", "wijk", "gemeente")


def indicator_coverage(
    data: GemeenteData,
) -> dict[str, tuple[tuple[str, ...], tuple[int, ...]]]:
    """Indicator key -> (levels, years) at which the store has figures.

    Levels in the order kern, buurt, wijk, gemeente; indicators without any
    figure are left out.
    """
    table = data.indicators
    with_value = table.loc[table["value"].notna()]
    out = {}
    for key, rows in with_value.groupby("indicator"):
        present = set(rows["level"].astype(str))
        levels = tuple(level for level in LEVEL_ORDER if level in present)
        levels += tuple(sorted(present - set(LEVEL_ORDER)))
        years = ()
        if "year" in rows:
            years = tuple(sorted(int(y) for y in rows["year"].dropna().unique()))
        out[str(key)] = (levels, years)
    return out


def kern_wijken(data: GemeenteData) -> dict[str, list[str]]:
    """Kern slug -> the wijkcodes its buurten lie in."""
    if "wijkcodes" not in data.kernen.columns:
        return {}
    slugs = data.kernen["kern_slug"].tolist()  # plain lists: 10x faster than rows
    codes = data.kernen["wijkcodes"].fillna("").astype(str).tolist()
    return {
        slug: [w for w in text.split(",") if w]
        for slug, text in zip(slugs, codes, strict=True)
    }


# --- records: filter options ------------------------------------------------
