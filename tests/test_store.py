"""The store: metadata, layers, and atomic writes that never damage a previous store."""

from __future__ import annotations

import sqlite3

import pytest

import pipelines.store as store
from pipelines.build import build_gemeente
from pipelines.gemeente import resolve_gemeenten
from pipelines.settings import Settings
from pipelines.store import list_layers, read_layer, read_metadata, summarize_store


@pytest.fixture
def buren(settings: Settings):
    return resolve_gemeenten(settings.gemeenten_dir, "buren")[0]


def test_store_holds_layers_crs_and_metadata(settings: Settings, buren) -> None:
    result = build_gemeente(settings, buren, "snapshot")
    assert result.path.name == "buren-intern.gpkg"
    layers = set(list_layers(result.path))
    assert {
        "gemeente",
        "wijken",
        "buurten",
        "kernen",
        "kernen_display",
        "indicators",
        "metadata",
    } <= layers
    assert read_layer(result.path, "kernen").crs.to_epsg() == 28992
    assert read_layer(result.path, "kernen_display").crs.to_epsg() == 4326
    meta = read_metadata(result.path)
    assert meta["gemeentecode"] == "GM0214" and meta["audience"] == "intern"
    assert meta["year"] == 2024 and meta["voorbeelddata"] is False
    assert {s["licence"] for s in meta["sources"]} == {"CC BY 4.0"}
    assert (
        "buren.toml" in meta["input_hashes"]
        and "indicators.toml" in meta["input_hashes"]
    )
    assert any("BU02140000" in w for w in meta["warnings"])
    # the file is a GeoPackage QGIS can read: its contents table lists the layers
    with sqlite3.connect(result.path) as con:
        kinds = dict(con.execute("select table_name, data_type from gpkg_contents"))
    assert kinds["kernen"] == "features" and kinds["indicators"] == "attributes"


def test_failed_build_leaves_previous_store_byte_identical(
    settings: Settings, buren, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_gemeente(settings, buren, "snapshot").path
    before = first.read_bytes()
    calls = {"n": 0}
    real = store._write_layer

    def failing(path, name, frame):  # noqa: ANN001
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError("disk full (simulated)")
        real(path, name, frame)

    monkeypatch.setattr(store, "_write_layer", failing)
    with pytest.raises(OSError, match="disk full"):
        build_gemeente(settings, buren, "snapshot")
    assert calls["n"] == 4  # it really failed midway
    assert first.read_bytes() == before
    assert [p.name for p in settings.build_dir.iterdir()] == ["buren-intern.gpkg"]


def test_summary_lists_kernen_with_buurten(settings: Settings, buren) -> None:
    path = build_gemeente(settings, buren, "snapshot").path
    summary = summarize_store(path)
    kernen = summary.kernen.set_index("name")
    assert len(kernen) == 16
    assert kernen.loc["Buren", "buurtcodes"].startswith("BU02140000,BU02140001")
    assert summary.layers["buurten"] == 39


def test_a_store_of_an_older_format_is_stale(settings) -> None:  # noqa: ANN001
    """`kernenkaart start` rebuilds a store that an older build wrote."""
    from cli.serve import stale_stores
    from pipelines.build import build_gemeente
    from pipelines.gemeente import resolve_gemeenten
    from pipelines.store import read_layer, read_metadata, write_store

    config = resolve_gemeenten(settings.gemeenten_dir, "buren")[0]
    path = build_gemeente(settings, config, "snapshot", years=[2024]).path
    assert not stale_stores(settings, ["buren"], ("intern",))
    metadata = {**read_metadata(path), "store_format": 1}
    write_store(path, {"kernen": read_layer(path, "kernen")}, metadata)
    assert stale_stores(settings, ["buren"], ("intern",))
