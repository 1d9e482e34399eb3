"""The files source: a CBS GeoPackage / GeoJSON and kwb-YYYY.xlsx / .csv in a folder."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import numpy as np
import pyogrio
import pytest

from pipelines.errors import SourceError
from pipelines.sources import get_source
from pipelines.sources.base import BUURT_COLUMNS, GEMEENTE_COLUMNS, WIJK_COLUMNS
from pipelines.sources.files import FilesSource, parse_numbers, read_kwb_table, to_float
from tests import cbs_fixtures as fx

GM = "GM0214"


@pytest.fixture(scope="module")
def gpkg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fx.write_gpkg(tmp_path_factory.mktemp("gpkg") / "wijkenbuurten_2024_v1.gpkg")


def folder_with(tmp_path: Path, gpkg: Path, kwb: str = "xlsx") -> Path:
    shutil.copy(gpkg, tmp_path / gpkg.name)
    rows = fx.kwb_rows(GM)
    if kwb == "xlsx":
        fx.write_kwb_xlsx(tmp_path / "kwb-2024.xlsx", rows)
    elif kwb == "csv":
        fx.write_kwb_csv(tmp_path / "kwb-2024.csv", rows)
    return tmp_path


def test_files_01_gpkg_and_xlsx(tmp_path: Path, gpkg: Path) -> None:
    assert pyogrio.read_info(gpkg, layer="buurten")["crs"] == "EPSG:28992"
    data = FilesSource(folder_with(tmp_path, gpkg)).load(GM, 2024, fx.catalogue())
    assert list(data.buurten.columns) == BUURT_COLUMNS
    assert list(data.wijken.columns) == WIJK_COLUMNS
    assert list(data.gemeente.columns) == GEMEENTE_COLUMNS
    assert (len(data.buurten), len(data.wijken), len(data.gemeente)) == (39, 7, 1)
    for frame in (data.buurten, data.wijken, data.gemeente):
        assert frame.crs.to_epsg() == 4326
    # Reprojected back from RD New: Buren lies around 5.2-5.5 E, 51.9-52.0 N.
    minx, miny, maxx, maxy = data.gemeente.total_bounds
    assert 5.1 < minx < maxx < 5.6 and 51.8 < miny < maxy < 52.1
    assert data.buurten.geometry.isna().sum() == 1  # BU02140000 has no geometry
    kwb = data.kwb.set_index("code")
    assert "NL00" not in kwb.index and "GM0216" not in kwb.index
    assert kwb.loc["GM0214", "aantal_inwoners"] == 27773
    assert kwb.loc["WK021401", "name"] == "Wijk 01 Beusichem"
    assert kwb.loc["BU02140001", "level"] == "buurt"
    assert kwb.loc["BU02140002", "gemiddelde_woz"] == 302  # read from g_wozbag
    assert math.isnan(kwb.loc["BU02140000", "aantal_inwoners"])  # '.' in the file
    expected = fx.figures(GM).set_index("code")
    readable = [i.key for i in fx.catalogue() if i.kwb and not i.derived]
    for key in readable:
        np.testing.assert_allclose(
            kwb.loc[expected.index, key].to_numpy(float),
            expected[key].to_numpy(float),
            err_msg=key,
        )
    assert [p["location"] for p in data.provenance] == [
        str(tmp_path / "wijkenbuurten_2024_v1.gpkg"),
        str(tmp_path / "kwb-2024.xlsx"),
    ]
    assert all(
        len(p["sha256"]) == 64 and p["licence"] == "CC BY 4.0" for p in data.provenance
    )


def test_files_02_csv_with_semicolon_and_decimal_comma(
    tmp_path: Path, gpkg: Path
) -> None:
    folder = folder_with(tmp_path, gpkg, kwb="csv")
    text = (folder / "kwb-2024.csv").read_text(encoding="cp1252")
    assert ";2,1;" in text  # gemiddelde huishoudensgrootte with a decimal comma
    data = FilesSource(folder).load(GM, 2024, fx.catalogue())
    kwb = data.kwb.set_index("code")
    assert kwb.loc["BU02140001", "gemiddelde_huishoudensgrootte"] == pytest.approx(2.1)
    assert kwb.loc["BU02140003", "afstand_huisarts"] == pytest.approx(1.8)
    assert kwb.loc["WK021401", "aantal_inwoners"] == 4015
    assert data.provenance[-1]["location"].endswith("kwb-2024.csv")


def test_files_03_geojson_instead_of_gpkg(tmp_path: Path) -> None:
    for level, layer in fx.LAYER_FILES.items():
        fx.snapshot_layer(level, GM).to_crs(28992).to_file(
            tmp_path / f"{layer}_2024.geojson"
        )
    fx.write_kwb_xlsx(tmp_path / "kwb-2024.xlsx", fx.kwb_rows(GM))
    source = get_source("files", settings=None, folder=str(tmp_path))  # type: ignore[arg-type]
    data = source.load(GM, 2024, fx.catalogue())
    assert data.buurten.crs.to_epsg() == 4326
    assert set(data.buurten["wijkcode"]) == set(data.wijken["wijkcode"])
    assert len(data.provenance) == 4


def test_files_04_missing_kwb_column_names_file_and_column(
    tmp_path: Path, gpkg: Path
) -> None:
    shutil.copy(gpkg, tmp_path / gpkg.name)
    rows = [{k: v for k, v in row.items() if k != "regio"} for row in fx.kwb_rows(GM)]
    path = fx.write_kwb_xlsx(tmp_path / "kwb-2024.xlsx", rows)
    with pytest.raises(SourceError) as info:
        FilesSource(tmp_path).load(GM, 2024, fx.catalogue())
    assert str(path) in str(info.value) and "'regio'" in str(info.value)
    assert "Hint:" in str(info.value)


def test_files_05_missing_indicator_column_is_a_warning(
    tmp_path: Path, gpkg: Path
) -> None:
    shutil.copy(gpkg, tmp_path / gpkg.name)
    rows = [
        {k: v for k, v in row.items() if k != "g_afs_hp"} for row in fx.kwb_rows(GM)
    ]
    fx.write_kwb_xlsx(tmp_path / "kwb-2024.xlsx", rows)
    data = FilesSource(tmp_path).load(GM, 2024, fx.catalogue())
    assert "afstand_huisarts" not in data.kwb.columns
    assert any("afstand_huisarts (g_afs_hp)" in w for w in data.warnings)


def test_files_06_missing_files_and_layers(tmp_path: Path, gpkg: Path) -> None:
    with pytest.raises(
        SourceError, match=r"wijk- en buurtkaart for 2024.*buurten_2024\.geojson"
    ):
        FilesSource(tmp_path).load(GM, 2024, fx.catalogue())
    shutil.copy(gpkg, tmp_path / gpkg.name)
    with pytest.raises(SourceError, match=r"No KWB table for 2024.*kwb-2024\.xlsx"):
        FilesSource(tmp_path).load(GM, 2024, fx.catalogue())
    broken = tmp_path / "other" / "wijkenbuurten_2024.gpkg"
    broken.parent.mkdir()
    fx.snapshot_layer("wijk", GM).to_file(broken, layer="wijken", driver="GPKG")
    fx.write_kwb_xlsx(broken.parent / "kwb-2024.xlsx", fx.kwb_rows(GM))
    with pytest.raises(SourceError, match="has no layer 'buurten'"):
        FilesSource(broken.parent).load(GM, 2024, fx.catalogue())
    with pytest.raises(SourceError, match="does not exist"):
        FilesSource(tmp_path / "nowhere").load(GM, 2024, fx.catalogue())


def test_files_07_unknown_gemeente(tmp_path: Path, gpkg: Path) -> None:
    folder = folder_with(tmp_path, gpkg)
    with pytest.raises(SourceError, match="no buurten of gemeente GM0001"):
        FilesSource(folder).load("GM0001", 2024, fx.catalogue())


def test_files_08_header_below_title_and_padded_names(tmp_path: Path) -> None:
    path = tmp_path / "kwb-2024.csv"
    path.write_text(
        "Kerncijfers wijken en buurten 2024;;\n"
        "gwb_code_10 ;regio;a_inw \n"
        "GM0214;Buren;27773\n"
        "BU02140000;Buren-Oude Kern;.\n",
        encoding="utf-8",
    )
    table = read_kwb_table(path)
    assert list(table.columns) == ["gwb_code_10", "regio", "a_inw"]
    assert table["a_inw"].tolist() == ["27773", "."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2,5", 2.5), ("1.234,5", 1234.5), ("1.5", 1.5), (" 42 ", 42.0), (7, 7.0)],
)
def test_files_09_to_float(text: object, expected: float) -> None:
    assert to_float(text) == expected


def test_files_10_missing_tokens_and_codes() -> None:
    import pandas as pd

    values, warnings = parse_numbers(
        pd.Series([".", "x", "-", "", "-99997", "-99995", "12", "abc"]), "f"
    )
    assert values.isna().tolist() == [True] * 6 + [False, True]
    assert values.iloc[6] == 12
    assert len(warnings) == 1 and "'abc'" in warnings[0]
