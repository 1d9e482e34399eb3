"""Synthetic national-scale input: ~14,000 buurten grouped into ~2,500 kernen.

The buurten are Voronoi cells of random points over a 200 x 280 km box in RD
New (EPSG:28992), so they form a real coverage with shared borders; kernen
and wijken are groups of neighbouring cells (nearest seed). Figures are
random but plausible. Used by the build and dashboard benchmarks only.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from pipelines.catalogue import load_catalogue
from pipelines.gemeente import GemeenteConfig, KernConfig
from pipelines.settings import load_settings
from pipelines.sources.base import CbsData

GEMEENTECODE = "GM9999"
BOX = (13_000.0, 306_000.0, 213_000.0, 586_000.0)  # xmin, ymin, xmax, ymax (RD)


def _cells(n: int, rng: np.random.Generator) -> np.ndarray:
    xmin, ymin, xmax, ymax = BOX
    pts = shapely.points(rng.uniform(xmin, xmax, n), rng.uniform(ymin, ymax, n))
    box = shapely.box(*BOX)
    cells = shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=box)
    polys = shapely.intersection(np.asarray(shapely.get_parts(cells)), box)
    return polys


def _nearest_group(
    geoms: np.ndarray, n_groups: int, rng: np.random.Generator
) -> np.ndarray:
    centroids = shapely.centroid(geoms)
    seeds = rng.choice(len(geoms), size=n_groups, replace=False)
    tree = shapely.STRtree(centroids[seeds])
    source_idx, seed_idx = tree.query_nearest(centroids, all_matches=False)
    groups = np.empty(len(geoms), dtype=int)
    groups[source_idx] = seed_idx
    return groups


def _year_frame(
    codes: np.ndarray,
    names: pd.Series,
    area_ha: np.ndarray,
    year: int,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Plausible random KWB buurt figures of one year."""
    n = len(codes)
    inw = rng.integers(20, 3000, n).astype(float)
    inw[rng.random(n) < 0.03] = np.nan  # suppressed small buurten
    woningen = np.round(inw / rng.uniform(2.0, 2.6, n))
    old = np.round(inw * rng.uniform(0.1, 0.3, n))
    young = np.round(inw * rng.uniform(0.1, 0.2, n))
    return pd.DataFrame(
        {
            "code": codes,
            "level": "buurt",
            "name": names,
            "year": year,
            "aantal_inwoners": inw,
            "inwoners_0_15": young,
            "inwoners_65_plus": old,
            "aantal_huishoudens": np.round(inw / 2.2),
            "woningvoorraad": woningen,
            "oppervlakte_land": area_ha * 0.95,
            "oppervlakte_totaal": area_ha,
            "oppervlakte_water": area_ha * 0.05,
            "bevolkingsdichtheid": inw / (area_ha * 0.95 / 100),
            "gemiddelde_woz": rng.normal(380, 60, n).round(),
            "bedrijfsvestigingen": np.round(inw / rng.uniform(5, 9, n)),
        }
    )


def _changed_indeling(
    rd: gpd.GeoDataFrame, share: float, rng: np.random.Generator
) -> gpd.GeoDataFrame:
    """An earlier indeling: ``share`` of the buurten recoded and their borders moved.

    The changed buurten get new codes (``BU9...``) and are shifted 300 m, so
    they straddle today's kernen and must be allocated by area.
    """
    old = rd[["buurtcode", "name", "geometry"]].copy()
    changed = rng.random(len(old)) < share
    old.loc[changed, "buurtcode"] = [f"BU9{i:07d}" for i in range(changed.sum())]
    old.loc[changed, "geometry"] = old.loc[changed, "geometry"].translate(300.0, 300.0)
    return old


def make_synthetic(
    n_buurten: int = 14_000,
    n_kernen: int = 2_500,
    seed: int = 42,
    years: tuple[int, ...] = (2024,),
    changed_share: float = 0.10,
) -> tuple[GemeenteConfig, CbsData]:
    """A synthetic gemeente config and CBS data at national scale.

    With several ``years``, the first one has an earlier indeling in which
    ``changed_share`` of the buurten were recoded with moved borders.
    """
    rng = np.random.default_rng(seed)
    cells = _cells(n_buurten, rng)
    n = len(cells)
    kern_idx = _nearest_group(cells, n_kernen, rng)
    wijk_idx = _nearest_group(cells, min(n // 4, 9_999), rng)
    codes = np.array([f"BU{i:08d}" for i in range(n)])
    wijkcodes = np.array([f"WK{i:06d}" for i in wijk_idx])
    rd = gpd.GeoDataFrame(
        {
            "buurtcode": codes,
            "name": [f"Buurt {i}" for i in range(n)],
            "wijkcode": wijkcodes,
            "gemeentecode": GEMEENTECODE,
        },
        geometry=cells,
        crs=28992,
    )
    buurten = rd.to_crs(4326)
    wijken = rd.dissolve("wijkcode").reset_index()[["wijkcode", "geometry"]]
    wijken = wijken.assign(name=wijken["wijkcode"], gemeentecode=GEMEENTECODE).to_crs(
        4326
    )
    gemeente = gpd.GeoDataFrame(
        {"gemeentecode": [GEMEENTECODE], "name": ["Synthetisch Nederland"]},
        geometry=[shapely.box(*BOX)],
        crs=28992,
    ).to_crs(4326)
    area_ha = rd.area.to_numpy() / 10_000
    frames, history = [], {}
    for i, year in enumerate(sorted(years)):
        if i == 0 and len(years) > 1:
            old = _changed_indeling(rd, changed_share, rng)
            history[year] = old.to_crs(4326)
            codes_y, area_y = old["buurtcode"].to_numpy(), old.area.to_numpy() / 1e4
            frames.append(_year_frame(codes_y, old["name"], area_y, year, rng))
        else:
            frames.append(_year_frame(codes, rd["name"], area_ha, year, rng))
    kwb = pd.concat(frames, ignore_index=True)
    kernen = tuple(
        KernConfig(
            naam=f"Kern {k}", slug=f"kern-{k}", buurten=tuple(codes[kern_idx == k])
        )
        for k in sorted(set(kern_idx))
    )
    config = GemeenteConfig(
        code=GEMEENTECODE,
        naam="Synthetisch Nederland",
        slug="synthetisch",
        kernen=kernen,
    )
    data = CbsData(
        buurten=buurten,
        wijken=wijken,
        gemeente=gemeente,
        kwb=kwb,
        year=2024,
        history=history,
        provenance=[
            {
                "source": "synthetic",
                "location": "benchmarks/synthetic.py",
                "year": 2024,
                "licence": "-",
                "attribution": "synthetisch",
            }
        ],
    )
    return config, data


def build_synthetic_store(
    build_dir: Path, n_buurten: int = 14_000, n_kernen: int = 2_500, seed: int = 42
) -> Path:
    """Build a national-scale store ``synthetisch-intern.gpkg`` in ``build_dir``."""
    from pipelines.build import cbs_layers
    from pipelines.store import store_path, write_store

    settings = load_settings(build_dir=build_dir)
    catalogue = load_catalogue(settings.geodata_dir / "indicators.toml")
    config, data = make_synthetic(n_buurten, n_kernen, seed)
    layers, warnings = cbs_layers(data, config, catalogue)
    metadata = {
        "store_format": 1,
        "gemeentecode": config.code,
        "gemeente": config.naam,
        "gemeente_slug": config.slug,
        "kleur": "#444444",
        "audience": "intern",
        "year": 2024,
        "source": "synthetic",
        "sources": data.provenance,
        "input_hashes": {},
        "built_at": "synthetic",
        "tool_version": "synthetic",
        "versions": {},
        "voorbeelddata": True,
        "records": {},
        "warnings": warnings,
        "attribution": "Synthetische gegevens voor benchmarks",
    }
    return write_store(store_path(build_dir, config.slug, "intern"), layers, metadata)
