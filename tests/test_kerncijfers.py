"""Kern figures of several years: aggregation from parts, crosswalks, flags."""

from __future__ import annotations

import math
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from pipelines.catalogue import Catalogue
from pipelines.crosswalk import (
    AREA,
    EXACT,
    MOVED,
    area_allocation,
    code_allocation,
    identity_allocation,
)
from pipelines.indicators import aggregate_year, derive_shares
from pipelines.settings import PROJECT_ROOT

NAMES = {"dorp": "Dorp", "veld": "Veld"}


def value(table: pd.DataFrame, code: str, indicator: str) -> pd.Series:
    row = table[
        (table.level == "kern") & (table.code == code) & (table.indicator == indicator)
    ]
    assert len(row) == 1, (code, indicator)
    return row.iloc[0]


def three_buurten() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code": ["BU1", "BU2", "BU3"],
            "level": "buurt",
            "name": ["b1", "b2", "b3"],
            "aantal_inwoners": [1000.0, 400.0, 100.0],
            "inwoners_65_plus": [150.0, 100.0, math.nan],  # BU3 suppressed by CBS
            "inwoners_0_15": [200.0, 40.0, 20.0],
            "woningvoorraad": [450.0, 150.0, 40.0],
            "gemiddelde_woz": [300.0, 400.0, 500.0],
        }
    )


def test_kern_of_three_buurten_counts_and_shares(catalogue: Catalogue) -> None:
    allocation = identity_allocation({"BU1": "dorp", "BU2": "dorp", "BU3": "dorp"})
    table = aggregate_year(three_buurten(), allocation, NAMES, catalogue, 2024)
    table = derive_shares(table, catalogue)
    inw = value(table, "dorp", "aantal_inwoners")
    assert inw["value"] == 1500 and inw["n_parts"] == 3 and inw["year"] == 2024
    old = value(table, "dorp", "inwoners_65_plus")
    # the suppressed buurt is missing, not zero: summed over two, and counted
    assert old["value"] == 250 and old["n_missing"] == 1
    # a share from the summed parts: 260 / 1500, not the mean of 20 %, 10 %, 20 %
    jeugd = value(table, "dorp", "aandeel_0_15")
    assert jeugd["value"] == pytest.approx(260 / 1500 * 100)
    # WOZ weighted by dwellings: (300*450 + 400*150 + 500*40) / 640
    woz = value(table, "dorp", "gemiddelde_woz")
    assert woz["value"] == pytest.approx((135000 + 60000 + 20000) / 640)
    assert inw["methode"] == EXACT and inw["aandeel_geschat"] == 0


def test_all_parts_suppressed_gives_no_share(catalogue: Catalogue) -> None:
    frame = three_buurten().assign(inwoners_65_plus=math.nan)
    allocation = identity_allocation({"BU1": "dorp", "BU2": "dorp", "BU3": "dorp"})
    table = derive_shares(
        aggregate_year(frame, allocation, NAMES, catalogue, 2024), catalogue
    )
    assert not (table["indicator"] == "aandeel_65_plus").any()


def split_allocation() -> pd.DataFrame:
    """Old buurt BU9 split 60/40 over dorp and veld; old BU8 wholly inside dorp."""
    return pd.DataFrame(
        {
            "code": ["BU9", "BU9", "BU8"],
            "kern": ["dorp", "veld", "dorp"],
            "share": [0.6, 0.4, 1.0],
            "methode": [AREA, AREA, EXACT],
        }
    )


def test_crosswalk_split_keeps_totals_and_recomputes_rates(
    catalogue: Catalogue,
) -> None:
    old = pd.DataFrame(
        {
            "code": ["BU9", "BU8"],
            "level": "buurt",
            "name": ["oud9", "oud8"],
            "aantal_inwoners": [1000.0, 500.0],
            "inwoners_65_plus": [200.0, 50.0],
            "woningvoorraad": [400.0, 200.0],
            "gemiddelde_woz": [250.0, 400.0],
        }
    )
    table = derive_shares(
        aggregate_year(old, split_allocation(), NAMES, catalogue, 2017), catalogue
    )
    dorp, veld = (
        value(table, "dorp", "aantal_inwoners"),
        value(table, "veld", "aantal_inwoners"),
    )
    assert dorp["value"] == pytest.approx(600 + 500)
    assert veld["value"] == pytest.approx(400)
    assert dorp["value"] + veld["value"] == pytest.approx(1500)  # total preserved
    assert dorp["methode"] == AREA and veld["methode"] == AREA
    assert dorp["aandeel_geschat"] == pytest.approx(600 / 1100)
    assert veld["aandeel_geschat"] == pytest.approx(1.0)
    # the share is recomputed from the allocated parts: (0.6*200 + 50) / 1100
    assert value(table, "dorp", "aandeel_65_plus")["value"] == pytest.approx(
        170 / 1100 * 100
    )
    # WOZ: (250*240 + 400*200) / 440 for dorp; veld keeps the old buurt's 250
    assert value(table, "dorp", "gemiddelde_woz")["value"] == pytest.approx(
        (250 * 240 + 400 * 200) / 440
    )
    assert value(table, "veld", "gemiddelde_woz")["value"] == pytest.approx(250)


def squares() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Two kernen side by side (RD New); old BU9 straddles them 60/40."""
    current = gpd.GeoDataFrame(
        {"buurtcode": ["BU1", "BU2"]},
        geometry=[box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000)],
        crs=28992,
    )
    kernen = gpd.GeoDataFrame(
        {"kern_slug": ["dorp", "veld"]}, geometry=current.geometry, crs=28992
    )
    old = gpd.GeoDataFrame(
        {"buurtcode": ["BU9", "BU8"]},
        geometry=[box(400, 0, 1400, 1000), box(0, 0, 390, 1000)],
        crs=28992,
    )
    return old, current, kernen


def test_area_allocation_of_a_hand_made_buurtkaart() -> None:
    old, current, kernen = squares()
    allocation = area_allocation(old, current, kernen).set_index(["code", "kern"])
    assert allocation.loc[("BU9", "dorp"), "share"] == pytest.approx(0.6)
    assert allocation.loc[("BU9", "veld"), "share"] == pytest.approx(0.4)
    assert allocation.loc[("BU9", "dorp"), "methode"] == AREA
    # BU8 lies wholly in dorp but is not the same as any current buurt
    assert allocation.loc[("BU8", "dorp"), "share"] == 1.0
    assert allocation.loc[("BU8", "dorp"), "methode"] == MOVED
    shares = allocation.groupby(level="code")["share"].sum()
    assert shares.to_dict() == pytest.approx({"BU8": 1.0, "BU9": 1.0})


def test_code_allocation_flags_moved_borders_from_geometry() -> None:
    old, current, kernen = squares()
    table = pd.DataFrame({"buurtcode_oud": ["BU9", "BU8"], "buurtcode": ["BU2", "BU1"]})
    kern_of = {"BU1": "dorp", "BU2": "veld"}
    without = code_allocation(table, kern_of).set_index("code")
    assert set(without["methode"]) == {EXACT}  # no geometry: nothing to say
    flagged = code_allocation(table, kern_of, old, current, kernen).set_index("code")
    assert flagged.loc["BU9", "kern"] == "veld" and flagged.loc["BU9", "share"] == 1
    assert flagged.loc["BU9", "iou"] == pytest.approx(400 / 1600)
    assert flagged.loc["BU9", "methode"] == MOVED
    assert flagged.loc["BU8", "methode"] == MOVED  # 390 of 1000: moved as well


def real_2017(gemeenten: tuple[str, ...]) -> gpd.GeoDataFrame:
    frame = gpd.read_file(PROJECT_ROOT / "geodata/cbs/2017/buurten_2017.geojson")
    frame = frame[frame["statcode"].str[2:6].isin(gemeenten)]
    return frame.rename(columns={"statcode": "buurtcode"})[["buurtcode", "geometry"]]


def real_2024() -> gpd.GeoDataFrame:
    frame = gpd.read_file(PROJECT_ROOT / "geodata/cbs/2024/buurten_2024.geojson")
    frame = frame[frame["statcode"].str.startswith("BU1960")]
    return frame.rename(columns={"statcode": "buurtcode"})[["buurtcode", "geometry"]]


def test_real_2017_buurten_of_lingewaal_and_neerijnen_flag_moved_borders() -> None:
    from pipelines.gemeente import load_correspondence, load_gemeente

    config = load_gemeente(PROJECT_ROOT / "geodata/gemeenten/west-betuwe.toml")
    table = load_correspondence(config, 2017)
    assert table is not None and len(table) == 66
    old = real_2017(("0733", "0304"))
    current = real_2024()
    mine = table[table["buurtcode_oud"].isin(old["buurtcode"])]
    allocation = code_allocation(mine, config.kern_of_buurt(), old, current)
    moved = set(allocation.loc[allocation["methode"] == MOVED, "code"])
    # Haaften, Tuil and Hellouw (Neerijnen) visibly moved; Asperen's old kern did not
    assert {"BU03040000", "BU03040001", "BU03040002"} <= moved
    assert "BU07330000" not in moved
    assert len(moved) < len(allocation) / 3  # most buurten are unchanged


def test_correspondence_table_covers_every_buurt_once() -> None:
    from pipelines.gemeente import load_correspondence, load_gemeente

    config = load_gemeente(PROJECT_ROOT / "geodata/gemeenten/west-betuwe.toml")
    table = load_correspondence(config, 2017)
    assert table is not None
    assert sorted(table["buurtcode"]) == sorted(config.kern_of_buurt())
    assert table["buurtcode_oud"].is_unique
    assert load_correspondence(config, 2016) is None


def test_bad_correspondence_row_names_file_row_and_column(tmp_path: Path) -> None:
    from pipelines.errors import ConfigError
    from pipelines.gemeente import load_correspondence, load_gemeente

    source = PROJECT_ROOT / "geodata/gemeenten/west-betuwe.toml"
    config_path = tmp_path / "west-betuwe.toml"
    config_path.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "west-betuwe.buurten-2017.csv").write_text(
        "# test\nbuurtcode_oud,buurtcode\nBU03040000,BU19600500\nBU0304001,BU19600501\n",
        encoding="utf-8",
    )
    config = load_gemeente(config_path)
    with pytest.raises(ConfigError, match=r"line 4, column buurtcode_oud: 'BU0304001'"):
        load_correspondence(config, 2017)
