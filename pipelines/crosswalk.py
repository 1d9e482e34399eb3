"""Place the buurten of an earlier year in today's kernen (an *allocation*).

CBS changes the buurt indeling now and then; West Betuwe's buurten before its
2019 merger even carry the codes of Geldermalsen, Lingewaal and Neerijnen.
To show a kern's development, each buurt of such a year is allocated to the
kernen of the gemeente's current indeling. An allocation is a table::

    code        kern      share  methode           iou   kern_share
    BU03040000  haaften   1.0    grens_verschoven  0.45  1.00
    BU07330102  spijk     0.83   oppervlakte       0.73  0.83
    BU07330102  heukelum  0.17   oppervlakte       0.73  0.17

``share`` is the part of the old buurt's figures that goes to the kern (the
shares of one buurt add up to 1, so sums over all kernen equal the old total
exactly). ``methode`` says how it was placed:

- ``exact``: the same buurt (same code in the same indeling, or a reviewed
  code correspondence whose geometry shows no moved border);
- ``grens_verschoven``: placed by a reviewed code correspondence, but the old
  and the current buurt overlap less than :data:`IOU_MOVED` (intersection
  over union in RD New): its border moved, the figure is kept whole;
- ``oppervlakte``: split over kernen by the share of its area in each
  (EPSG:28992). Area is a rough proxy for where people live.

``iou`` is the overlap with the best-matching current buurt, ``kern_share``
the share of the old buurt's area inside the kern (both NaN without geometry).
Pure functions on (Geo)DataFrames; reading the reviewed tables is in
:mod:`pipelines.gemeente`.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

EXACT, MOVED, AREA = "exact", "grens_verschoven", "oppervlakte"
METHODS = (EXACT, MOVED, AREA)
RD_NEW = 28992
IOU_MOVED = 0.8  # below this overlap an old buurt's border counts as moved
SLIVER = 0.05  # area shares below this are generalisation noise, not people
ALLOCATION_COLUMNS = ["code", "kern", "share", "methode", "iou", "kern_share"]


def identity_allocation(buurt_to_kern: dict[str, str]) -> pd.DataFrame:
    """Every buurt wholly in its kern: the allocation of the indeling year.

    Parameters
    ----------
    buurt_to_kern : dict
        buurtcode -> kern slug (the gemeente file).

    Returns
    -------
    DataFrame
        Columns :data:`ALLOCATION_COLUMNS`, ``share`` 1 and ``methode`` exact.
    """
    return pd.DataFrame(
        {
            "code": list(buurt_to_kern),
            "kern": list(buurt_to_kern.values()),
            "share": 1.0,
            "methode": EXACT,
            "iou": np.nan,
            "kern_share": np.nan,
        }
    )


def _rd(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Valid polygons in RD New (EPSG:28992), empty geometries dropped."""
    if frame.crs is None:
        raise ValueError("geometry without CRS; expected EPSG:4326 or 28992")
    out = frame.to_crs(RD_NEW)
    out = out[out.geometry.notna() & ~out.geometry.is_empty].copy()
    out["geometry"] = out.geometry.make_valid()
    return out


def best_match(old: gpd.GeoDataFrame, current: gpd.GeoDataFrame) -> pd.DataFrame:
    """Per old buurt the current buurt it overlaps most, with the IoU.

    Parameters
    ----------
    old : GeoDataFrame
        ``buurtcode`` and geometry of the earlier year (any CRS).
    current : GeoDataFrame
        ``buurtcode`` and geometry of the indeling year (any CRS).

    Returns
    -------
    DataFrame
        ``code`` (old), ``match`` (current buurtcode) and ``iou``, computed
        in RD New (EPSG:28992).
    """
    a, b = _rd(old), _rd(current)
    pieces = gpd.overlay(
        a[["buurtcode", "geometry"]].rename(columns={"buurtcode": "code"}),
        b[["buurtcode", "geometry"]].rename(columns={"buurtcode": "match"}),
        how="intersection",
        keep_geom_type=True,
    )
    if pieces.empty:
        return pd.DataFrame(columns=["code", "match", "iou"])
    pieces["inter"] = pieces.geometry.area
    area_a = a.set_index("buurtcode").geometry.area
    area_b = b.set_index("buurtcode").geometry.area
    pieces["iou"] = pieces["inter"] / (
        pieces["code"].map(area_a) + pieces["match"].map(area_b) - pieces["inter"]
    )
    best = pieces.sort_values("iou", ascending=False).drop_duplicates("code")
    return pd.DataFrame(best[["code", "match", "iou"]]).reset_index(drop=True)


def kern_shares(old: gpd.GeoDataFrame, kernen: gpd.GeoDataFrame) -> pd.DataFrame:
    """The share of each old buurt's area in each kern (RD New, slivers dropped).

    Parameters
    ----------
    old : GeoDataFrame
        ``buurtcode`` and geometry of the earlier year (any CRS).
    kernen : GeoDataFrame
        ``kern_slug`` and geometry of today's kernen (any CRS).

    Returns
    -------
    DataFrame
        ``code``, ``kern`` and ``kern_share``; shares below :data:`SLIVER`
        are dropped and the rest rescaled, so a buurt's shares add up to 1.
        Old buurten that overlap no kern are left out.
    """
    a, k = _rd(old), _rd(kernen)
    pieces = gpd.overlay(
        a[["buurtcode", "geometry"]].rename(columns={"buurtcode": "code"}),
        k[["kern_slug", "geometry"]].rename(columns={"kern_slug": "kern"}),
        how="intersection",
        keep_geom_type=True,
    )
    if pieces.empty:
        return pd.DataFrame(columns=["code", "kern", "kern_share"])
    pieces["area"] = pieces.geometry.area
    frame = pd.DataFrame(pieces.groupby(["code", "kern"], as_index=False)["area"].sum())
    frame["kern_share"] = frame["area"] / frame.groupby("code")["area"].transform("sum")
    frame = frame[frame["kern_share"] >= SLIVER]
    total = frame.groupby("code")["kern_share"].transform("sum")
    frame["kern_share"] = frame["kern_share"] / total
    return frame[["code", "kern", "kern_share"]].reset_index(drop=True)


def area_allocation(
    old: gpd.GeoDataFrame, current: gpd.GeoDataFrame, kernen: gpd.GeoDataFrame
) -> pd.DataFrame:
    """Allocate old buurten to kernen by area, flagging those that moved.

    An old buurt lying (after dropping slivers) wholly in one kern goes there
    whole, ``exact`` when it matches a current buurt (IoU at least
    :data:`IOU_MOVED`) and ``grens_verschoven`` otherwise; a buurt across two
    or more kernen is split by area (``oppervlakte``).

    Parameters
    ----------
    old : GeoDataFrame
        ``buurtcode`` and geometry of the earlier year.
    current : GeoDataFrame
        ``buurtcode`` and geometry of the indeling year.
    kernen : GeoDataFrame
        ``kern_slug`` and geometry of today's kernen.

    Returns
    -------
    DataFrame
        Columns :data:`ALLOCATION_COLUMNS`.
    """
    shares = kern_shares(old, kernen)
    match = best_match(old, current).set_index("code")["iou"]
    shares["iou"] = shares["code"].map(match)
    split = shares.groupby("code")["kern"].transform("size") > 1
    moved = ~(shares["iou"] >= IOU_MOVED)
    shares["methode"] = np.where(split, AREA, np.where(moved, MOVED, EXACT))
    shares["share"] = shares["kern_share"]
    return pd.DataFrame(shares[ALLOCATION_COLUMNS]).reset_index(drop=True)


def code_allocation(
    correspondence: pd.DataFrame,
    buurt_to_kern: dict[str, str],
    old: gpd.GeoDataFrame | None = None,
    current: gpd.GeoDataFrame | None = None,
    kernen: gpd.GeoDataFrame | None = None,
) -> pd.DataFrame:
    """Allocate old buurten by a reviewed code correspondence (whole buurten).

    Parameters
    ----------
    correspondence : DataFrame
        ``buurtcode_oud`` -> ``buurtcode`` (current), one row per old buurt.
    buurt_to_kern : dict
        Current buurtcode -> kern slug.
    old, current, kernen : GeoDataFrame, optional
        Geometry of the old year, the indeling year and today's kernen. With
        them, a pair whose overlap (IoU in RD New) is below :data:`IOU_MOVED`
        is flagged ``grens_verschoven``; without them every pair is ``exact``.

    Returns
    -------
    DataFrame
        Columns :data:`ALLOCATION_COLUMNS`, ``share`` 1.
    """
    out = pd.DataFrame(
        {
            "code": correspondence["buurtcode_oud"].astype(str).to_numpy(),
            "kern": correspondence["buurtcode"].astype(str).map(buurt_to_kern),
        }
    )
    out = out[out["kern"].notna()].reset_index(drop=True)
    out["share"], out["methode"] = 1.0, EXACT
    out["iou"], out["kern_share"] = np.nan, np.nan
    if old is None or current is None:
        return out[ALLOCATION_COLUMNS]
    target = dict(
        zip(correspondence["buurtcode_oud"], correspondence["buurtcode"], strict=False)
    )
    out["iou"] = out["code"].map(_pair_iou(old, current, target))
    if kernen is not None:
        inside = kern_shares(old, kernen).set_index(["code", "kern"])["kern_share"]
        keys = list(zip(out["code"], out["kern"], strict=True))
        out["kern_share"] = [inside.get(key, 0.0) for key in keys]
    out["methode"] = np.where(out["iou"] < IOU_MOVED, MOVED, EXACT)
    return out[ALLOCATION_COLUMNS]


def _pair_iou(
    old: gpd.GeoDataFrame, current: gpd.GeoDataFrame, target: dict[str, str]
) -> pd.Series:
    """IoU (RD New) of each old buurt with the current buurt it corresponds to."""
    a = _rd(old).drop_duplicates("buurtcode").set_index("buurtcode").geometry
    b = _rd(current).drop_duplicates("buurtcode").set_index("buurtcode").geometry
    pairs = [(c, n) for c, n in target.items() if c in a.index and n in b.index]
    if not pairs:
        return pd.Series(dtype=float)
    left = a.loc[[c for c, _ in pairs]].to_numpy()
    right = b.loc[[n for _, n in pairs]].to_numpy()
    inter = shapely.area(shapely.intersection(left, right))
    union = shapely.area(shapely.union(left, right))
    iou = np.divide(inter, union, out=np.full(len(pairs), np.nan), where=union > 0)
    return pd.Series(iou, index=[c for c, _ in pairs], dtype=float)


def check_allocation(allocation: pd.DataFrame, codes: list[str]) -> list[str]:
    """The old buurtcodes of a year that the allocation does not place."""
    placed = set(allocation["code"])
    return sorted(c for c in codes if c not in placed)
