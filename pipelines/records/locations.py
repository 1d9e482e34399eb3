"""Locations of opgaven: lat/lon (WGS84), RD x/y (EPSG:28992) or WKT, to EPSG:4326."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

LOCATION_COLUMNS = ["opgave_id", "soort", "titel", "fase", "kern_slug", "kern_slugs"]


def build_locations(opgaven: pd.DataFrame) -> gpd.GeoDataFrame | None:
    """Geometry of every opgave that has a location, in EPSG:4326.

    Parameters
    ----------
    opgaven : DataFrame
        The validated opgaven table (columns ``wkt``, ``lat``/``lon``, ``x``/``y``).
        A WKT geometry wins over lat/lon, and lat/lon over RD x/y.

    Returns
    -------
    GeoDataFrame or None
        Columns ``opgave_id, soort, titel, fase, kern_slug, kern_slugs, geometry``
        (points or shapes, EPSG:4326); None when no opgave has a location.
    """
    if opgaven.empty:
        return None
    geometry = shapely.from_wkt(
        opgaven["wkt"].fillna("").to_numpy(dtype=object), on_invalid="ignore"
    )
    has_latlon = (opgaven["lat"].notna() & opgaven["lon"].notna()).to_numpy()
    latlon = shapely.points(
        opgaven["lon"].to_numpy(float), opgaven["lat"].to_numpy(float)
    )
    geometry = np.where(shapely.is_missing(geometry) & has_latlon, latlon, geometry)
    has_rd = (opgaven["x"].notna() & opgaven["y"].notna()).to_numpy()
    if has_rd.any():
        rd = gpd.GeoSeries(
            shapely.points(opgaven["x"].to_numpy(float), opgaven["y"].to_numpy(float)),
            crs="EPSG:28992",
        ).to_crs("EPSG:4326")
        geometry = np.where(
            shapely.is_missing(geometry) & has_rd, rd.to_numpy(), geometry
        )
    has = ~shapely.is_missing(geometry) & ~shapely.is_empty(geometry)
    if not has.any():
        return None
    frame = opgaven.loc[has].rename(columns={"id": "opgave_id"})[LOCATION_COLUMNS]
    return gpd.GeoDataFrame(
        frame.reset_index(drop=True), geometry=list(geometry[has]), crs="EPSG:4326"
    )
