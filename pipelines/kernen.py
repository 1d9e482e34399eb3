"""Kernen from buurten: repair, dissolve in RD New, label points, display geometry.

All area work happens in RD New (EPSG:28992); the display layer is WGS84
(EPSG:4326) for the browser.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from pipelines.gemeente import GemeenteConfig

logger = logging.getLogger(__name__)

RD_NEW = 28992
WGS84 = 4326
DISPLAY_TOLERANCE_M = 25.0


@dataclass
class KernenResult:
    """Buurten with their kern, the dissolved kernen, and what was repaired."""

    buurten: gpd.GeoDataFrame
    kernen: gpd.GeoDataFrame
    warnings: list[str] = field(default_factory=list)


def _polygonal(geom: BaseGeometry | None) -> BaseGeometry | None:
    """Keep only the polygonal parts of a geometry (make_valid may add lines)."""
    if geom is None or geom.is_empty:
        return None
    if isinstance(geom, Polygon | MultiPolygon):
        return geom
    parts = [
        g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon | MultiPolygon)
    ]
    polys = [
        p for g in parts for p in (g.geoms if isinstance(g, MultiPolygon) else [g])
    ]
    return MultiPolygon(polys) if len(polys) > 1 else (polys[0] if polys else None)


def repair_geometries(buurten: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Make buurt geometry valid and report what was repaired or is missing.

    Parameters
    ----------
    buurten : GeoDataFrame
        Must have ``buurtcode`` and ``name``; any CRS.

    Returns
    -------
    (GeoDataFrame, list of str)
        A copy with a ``geometry_status`` column (``ok``, ``repaired`` or
        ``missing``) and one warning per repaired or missing buurt.
    """
    out = buurten.copy()
    warnings: list[str] = []
    status = np.full(len(out), "ok", dtype=object)
    geoms = out.geometry.array
    missing = out.geometry.isna().to_numpy() | out.geometry.is_empty.to_numpy()
    invalid = ~missing & ~out.geometry.is_valid.to_numpy()
    repaired = list(geoms)
    for i in np.flatnonzero(invalid):
        reason = shapely.is_valid_reason(geoms[i])
        repaired[i] = _polygonal(shapely.make_valid(geoms[i]))
        status[i] = "repaired"
        warnings.append(
            f"Buurt {out['buurtcode'].iat[i]} ({out['name'].iat[i]}): invalid geometry "
            f"({reason}) repaired with make_valid."
        )
    for i in np.flatnonzero(missing):
        repaired[i] = None
        status[i] = "missing"
        warnings.append(
            f"Buurt {out['buurtcode'].iat[i]} ({out['name'].iat[i]}) has no "
            "geometry in "
            "the source; it counts for its kern's figures but not for its shape."
        )
    out = out.set_geometry(gpd.GeoSeries(repaired, index=out.index, crs=out.crs))
    out["geometry_status"] = status
    return out, warnings


def label_point(geom: BaseGeometry | None) -> BaseGeometry | None:
    """A point well inside the polygon (its largest part's pole of inaccessibility)."""
    if geom is None or geom.is_empty:
        return None
    parts = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom]
    largest = max(parts, key=lambda p: p.area)
    tolerance = max(largest.length / 500.0, 1.0)
    point = shapely.ops.polylabel(largest, tolerance=tolerance)
    return point if largest.contains(point) else largest.representative_point()


def assign_kernen(
    buurten: gpd.GeoDataFrame, config: GemeenteConfig
) -> gpd.GeoDataFrame:
    """Add ``kern_slug`` and ``kern`` (name) to every buurt from the gemeente file."""
    kern_of = config.kern_of_buurt()
    names = {k.slug: k.naam for k in config.kernen}
    out = buurten.copy()
    out["kern_slug"] = out["buurtcode"].map(kern_of)
    out["kern"] = out["kern_slug"].map(names)
    return out


def dissolve_kernen(buurten: gpd.GeoDataFrame, config: GemeenteConfig) -> KernenResult:
    """Dissolve buurten into kern polygons in RD New.

    Parameters
    ----------
    buurten : GeoDataFrame
        Normalised buurten (``buurtcode``, ``name``, ``wijkcode``, geometry),
        any CRS; every buurt must be in the gemeente file (checked before).
    config : GemeenteConfig
        The kernen and their buurtcodes.

    Returns
    -------
    KernenResult
        ``buurten`` in EPSG:28992 with ``kern_slug``, ``kern`` and
        ``geometry_status``; ``kernen`` in EPSG:28992 with ``kern_slug``,
        ``name``, ``n_buurten``, ``buurtcodes``, ``wijkcodes``, ``area_ha``,
        ``label_x``/``label_y`` (RD) and ``n_buurten_zonder_geometrie``.
    """
    rd = buurten.to_crs(RD_NEW)
    rd, warnings = repair_geometries(rd)
    rd = assign_kernen(rd, config)
    rows = []
    positions = rd.groupby("kern_slug", sort=False).indices
    geoms = rd.geometry.to_numpy()
    codes = rd["buurtcode"].to_numpy()
    wijken = rd["wijkcode"].to_numpy()
    missing = (rd["geometry_status"] == "missing").to_numpy()
    for kern in config.kernen:
        idx = positions.get(kern.slug, np.array([], dtype=int))
        shapes = [g for g in geoms[idx] if g is not None]
        geom = shapely.union_all(shapes) if shapes else None
        geom = _polygonal(shapely.make_valid(geom)) if geom is not None else None
        if geom is None:
            warnings.append(
                f"Kern {kern.naam} has no geometry: none of its buurten has one."
            )
        point = label_point(geom)
        rows.append(
            {
                "kern_slug": kern.slug,
                "name": kern.naam,
                "n_buurten": len(idx),
                "n_buurten_zonder_geometrie": int(missing[idx].sum()),
                "buurtcodes": ",".join(sorted(codes[idx])),
                "wijkcodes": ",".join(sorted(set(wijken[idx]))),
                "area_ha": round(geom.area / 10_000, 1) if geom is not None else np.nan,
                "label_x": point.x if point is not None else np.nan,
                "label_y": point.y if point is not None else np.nan,
                "geometry": geom,
            }
        )
    kernen = gpd.GeoDataFrame(rows, geometry="geometry", crs=RD_NEW)
    for w in warnings:
        logger.warning(w)
    return KernenResult(buurten=rd, kernen=kernen, warnings=warnings)


def display_layer(
    frame: gpd.GeoDataFrame, tolerance_m: float = DISPLAY_TOLERANCE_M
) -> gpd.GeoDataFrame:
    """Simplify a polygon coverage for the browser and reproject to WGS84.

    Uses GEOS coverage simplification, so borders that two areas share are
    simplified once and stay shared (no slivers or gaps). Rows without
    geometry are kept with an empty geometry. Input in EPSG:28992.

    Parameters
    ----------
    frame : GeoDataFrame
        A non-overlapping polygon coverage in RD New.
    tolerance_m : float
        Simplification tolerance in metres.
    """
    if frame.crs is None or frame.crs.to_epsg() != RD_NEW:
        frame = frame.to_crs(RD_NEW)
    geoms = frame.geometry.to_numpy()
    has = np.array([g is not None and not g.is_empty for g in geoms])
    simplified = geoms.copy()
    if has.any():
        simplified[has] = shapely.coverage_simplify(geoms[has], tolerance_m)
        simplified[has] = [_polygonal(shapely.make_valid(g)) for g in simplified[has]]
    out = frame.set_geometry(gpd.GeoSeries(simplified, index=frame.index, crs=RD_NEW))
    return out.to_crs(WGS84)


def label_points_wgs84(kernen: gpd.GeoDataFrame) -> pd.DataFrame:
    """Lon/lat of the kern label points (from ``label_x``/``label_y`` in RD)."""
    pts = gpd.GeoSeries(
        gpd.points_from_xy(kernen["label_x"], kernen["label_y"]), crs=RD_NEW
    ).to_crs(WGS84)
    return pd.DataFrame(
        {
            "label_lon": pts.x.round(6).to_numpy(),
            "label_lat": pts.y.round(6).to_numpy(),
        },
        index=kernen.index,
    )
