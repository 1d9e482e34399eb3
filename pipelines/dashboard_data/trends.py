"""CBS figures over the years: a kern's series, change since a year, age structure.

Read from :attr:`GemeenteData.history` (every year; levels kern, wijk and
gemeente). Every row keeps its ``year``, ``level``, ``methode`` (exact,
grens_verschoven, oppervlakte, samengevoegd) and ``aandeel_geschat``, so a
screen can say of each figure when, where and how sure it is. Years that are
not in the store are never filled in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipelines.dashboard_data.store_view import GemeenteData

SERIES_COLUMNS = ["year", "value", "level", "methode", "aandeel_geschat", "n_missing"]
AGE_GROUPS = (
    ("inwoners_0_15", "0-15 jaar"),
    ("inwoners_15_25", "15-25 jaar"),
    ("inwoners_25_45", "25-45 jaar"),
    ("inwoners_45_65", "45-65 jaar"),
    ("inwoners_65_plus", "65 jaar en ouder"),
)


def _rows(data: GemeenteData, key: str, level: str) -> pd.DataFrame:
    table = data.history
    if table.empty:
        return table
    return table[(table["indicator"] == key) & (table["level"] == level)]


def series(data: GemeenteData, key: str, level: str, code: str) -> pd.DataFrame:
    """One area's figure per year present, ascending (:data:`SERIES_COLUMNS`).

    Parameters
    ----------
    data : GemeenteData
        The loaded store.
    key : str
        Catalogue indicator.
    level : str
        ``kern``, ``wijk`` or ``gemeente``.
    code : str
        Kern slug, wijkcode or gemeentecode.

    Returns
    -------
    DataFrame
        Only years with a value; none are interpolated.
    """
    rows = _rows(data, key, level)
    if rows.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    rows = rows[(rows["code"] == code) & rows["value"].notna()]
    out = rows.sort_values("year")[SERIES_COLUMNS]
    return out.reset_index(drop=True)


def gemeente_code(data: GemeenteData) -> str:
    """The gemeentecode of the store (``GM1960``)."""
    return str(data.metadata.get("gemeentecode", ""))


def years_with(data: GemeenteData, key: str, level: str = "kern") -> list[int]:
    """The years in which the store has figures of ``key`` at ``level``."""
    rows = _rows(data, key, level)
    if rows.empty:
        return []
    return sorted(int(y) for y in rows.loc[rows["value"].notna(), "year"].unique())


def kern_years(data: GemeenteData) -> list[int]:
    """Every year with at least one kern figure (from buurt figures)."""
    table = data.history
    if table.empty:
        return []
    kern = table[(table["level"] == "kern") & table["value"].notna()]
    return sorted(int(y) for y in kern["year"].unique())


def values_in(data: GemeenteData, key: str, year: int, level: str) -> pd.DataFrame:
    """All areas' figures of ``key`` in ``year`` at ``level``: code, name, value, ..."""
    rows = _rows(data, key, level)
    if rows.empty:
        return pd.DataFrame(columns=["code", "name", *SERIES_COLUMNS])
    rows = rows[rows["year"] == year]
    return rows[["code", "name", *SERIES_COLUMNS]].reset_index(drop=True)


def change(
    data: GemeenteData, key: str, since: int, until: int, level: str = "kern"
) -> pd.DataFrame:
    """Per area the figure in ``since`` and ``until`` and the change between them.

    Returns
    -------
    DataFrame
        ``code``, ``name``, ``value_since``, ``value_until``, ``verschil``
        (absolute), ``procent`` (relative, NaN where the first value is 0 or
        missing), ``methode`` (the weaker of the two years) and
        ``aandeel_geschat`` (the larger of the two).
    """
    a = values_in(data, key, since, level).set_index("code")
    b = values_in(data, key, until, level).set_index("code")
    out = b[["name"]].join(a[["value", "methode", "aandeel_geschat"]], how="outer")
    out = out.rename(columns={"value": "value_since"})
    out["value_until"] = b["value"]
    out["name"] = out["name"].fillna(a["name"])
    out["verschil"] = out["value_until"] - out["value_since"]
    base = out["value_since"].where(out["value_since"] != 0)
    out["procent"] = out["verschil"] / base * 100
    weaker = b["methode"].reindex(out.index)
    out["methode"] = out["methode"].where(out["methode"] != "exact", weaker)
    out["aandeel_geschat"] = np.fmax(
        out["aandeel_geschat"].to_numpy(dtype=float),
        b["aandeel_geschat"].reindex(out.index).to_numpy(dtype=float),
    )
    return out.reset_index()


@dataclass(frozen=True)
class AgeStructure:
    """A kern's age groups against the gemeente's, as shares of all inwoners."""

    year: int
    groups: pd.DataFrame  # groep, kern (aantal), kern_pct, gemeente_pct


def age_structure(data: GemeenteData, slug: str) -> AgeStructure | None:
    """The five CBS age groups of a kern and of the gemeente, latest year with both."""
    years = [
        y
        for y in years_with(data, "inwoners_65_plus")
        if not series(data, "inwoners_0_15", "kern", slug).query("year == @y").empty
    ]
    if not years:
        return None
    year = max(years)
    gm = gemeente_code(data)
    rows = []
    for key, label in AGE_GROUPS:
        kern = values_in(data, key, year, "kern").set_index("code")["value"]
        gem = values_in(data, key, year, "gemeente").set_index("code")["value"]
        rows.append((label, kern.get(slug, np.nan), gem.get(gm, np.nan)))
    frame = pd.DataFrame(rows, columns=["groep", "kern", "gemeente"])
    frame["kern_pct"] = frame["kern"] / frame["kern"].sum() * 100
    frame["gemeente_pct"] = frame["gemeente"] / frame["gemeente"].sum() * 100
    return AgeStructure(year, frame)


def moved_buurten(data: GemeenteData, slug: str, year: int) -> pd.DataFrame:
    """The buurten of ``year`` counted in kern ``slug`` that were not matched exactly.

    Parameters
    ----------
    data : GemeenteData
        The loaded store (its ``buurten_historie`` crosswalk).
    slug : str
        The kern.
    year : int
        A year of the crosswalk (a year with an older buurt indeling).

    Returns
    -------
    DataFrame
        ``name``, ``methode`` and ``iou`` (overlap of the old buurt with its
        present-day counterpart, 0..1) of every non-exact buurt, by name;
        empty when all were exact or the store has no crosswalk.
    """
    table = data.crosswalk
    if table.empty or "kern" not in table.columns:
        return pd.DataFrame(columns=["name", "methode", "iou"])
    rows = table[
        (table["kern"] == slug)
        & (table["year"] == year)
        & (table["methode"] != "exact")
    ]
    return rows.sort_values("name")[["name", "methode", "iou"]].reset_index(drop=True)


# --- Over, Monitor: every year and level ------------------------------------

COVERAGE_LEVELS = ("kern", "wijk", "gemeente")


def coverage(data: GemeenteData) -> dict[str, tuple[tuple[str, tuple[int, ...]], ...]]:
    """Per indicator the levels with figures and, per level, every year with one.

    Parameters
    ----------
    data : GemeenteData
        The loaded store (its ``history``: kern, wijk and gemeente, every year).

    Returns
    -------
    dict
        Indicator key -> ((level, years), ...), levels in the order kern, wijk,
        gemeente, years ascending; indicators without any figure are left out.
    """
    table = data.history
    if table.empty:
        return {}
    known = table.loc[table["value"].notna(), ["indicator", "level", "year"]]
    known = known.drop_duplicates()
    out: dict[str, tuple[tuple[str, tuple[int, ...]], ...]] = {}
    for key, rows in known.groupby("indicator"):
        levels = []
        for level in COVERAGE_LEVELS:
            years = rows.loc[rows["level"] == level, "year"]
            if len(years):
                levels.append((level, tuple(sorted(int(y) for y in years))))
        out[str(key)] = tuple(levels)
    return out


def predecessors(data: GemeenteData) -> tuple[str, ...]:
    """The former gemeenten whose figures the store sums for years before a merger.

    Read from the store's ``voorganger`` rows (West Betuwe: Geldermalsen,
    Lingewaal, Neerijnen), by name; empty for a gemeente without a merger.
    """
    table = data.history
    if table.empty or "level" not in table.columns:
        return ()
    names = table.loc[table["level"] == "voorganger", "name"].dropna().astype(str)
    return tuple(sorted(set(names)))


def gemeente_development(data: GemeenteData, keys: list[str]) -> pd.DataFrame:
    """The gemeente's figures of ``keys`` in every year the store has them.

    Returns
    -------
    DataFrame
        ``indicator``, ``year``, ``value`` (NaN: the year is in the store but
        CBS published no figure), ``methode``, ``n_parts``; years that are not
        in the store have no row (nothing is filled in).
    """
    table = data.history
    columns = ["indicator", "year", "value", "methode", "n_parts"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    rows = table[
        (table["level"] == "gemeente")
        & (table["code"] == gemeente_code(data))
        & table["indicator"].isin(keys)
    ]
    return rows.sort_values(["indicator", "year"])[columns].reset_index(drop=True)


def kern_series(data: GemeenteData, key: str) -> dict[str, dict[int, dict]]:
    """Every kern's rows of ``key``: kern slug -> year -> history row (as a dict).

    Only years the store has; a kern without a figure in a year has no entry
    for it (the caller shows 'geen cijfer', never a guess).
    """
    rows = _rows(data, key, "kern")
    out: dict[str, dict[int, dict]] = {}
    if rows.empty:
        return out
    for row in rows[rows["value"].notna()].to_dict("records"):
        out.setdefault(str(row["code"]), {})[int(row["year"])] = row
    return out


def methode_counts(data: GemeenteData, level: str = "kern") -> dict[str, int]:
    """How many figures (with a value) at ``level`` were made by each methode."""
    table = data.history
    if table.empty or "methode" not in table.columns:
        return {}
    rows = table[(table["level"] == level) & table["value"].notna()]
    return {str(k): int(v) for k, v in rows["methode"].value_counts().items()}


def merged_years(data: GemeenteData) -> list[int]:
    """Years whose gemeente figures are sums of predecessors (methode samengevoegd)."""
    table = data.history
    if table.empty or "methode" not in table.columns:
        return []
    rows = table[(table["level"] == "gemeente") & (table["methode"] == "samengevoegd")]
    return sorted(int(y) for y in rows["year"].unique())
