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
