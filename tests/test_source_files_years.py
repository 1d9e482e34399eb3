"""The files source with several kwb-YYYY files and an earlier year's buurtkaart."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box

from pipelines.build import build_gemeente
from pipelines.gemeente import load_gemeente
from pipelines.settings import PROJECT_ROOT, Settings
from pipelines.sources.files import FilesSource
from pipelines.store import read_layer
from tests import cbs_fixtures as fx

GM = "GM0214"


@pytest.fixture(scope="module")
def gpkg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fx.write_gpkg(tmp_path_factory.mktemp("gpkg") / "wijkenbuurten_2024_v1.gpkg")


def old_buurtkaart(folder: Path) -> None:
    """Two made-up 2017 buurten splitting Buren into a west and an east half."""
    gemeente = fx.snapshot_layer("gemeente", GM).to_crs(28992)
    minx, miny, maxx, maxy = gemeente.total_bounds
    middle = (minx + maxx) / 2
    frame = gpd.GeoDataFrame(
        {
            "buurtcode": ["BU02149001", "BU02149002"],
            "buurtnaam": ["West (2017)", "Oost (2017)"],
            "wijkcode": ["WK021490", "WK021490"],
            "gemeentecode": GM,
        },
        geometry=[box(minx, miny, middle, maxy), box(middle, miny, maxx, maxy)],
        crs=28992,
    ).clip(gemeente.geometry.iloc[0])
    frame.to_crs(4326).to_file(folder / "buurten_2017.geojson", driver="GeoJSON")


def folder_with_years(tmp_path: Path, gpkg: Path) -> Path:
    shutil.copy(gpkg, tmp_path / gpkg.name)
    fx.write_kwb_xlsx(tmp_path / "kwb-2024.xlsx", fx.kwb_rows(GM))
    rows = [
        {"gwb_code_10": "GM0214", "regio": "Buren", "recs": "Gemeente", "a_inw": 3000},
        {"gwb_code_10": "BU02149001", "regio": "West", "recs": "Buurt", "a_inw": 1000},
        {"gwb_code_10": "BU02149002", "regio": "Oost", "recs": "Buurt", "a_inw": 2000},
    ]
    fx.write_kwb_csv(tmp_path / "kwb-2017.csv", rows)
    old_buurtkaart(tmp_path)
    # a file without a year in its name, and one whose columns are not KWB's
    fx.write_kwb_csv(tmp_path / "kwb-oud.csv", rows)
    (tmp_path / "kwb-2019.csv").write_text(
        "gwb_code_10;regio;inwonertal\nGM0214;Buren;27000\n", encoding="utf-8"
    )
    return tmp_path


def test_files_years_01_every_file_one_year(tmp_path: Path, gpkg: Path) -> None:
    folder = folder_with_years(tmp_path, gpkg)
    data = FilesSource(folder).load(GM, 2024, fx.catalogue())
    assert data.years == [2017, 2024]
    # the unrecognised file is named with what it has and what was expected
    assert "inwonertal" in data.unavailable[2019] and "a_inw" in data.unavailable[2019]
    assert "kwb-2019.csv" in data.unavailable[2019]
    assert any("kwb-oud.csv" in w and "jaar" in w for w in data.warnings)
    # 2017's buurten are not today's: that year's buurtkaart comes along
    assert sorted(data.history[2017]["buurtcode"]) == ["BU02149001", "BU02149002"]
    keys = {(k["year"], k["indicator"]): k for k in data.source_keys}
    assert keys[(2017, "aantal_inwoners")]["key"] == "a_inw"
    assert keys[(2017, "aantal_inwoners")]["table"] == "kwb-2017.csv"


def test_files_years_02_build_allocates_by_area_and_keeps_totals(
    tmp_path: Path, gpkg: Path, settings: Settings
) -> None:
    cbs = tmp_path / "cbs"
    cbs.mkdir()
    folder = folder_with_years(cbs, gpkg)
    config = load_gemeente(PROJECT_ROOT / "geodata/gemeenten/buren.toml")
    result = build_gemeente(
        replace(settings, build_dir=tmp_path / "build"),
        config,
        "files",
        cbs_dir=str(folder),
    )
    table = read_layer(result.path, "indicators")
    kern = table[
        (table.level == "kern")
        & (table.indicator == "aantal_inwoners")
        & (table.year == 2017)
    ]
    history = read_layer(result.path, "buurten_historie")
    # every kern that holds at least a sliver (5 %) of an old buurt gets a part
    assert set(kern["code"]) == set(history["kern"]) and len(kern) > 8
    assert kern["value"].sum() == pytest.approx(3000)  # the old total, exactly
    assert (kern["methode"] == "oppervlakte").any()
    split = kern[kern["methode"] == "oppervlakte"]
    assert (split["aandeel_geschat"] > 0).all()
    shares = history.groupby("code")["share"].sum()
    assert shares.to_dict() == pytest.approx({"BU02149001": 1.0, "BU02149002": 1.0})
    assert any("2019" in w for w in result.warnings)
