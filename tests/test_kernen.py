"""Dissolve of buurten into kernen: repair, missing geometry, labels, display."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Polygon, box

from pipelines.gemeente import GemeenteConfig, KernConfig
from pipelines.kernen import (
    display_layer,
    dissolve_kernen,
    label_point,
    repair_geometries,
)

# Three RD squares of 1 km2 and one "bow-tie" (self-intersecting) polygon.
BOWTIE = Polygon([(3000, 0), (4000, 1000), (4000, 0), (3000, 1000)])


def buurten() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "buurtcode": [
                "BU00010001",
                "BU00010002",
                "BU00010003",
                "BU00010004",
                "BU00010005",
            ],
            "name": ["a", "b", "c", "bowtie", "leeg"],
            "wijkcode": ["WK000100", "WK000100", "WK000101", "WK000101", "WK000101"],
            "gemeentecode": "GM0001",
        },
        geometry=[
            box(0, 0, 1000, 1000),
            box(1000, 0, 2000, 1000),
            box(2000, 0, 3000, 1000),
            BOWTIE,
            None,
        ],
        crs=28992,
    )


def config() -> GemeenteConfig:
    return GemeenteConfig(
        code="GM0001",
        naam="Test",
        slug="test",
        kernen=(
            KernConfig("Een", "een", ("BU00010001", "BU00010002")),
            KernConfig("Twee", "twee", ("BU00010003", "BU00010004", "BU00010005")),
        ),
    )


def test_invalid_geometry_is_repaired_and_reported() -> None:
    fixed, warnings = repair_geometries(buurten())
    assert fixed.geometry.dropna().is_valid.all()
    assert fixed["geometry_status"].tolist() == [
        "ok",
        "ok",
        "ok",
        "repaired",
        "missing",
    ]
    assert any("BU00010004" in w and "Self-intersection" in w for w in warnings)
    assert any("BU00010005" in w and "no geometry" in w for w in warnings)
    # the bow-tie's two triangles keep their area (2 x 0.25 km2)
    assert fixed.geometry.iloc[3].area == pytest.approx(500_000)


def test_dissolve_areas_members_and_labels() -> None:
    result = dissolve_kernen(buurten(), config())
    kernen = result.kernen.set_index("kern_slug")
    assert kernen.crs.to_epsg() == 28992
    assert kernen.loc["een", "area_ha"] == pytest.approx(200.0)
    assert kernen.loc["twee", "area_ha"] == pytest.approx(150.0)
    assert kernen.loc["twee", "n_buurten"] == 3
    assert kernen.loc["twee", "n_buurten_zonder_geometrie"] == 1
    assert kernen.loc["een", "buurtcodes"] == "BU00010001,BU00010002"
    assert kernen.loc["twee", "wijkcodes"] == "WK000101"
    # dissolve removes the internal border: one polygon for "een"
    assert kernen.loc["een", "geometry"].geom_type == "Polygon"
    for slug in ("een", "twee"):
        point = shapely.Point(kernen.loc[slug, "label_x"], kernen.loc[slug, "label_y"])
        assert kernen.loc[slug, "geometry"].contains(point)


def test_kern_with_only_missing_geometry_is_reported_not_a_crash() -> None:
    cfg = GemeenteConfig(
        code="GM0001",
        naam="Test",
        slug="test",
        kernen=(
            KernConfig(
                "Een", "een", ("BU00010001", "BU00010002", "BU00010003", "BU00010004")
            ),
            KernConfig("Leeg", "leeg", ("BU00010005",)),
        ),
    )
    result = dissolve_kernen(buurten(), cfg)
    assert result.kernen.set_index("kern_slug").loc["leeg", "geometry"] is None
    assert any("Kern Leeg has no geometry" in w for w in result.warnings)


def test_label_point_lies_inside_concave_shape() -> None:
    u_shape = Polygon([(0, 0), (3, 0), (3, 3), (2, 3), (2, 1), (1, 1), (1, 3), (0, 3)])
    assert u_shape.contains(label_point(u_shape))
    assert not u_shape.contains(u_shape.centroid)  # why the centroid would be wrong


def test_display_layer_keeps_shared_borders_shared() -> None:
    # two neighbours with a wiggly shared border: simplify both, no gap, no overlap
    wiggle = [(1000 + (7 if i % 2 else -7), i * 20) for i in range(51)]
    left = Polygon([(0, 0), *wiggle, (0, 1000)])
    right = Polygon([(2000, 0), (2000, 1000), *reversed(wiggle)])
    frame = gpd.GeoDataFrame(
        {"kern_slug": ["l", "r"]}, geometry=[left, right], crs=28992
    )
    shown = display_layer(frame, tolerance_m=25)
    assert shown.crs.to_epsg() == 4326
    rd = shown.to_crs(28992)
    assert rd.geometry.iloc[0].intersection(rd.geometry.iloc[1]).area < 1.0
    assert rd.union_all().area == pytest.approx(left.union(right).area, rel=1e-4)
    assert len(shapely.get_coordinates(rd.geometry.iloc[0])) < len(left.exterior.coords)
